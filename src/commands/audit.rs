//! `svcacct audit`: every credential the caller may see — service-account secrets, personal
//! access tokens (the caller's; every user's for user managers), app installs — with created,
//! last used and expires, each checked against rules (default `unused>90d,age>180d,expires<14d`).
//! `--fail-on` makes a broken rule exit 10, for a scheduled CI job.

use serde::Serialize;

use crate::api::tokens::Owner;

use crate::commands::args::ListFormatArgs;
use crate::context::Context;
use crate::error::{Error, ErrorKind, Result};
use clap::Args;

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The rules to flag credentials by: unused>SPAN, age>SPAN, expires<SPAN (d, h, m)
    #[arg(long, value_name = "RULES", default_value = crate::commands::audit::DEFAULT_RULES)]
    pub rules: String,
    /// Exit 10 when any credential breaks one of these rules (alone: the --rules)
    #[arg(long, value_name = "RULES", num_args = 0..=1, default_missing_value = "")]
    pub fail_on: Option<String>,
    /// With --fail-on: pass even when some credentials could not be seen (else exit 5)
    #[arg(long, requires = "fail_on")]
    pub allow_partial: bool,
    #[command(flatten)]
    pub output: ListFormatArgs,
}

pub const DEFAULT_RULES: &str = "unused>90d,age>180d,expires<14d";

/// One rule: a credential not used for longer than, older than, or expiring within a span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    Unused(i64),
    Age(i64),
    Expires(i64),
    /// A service account's granted tool or level not needed within the span (least privilege).
    UnusedPermission(i64),
}

impl Rule {
    fn name(&self) -> String {
        // In the largest unit that divides the span: 90d, 12h, 30m.
        let d = |s: &i64| match *s {
            s if s % 86_400 == 0 => format!("{}d", s / 86_400),
            s if s % 3600 == 0 => format!("{}h", s / 3600),
            s if s % 60 == 0 => format!("{}m", s / 60),
            s => format!("{s}s"),
        };
        match self {
            Rule::Unused(s) => format!("unused>{}", d(s)),
            Rule::Age(s) => format!("age>{}", d(s)),
            Rule::Expires(s) => format!("expires<{}", d(s)),
            Rule::UnusedPermission(s) => format!("unused-permission>{}", d(s)),
        }
    }
}

/// `unused>90d,age>180d,expires<14d` (spans in d, h or m).
pub fn parse_rules(text: &str) -> std::result::Result<Vec<Rule>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| {
            let bad = || {
                format!("'{r}' is not a rule: use unused>SPAN, age>SPAN, expires<SPAN or unused-permission>SPAN (e.g. unused>90d)")
            };
            let (kind, span) = r
                .split_once('>')
                .or_else(|| r.split_once('<'))
                .ok_or_else(bad)?;
            let secs = crate::duration::duration_in(span, 60, 3650 * 86_400, "a span lasts from 1 minute to 10 years")?
                as i64;
            match (kind.trim(), r.contains('>')) {
                ("unused", true) => Ok(Rule::Unused(secs)),
                ("age", true) => Ok(Rule::Age(secs)),
                ("expires", false) => Ok(Rule::Expires(secs)),
                ("unused-permission", true) => Ok(Rule::UnusedPermission(secs)),
                _ => Err(bad()),
            }
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct Finding {
    /// service_account_secret | personal_access_token | app_install |
    /// service_account_permission (one granted tool; `last_used_at`: its last use at that level)
    pub kind: &'static str,
    pub id: String,
    pub name: String,
    pub created_at: Option<String>,
    pub last_used_at: Option<String>,
    pub expires_at: Option<String>,
    /// The rules it breaks.
    pub flags: Vec<String>,
}

fn unix(ts: &Option<String>) -> Option<i64> {
    ts.as_deref().and_then(crate::oauth::unix_time)
}

fn check(f: &mut Finding, rules: &[Rule], now: i64) {
    let created = unix(&f.created_at);
    let used = unix(&f.last_used_at);
    let expires = unix(&f.expires_at);
    let permission = f.kind == "service_account_permission";
    for rule in rules {
        let broken = match rule {
            // Never used counts from its creation (a permission: from its grant).
            Rule::UnusedPermission(span) => {
                permission && used.or(created).is_some_and(|t| now - t > *span)
            }
            _ if permission => false,
            Rule::Unused(span) => used.or(created).is_some_and(|t| now - t > *span),
            Rule::Age(span) => created.is_some_and(|t| now - t > *span),
            Rule::Expires(span) => expires.is_some_and(|t| t - now < *span),
        };
        if broken {
            f.flags.push(rule.name());
        }
    }
}

/// One finding per permission granted to service account `id`, with the last use of that tool
/// at that level (from the account's view: what its requests needed).
async fn permission_findings(
    api: &crate::api::Api<'_>,
    company: i64,
    id: u64,
) -> Result<Vec<Finding>> {
    let sa = api.service_account(company, id).await?;
    let usage = sa.permission_usage.clone().unwrap_or_default();
    // Counted from the grant when never used: the last reset (which clears permissions), else
    // the account's creation.
    let granted_at = sa
        .secret_reset_at
        .clone()
        .unwrap_or_else(|| sa.created_at.clone());
    Ok(sa
        .permissions
        .clone()
        .unwrap_or_default()
        .entries()
        .into_iter()
        .map(|(project, tool, level)| {
            let scope = project
                .map(|p| format!("project {p}"))
                .unwrap_or_else(|| "company".into());
            Finding {
                kind: "service_account_permission",
                id: format!(
                    "{}:{tool}{}",
                    sa.id,
                    project.map(|p| format!("@{p}")).unwrap_or_default()
                ),
                name: format!("{} ({}): {tool}={level} ({scope})", sa.name, sa.client_id),
                created_at: Some(granted_at.clone()),
                last_used_at: crate::ops::least_privilege::last_use_at_least(&usage, tool, level),
                expires_at: None,
                flags: vec![],
            }
        })
        .collect())
}

/// The findings, and what could not be audited (sections the caller may not see).
async fn gather(ctx: &Context, permissions: bool) -> Result<(Vec<Finding>, Vec<String>)> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let api = &session.api;
    let me = api.me().await?;
    let mut found = Vec::new();
    let missed = std::cell::RefCell::new(Vec::new());
    let skipped = |what: &str, e: &Error| {
        ctx.out
            .status(&format!("note: {what} not audited: {}", e.message));
        missed.borrow_mut().push(what.to_string());
    };
    // Service-account secrets (admins), every page.
    let mut next = None;
    loop {
        match api
            .service_accounts_page(company, 100, None, next.take())
            .await
        {
            Ok(page) => {
                if permissions {
                    for sa in &page.items {
                        found.extend(permission_findings(api, company, sa.id as u64).await?);
                    }
                }
                for sa in page.items {
                    for s in sa.secrets.iter().flatten() {
                        found.push(Finding {
                            kind: "service_account_secret",
                            id: format!("{}#{}", sa.id, s.id),
                            name: format!("{} ({})", sa.name, sa.client_id),
                            created_at: Some(s.created_at.clone()),
                            last_used_at: s.last_used_at.clone(),
                            expires_at: s.expires_at.clone(),
                            flags: vec![],
                        });
                    }
                }
                match page.next {
                    Some(url) => next = Some(url),
                    None => break,
                }
            }
            Err(e) if matches!(e.kind, ErrorKind::Permission) => {
                skipped("service accounts", &e);
                break;
            }
            Err(e) => return Err(e),
        }
    }
    // Personal access tokens: every user's for a user manager, else the caller's own.
    let owners: Vec<(Owner, String)> = if me.user_management || me.is_owner {
        api.users(company)
            .await?
            .into_iter()
            .filter(|u| u.kind == "person")
            .map(|u| {
                (
                    Owner::User {
                        company,
                        user: u.id as u64,
                    },
                    u.login,
                )
            })
            .collect()
    } else {
        // Only the caller's own: everyone else's tokens are not seen, and a gate must know.
        ctx.out.status(
            "note: other users' personal access tokens not audited: listing them needs user management",
        );
        missed
            .borrow_mut()
            .push("other users' personal access tokens".to_string());
        vec![(Owner::Me, me.login.clone())]
    };
    for (owner, login) in owners {
        match api.tokens(owner).await {
            Ok(tokens) => found.extend(tokens.into_iter().map(|t| Finding {
                kind: "personal_access_token",
                id: t.id.to_string(),
                name: format!("{} ({login}, {}…)", t.name, t.hint),
                created_at: Some(t.created_at),
                last_used_at: t.last_used_at,
                expires_at: t.expires_at,
                flags: vec![],
            })),
            Err(e) if matches!(e.kind, ErrorKind::Permission | ErrorKind::NotFound) => {
                skipped(&format!("{login}'s tokens"), &e)
            }
            Err(e) => return Err(e),
        }
    }
    // App installs (their service users' credentials live with the app).
    match api.app_installs(company, None).await {
        Ok(installs) => found.extend(installs.into_iter().filter(|i| i.state == "approved").map(
            |i| Finding {
                kind: "app_install",
                id: i.id.to_string(),
                name: i.app.name.clone(),
                created_at: Some(i.created_at),
                last_used_at: None,
                expires_at: None,
                flags: vec![],
            },
        )),
        Err(e) if matches!(e.kind, ErrorKind::Permission) => skipped("app installs", &e),
        Err(e) => return Err(e),
    }
    Ok((found, missed.into_inner()))
}

pub async fn run(ctx: &Context, args: &AuditArgs) -> Result<()> {
    let rules = parse_rules(&args.rules).map_err(Error::usage)?;
    // `--fail-on` alone: the --rules.
    let fail_on = match args.fail_on.as_deref() {
        Some("") => Some(rules.clone()),
        Some(text) => Some(parse_rules(text).map_err(Error::usage)?),
        None => None,
    };
    // Every rule that can fail the run is also shown.
    let mut all_rules = rules.clone();
    for r in fail_on.iter().flatten() {
        if !all_rules.contains(r) {
            all_rules.push(r.clone());
        }
    }
    let now = crate::clock::now_utc().unix_timestamp();
    let permissions = all_rules
        .iter()
        .any(|r| matches!(r, Rule::UnusedPermission(_)));
    let (mut findings, missed) = gather(ctx, permissions).await?;
    for f in &mut findings {
        check(f, &all_rules, now);
    }
    if args.output.json(&ctx.out) {
        ctx.out.json_items(&findings, args.output.lines())?;
    } else if findings.is_empty() {
        ctx.out.status("No credentials to audit.");
    } else {
        let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        let rows: Vec<Vec<String>> = findings
            .iter()
            .map(|f| {
                vec![
                    f.kind.replace('_', " "),
                    f.id.clone(),
                    f.name.clone(),
                    dash(&f.created_at),
                    dash(&f.last_used_at),
                    dash(&f.expires_at),
                    if f.flags.is_empty() {
                        "ok".into()
                    } else {
                        f.flags.join(", ")
                    },
                ]
            })
            .collect();
        ctx.out.rows(
            &[
                "KIND",
                "ID",
                "NAME",
                "CREATED",
                "LAST USED",
                "EXPIRES",
                "FLAGS",
            ],
            &rows,
        )?;
    }
    if let Some(fail_on) = fail_on {
        // A gate that could not look everywhere must not pass silently.
        if !missed.is_empty() && !args.allow_partial {
            return Err(Error::new(
                ErrorKind::Permission,
                format!(
                    "--fail-on: could not audit {} with these credentials",
                    missed.join(", ")
                ),
            )
            .with_hint(
                "run the audit as a company admin and user manager, or pass --allow-partial",
            ));
        }
        let names: Vec<String> = fail_on.iter().map(Rule::name).collect();
        let broken = findings
            .iter()
            .filter(|f| f.flags.iter().any(|flag| names.contains(flag)))
            .count();
        if broken > 0 {
            return Err(Error::new(
                ErrorKind::AuditFailed,
                format!(
                    "{broken} credential(s) break a rule of --fail-on {}",
                    names.join(",")
                ),
            )
            .with_hint("rotate (svcacct sa rotate-secret), revoke (svcacct tokens revoke) or remove what is flagged"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::format_description::well_known::Rfc3339;

    #[test]
    fn rules_parse_and_flag() {
        let rules = parse_rules(DEFAULT_RULES).unwrap();
        assert_eq!(
            rules,
            [
                Rule::Unused(90 * 86_400),
                Rule::Age(180 * 86_400),
                Rule::Expires(14 * 86_400)
            ]
        );
        assert!(parse_rules("unused<3d").is_err());
        assert_eq!(parse_rules("expires<12h").unwrap()[0].name(), "expires<12h");
        assert!(parse_rules("stale>3d").is_err());
        let now = 1_800_000_000;
        let at = |secs_ago: i64| {
            Some(
                time::OffsetDateTime::from_unix_timestamp(now - secs_ago)
                    .unwrap()
                    .format(&Rfc3339)
                    .unwrap(),
            )
        };
        let mut f = Finding {
            kind: "personal_access_token",
            id: "1".into(),
            name: "n".into(),
            created_at: at(200 * 86_400),
            last_used_at: None,
            expires_at: at(-3 * 86_400),
            flags: vec![],
        };
        check(&mut f, &rules, now);
        assert_eq!(f.flags, ["unused>90d", "age>180d", "expires<14d"]);
        let mut fresh = Finding {
            created_at: at(86_400),
            last_used_at: at(60),
            expires_at: None,
            flags: vec![],
            ..f
        };
        check(&mut fresh, &rules, now);
        assert!(fresh.flags.is_empty());
    }
}
