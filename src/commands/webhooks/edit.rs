//! `svcacct webhooks create|update`: validate locally what can be (URL, events against the
//! server's catalogue, header syntax), read write-only values from stdin, a file or a prompt.

use serde_json::{Value, json};

use crate::api::Api;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::http::client::is_loopback;
use crate::secret::Secret;
use clap::Args;
use clap_complete::engine::ArgValueCandidates;

/// Authentication and headers sent with every delivery. Write-only values (the password,
/// hidden header values) come from stdin, a file or a hidden prompt: never from argv.
#[derive(Debug, Args)]
pub struct WebhookAuthArgs {
    /// HTTP basic auth user name
    #[arg(long, value_name = "USER")]
    pub basic_auth_user: Option<String>,
    /// Read the basic-auth password from stdin (else SVCACCT_WEBHOOK_PASSWORD, else a prompt)
    #[arg(long)]
    pub basic_auth_password_stdin: bool,
    /// Read the basic-auth password from a file
    #[arg(
        long,
        value_name = "PATH",
        conflicts_with = "basic_auth_password_stdin"
    )]
    pub basic_auth_password_file: Option<std::path::PathBuf>,
    /// An extra header 'Name: value' (repeatable)
    #[arg(long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// A hidden header NAME (value from a prompt), NAME=@PATH (from a file) or NAME=- (stdin) (repeatable)
    #[arg(long = "hidden-header", value_name = "NAME[=@PATH|=-]")]
    pub hidden_headers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct WebhookCreateArgs {
    /// Destination (https; plain http only to 127.0.0.1, ::1, localhost)
    #[arg(long)]
    pub url: String,
    /// An event to send (repeatable); `ticket.*` means all ticket events. Procore profiles:
    /// RESOURCE.create|update|delete, e.g. `RFIs.create` or `Projects.*`
    #[arg(long = "event", value_name = "EVENT", required = true)]
    pub events: Vec<String>,
    #[command(flatten)]
    pub auth: WebhookAuthArgs,
    /// Create it paused (no deliveries until activated)
    #[arg(long)]
    pub inactive: bool,
    /// Procore profiles: the hook's namespace (default svcacct)
    #[arg(long, value_name = "NAME")]
    pub namespace: Option<String>,
}

#[derive(Debug, Args)]
pub struct WebhookUpdateArgs {
    /// Webhook id
    #[arg(add = ArgValueCandidates::new(crate::commands::complete::webhook_ids))]
    pub id: u64,
    #[arg(long)]
    pub url: Option<String>,
    /// Replace the events with these (repeatable; globs like `ticket.*`)
    #[arg(long = "event", value_name = "EVENT")]
    pub events: Vec<String>,
    #[command(flatten)]
    pub auth: WebhookAuthArgs,
    /// Remove a header (repeatable)
    #[arg(long = "remove-header", value_name = "NAME")]
    pub remove_headers: Vec<String>,
    /// Stop sending basic auth
    #[arg(long, conflicts_with_all = ["basic_auth_user", "basic_auth_password_stdin", "basic_auth_password_file"])]
    pub no_basic_auth: bool,
    /// Resume deliveries
    #[arg(long, conflicts_with = "inactive")]
    pub active: bool,
    /// Pause deliveries
    #[arg(long)]
    pub inactive: bool,
}

/// Header names the platform sets itself.
const FORBIDDEN_HEADERS: &[&str] = &[
    "host",
    "content-length",
    "content-type",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "upgrade",
    "te",
    "trailer",
    "proxy-authorization",
    "proxy-connection",
];

pub(super) fn check_url(raw: &str) -> Result<()> {
    let url = url::Url::parse(raw).map_err(|e| {
        Error::usage(format!("--url '{raw}' is not a URL: {e}"))
            .with_hint("give a full URL such as https://hooks.example.com/svcacct")
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::usage(format!(
            "--url {}: the URL carries credentials (user:password@), which would be stored and shown in clear",
            redact_userinfo(&url)
        ))
        .with_hint("use --basic-user with the password from --basic-password-stdin, or a --hidden-header"));
    }
    let internal = match url.host() {
        Some(url::Host::Ipv4(ip)) => {
            !ip.is_loopback()
                && (ip.is_private()
                    || ip.is_link_local()
                    || ip.is_unspecified()
                    || ip.is_broadcast()
                    || ip.is_multicast())
        }
        Some(url::Host::Ipv6(ip)) => {
            let seg = ip.segments()[0];
            ip.is_unspecified()
                || ip.is_multicast()
                || (seg & 0xfe00) == 0xfc00
                || (seg & 0xffc0) == 0xfe80
                || ip
                    .to_ipv4_mapped()
                    .is_some_and(|v4| v4.is_private() || v4.is_link_local() || v4.is_unspecified())
        }
        _ => false,
    };
    if internal {
        return Err(Error::usage(format!(
            "--url {raw}: a private, link-local or unspecified address; the platform delivers only to public destinations"
        ))
        .with_hint("give the receiver's public https:// URL"));
    }
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&url) => Ok(()),
        "http" => Err(Error::usage(format!("--url {raw}: plain http is allowed only to this machine; events and credentials would cross the network unencrypted"))
            .with_hint("use https://")),
        other => Err(Error::usage(format!("--url {raw}: unsupported scheme '{other}'")).with_hint("use https://")),
    }
}

/// The URL with its user and password replaced, for an error message.
fn redact_userinfo(url: &url::Url) -> String {
    let mut shown = url.clone();
    let _ = shown.set_username("[redacted]");
    let _ = shown.set_password(None);
    shown.to_string()
}

/// `ticket.*` → every `ticket.` event; unknown names are an error listing the valid ones.
async fn expand_events(api: &Api<'_>, asked: &[String]) -> Result<Vec<String>> {
    let catalogue: Vec<String> = api
        .webhook_events()
        .await?
        .into_iter()
        .map(|e| e.event_type)
        .filter(|t| t != "webhook.test")
        .collect();
    let mut out: Vec<String> = Vec::new();
    for pattern in asked {
        let matched: Vec<&String> = match pattern.strip_suffix('*') {
            Some(prefix) => catalogue.iter().filter(|e| e.starts_with(prefix)).collect(),
            None => catalogue.iter().filter(|e| *e == pattern).collect(),
        };
        if matched.is_empty() {
            return Err(Error::usage(format!(
                "unknown event '{pattern}'; events are: {}",
                catalogue.join(", ")
            ))
            .with_hint("see `svcacct webhooks events`"));
        }
        for e in matched {
            if !out.contains(e) {
                out.push(e.clone());
            }
        }
    }
    Ok(out)
}

fn check_header_name(name: &str) -> Result<()> {
    let token_char = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(token_char) {
        return Err(Error::usage(format!("'{name}' is not a valid header name")));
    }
    if FORBIDDEN_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
        return Err(Error::usage(format!(
            "the header '{name}' cannot be set on a webhook: the platform sets it"
        )));
    }
    Ok(())
}

/// Headers given on the command line: (name, value, hidden). Hidden values are read here.
pub(super) fn headers_from(
    ctx: &Context,
    auth: &WebhookAuthArgs,
    stdin_used: &mut bool,
) -> Result<Vec<(String, Option<Secret>, bool)>> {
    let mut out = Vec::new();
    for raw in &auth.headers {
        let (name, value) = raw.split_once(':').ok_or_else(|| {
            Error::usage(format!("--header '{raw}' has no colon"))
                .with_hint("write it as 'Name: value'")
        })?;
        check_header_name(name.trim())?;
        out.push((
            name.trim().to_string(),
            Some(Secret::new(value.trim().to_string())),
            false,
        ));
    }
    for raw in &auth.hidden_headers {
        let (name, source) = raw
            .split_once('=')
            .map(|(n, s)| (n, Some(s)))
            .unwrap_or((raw.as_str(), None));
        check_header_name(name.trim())?;
        let what = format!("value of hidden header {name}");
        let value = match source {
            Some("-") => {
                take_stdin(stdin_used, &what)?;
                crate::ui::input::secret(&what)?
            }
            Some(s) if s.starts_with('@') => {
                crate::secret::from_file(std::path::Path::new(&s[1..]), &what)?
            }
            Some(_) => {
                return Err(Error::usage(format!(
                    "--hidden-header {name}=…: a hidden value is never taken from the command line"
                ))
                .with_hint(format!(
                    "use --hidden-header {name} (prompt), {name}=@PATH (file) or {name}=- (stdin)"
                )));
            }
            None if ctx.out.can_prompt() => {
                crate::ui::input::hidden(&format!("Value of hidden header {name}"))?
            }
            None => {
                return Err(Error::usage(format!(
                    "no value for hidden header {name}, and no terminal to ask on"
                ))
                .with_hint(format!("use --hidden-header {name}=@PATH or {name}=-")));
            }
        };
        out.push((name.trim().to_string(), Some(value), true));
    }
    Ok(out)
}

fn take_stdin(used: &mut bool, what: &str) -> Result<()> {
    if *used {
        return Err(Error::usage(format!(
            "only one value can come from stdin; give the {what} in a file (@PATH)"
        )));
    }
    *used = true;
    Ok(())
}

/// The basic-auth password: stdin, a file, SVCACCT_WEBHOOK_PASSWORD, or a hidden prompt.
pub(super) fn password(
    ctx: &Context,
    auth: &WebhookAuthArgs,
    stdin_used: &mut bool,
    required: bool,
) -> Result<Option<Secret>> {
    if auth.basic_auth_password_stdin {
        take_stdin(stdin_used, "basic-auth password")?;
        return crate::ui::input::secret("basic-auth password").map(Some);
    }
    if let Some(path) = &auth.basic_auth_password_file {
        return crate::secret::from_file(path, "basic-auth password").map(Some);
    }
    if let Some(p) = crate::credentials::session::env_secret("SVCACCT_WEBHOOK_PASSWORD") {
        return Ok(Some(p));
    }
    if !required {
        return Ok(None);
    }
    if ctx.out.can_prompt() {
        return crate::ui::input::hidden("Basic-auth password").map(Some);
    }
    Err(Error::usage("--basic-auth-user needs a password, and there is no terminal to ask for it")
        .with_hint("use --basic-auth-password-stdin, --basic-auth-password-file PATH or SVCACCT_WEBHOOK_PASSWORD"))
}

fn header_json(name: &str, value: Option<&Secret>, hidden: bool) -> Value {
    match value {
        Some(v) => json!({"name": name, "value": v.expose(), "hidden": hidden}),
        None => json!({"name": name, "hidden": hidden}),
    }
}

fn report(ctx: &Context, verb: &str, hook: &crate::api::models::Webhook) -> Result<()> {
    if ctx.out.json {
        return ctx.out.json_value(hook);
    }
    ctx.out.status(&format!(
        "✓ {verb} webhook {} → {} ({})",
        hook.id,
        hook.url,
        hook.events.join(", ")
    ));
    Ok(())
}

pub async fn create(
    ctx: &Context,
    api: &Api<'_>,
    company: i64,
    args: &WebhookCreateArgs,
) -> Result<()> {
    check_url(&args.url)?;
    let mut stdin_used = false;
    let headers = headers_from(ctx, &args.auth, &mut stdin_used)?;
    let basic = match &args.auth.basic_auth_user {
        Some(user) => {
            let pw = password(ctx, &args.auth, &mut stdin_used, true)?.expect("required");
            Some(json!({"username": user, "password": pw.expose()}))
        }
        None => None,
    };
    let events = expand_events(api, &args.events).await?;
    let body = json!({
        "url": args.url,
        "events": events,
        "basic_auth": basic,
        "headers": headers.iter().map(|(n, v, h)| header_json(n, v.as_ref(), *h)).collect::<Vec<_>>(),
        "active": !args.inactive,
    });
    let hook = api.save_webhook(company, None, &body).await?;
    report(ctx, "Created", &hook)
}

pub async fn update(
    ctx: &Context,
    api: &Api<'_>,
    company: i64,
    args: &WebhookUpdateArgs,
) -> Result<()> {
    let current = api.webhook(company, args.id).await?;
    let mut body = serde_json::Map::new();
    if let Some(url) = &args.url {
        check_url(url)?;
        body.insert("url".into(), json!(url));
    }
    if !args.events.is_empty() {
        body.insert(
            "events".into(),
            json!(expand_events(api, &args.events).await?),
        );
    }
    let mut stdin_used = false;
    let given = headers_from(ctx, &args.auth, &mut stdin_used)?;
    if !given.is_empty() || !args.remove_headers.is_empty() {
        // The API replaces the list: start from the current one (hidden values are sent without
        // a value, which keeps them), drop removed names, then apply the new ones.
        let mut list: Vec<Value> = current
            .headers
            .iter()
            .filter(|h| {
                !args
                    .remove_headers
                    .iter()
                    .any(|r| r.eq_ignore_ascii_case(&h.name))
            })
            .filter(|h| {
                !given
                    .iter()
                    .any(|(n, _, _)| n.eq_ignore_ascii_case(&h.name))
            })
            .map(|h| {
                if h.hidden {
                    json!({"name": h.name, "hidden": true})
                } else {
                    json!({"name": h.name, "value": h.value, "hidden": false})
                }
            })
            .collect();
        list.extend(given.iter().map(|(n, v, h)| header_json(n, v.as_ref(), *h)));
        body.insert("headers".into(), Value::Array(list));
    }
    // Only a basic-auth change reads a password: an exported SVCACCT_WEBHOOK_PASSWORD must not
    // rewrite the stored one on an unrelated update.
    let auth = &args.auth;
    let changing_basic_auth = auth.basic_auth_user.is_some()
        || auth.basic_auth_password_stdin
        || auth.basic_auth_password_file.is_some();
    if args.no_basic_auth {
        body.insert("basic_auth".into(), Value::Null);
    } else if changing_basic_auth {
        let user = args
            .auth
            .basic_auth_user
            .clone()
            .or(current.basic_auth.as_ref().map(|b| b.username.clone()));
        let new_password = password(
            ctx,
            &args.auth,
            &mut stdin_used,
            current.basic_auth.is_none() && args.auth.basic_auth_user.is_some(),
        )?;
        if let Some(user) = user
            && (args.auth.basic_auth_user.is_some() || new_password.is_some())
        {
            let mut b = json!({"username": user});
            if let Some(p) = new_password {
                b["password"] = json!(p.expose());
            }
            body.insert("basic_auth".into(), b);
        }
    }
    if args.active || args.inactive {
        body.insert("active".into(), json!(args.active));
    }
    if body.is_empty() {
        return Err(Error::usage("nothing to update").with_hint("pass --url, --event, --header, --hidden-header, --remove-header, basic-auth flags, --active or --inactive"));
    }
    let hook = api
        .save_webhook(company, Some(args.id), &Value::Object(body))
        .await?;
    report(ctx, "Updated", &hook)
}
