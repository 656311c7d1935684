//! `svcacct apps …`: app installs with developer-managed service accounts (DMSA).

use std::collections::HashMap;

use crate::api::Api;
use crate::api::models::{AppInstall, Manifest};

use crate::commands::args::ListFormatArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InstallState {
    Pending,
    Approved,
    Denied,
    Uninstalled,
}

#[derive(Debug, Subcommand)]
pub enum AppsCommand {
    /// The company's app installs
    List(AppsListArgs),
    /// The marketplace: apps, their developers, flows and the permissions they ask for
    Marketplace,
    /// Ask for an app to be installed (an admin approves or denies it)
    Request(AppRequestArgs),
    /// An install and the permissions it asks for
    View(AppIdArgs),
    /// Approve an install: its service user gets exactly the listed permissions (admins)
    Approve(AppApproveArgs),
    /// Deny an install (admins)
    Deny(AppDenyArgs),
    /// Uninstall: the app's service user is disabled and its tokens stop working (admins)
    Uninstall(AppUninstallArgs),
}

#[derive(Debug, Args)]
pub struct AppsListArgs {
    /// Only installs in this state
    #[arg(long, value_enum)]
    pub status: Option<InstallState>,
    #[command(flatten)]
    pub output: ListFormatArgs,
}

#[derive(Debug, Args)]
pub struct AppRequestArgs {
    /// The app's marketplace slug (see `svcacct apps marketplace`)
    pub app: String,
}

#[derive(Debug, Args)]
pub struct AppIdArgs {
    /// Install id
    pub id: u64,
}

#[derive(Debug, Args)]
pub struct AppApproveArgs {
    /// Install id
    pub id: u64,
    /// A project the app's project permissions apply to (repeatable)
    #[arg(long = "project", value_name = "PROJECT_ID")]
    pub projects: Vec<i64>,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct AppDenyArgs {
    /// Install id
    pub id: u64,
    /// Why (shown to whoever asked)
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct AppUninstallArgs {
    /// Install id
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

fn state_name(s: InstallState) -> &'static str {
    match s {
        InstallState::Pending => "pending",
        InstallState::Approved => "approved",
        InstallState::Denied => "denied",
        InstallState::Uninstalled => "uninstalled",
    }
}

fn flows(i: &AppInstall) -> String {
    let mut out = Vec::new();
    if i.app.flows.iter().any(|f| f == "client_credentials") {
        out.push("its own service user (DMSA)");
    }
    if i.app.flows.iter().any(|f| f == "authorization_code") {
        out.push("acts as each signed-in user");
    }
    out.join(" + ")
}

/// Rows of (tool, level, where) for a manifest on the given projects.
fn permission_rows(
    m: &Manifest,
    projects: &[i64],
    names: &HashMap<i64, String>,
) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = m
        .company
        .iter()
        .map(|(t, l)| vec![t.clone(), l.clone(), "company-wide".into()])
        .collect();
    for (t, l) in &m.project {
        if projects.is_empty() {
            rows.push(vec![t.clone(), l.clone(), "each project you choose".into()]);
        }
        for p in projects {
            let place = names
                .get(p)
                .map(|n| format!("project {p} ({n})"))
                .unwrap_or_else(|| format!("project {p}"));
            rows.push(vec![t.clone(), l.clone(), place]);
        }
    }
    rows
}

async fn project_names(api: &Api<'_>, company: i64) -> Result<HashMap<i64, String>> {
    Ok(api
        .projects(company)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect())
}

fn show(ctx: &Context, i: &AppInstall, names: &HashMap<i64, String>) -> Result<()> {
    let lines = [
        format!("Install:     {}", i.id),
        format!(
            "App:         {} ({}) by {}",
            i.app.name, i.app.slug, i.app.developer
        ),
        format!("Works as:    {}", flows(i)),
        format!(
            "State:       {}{}",
            i.state,
            i.deny_reason
                .as_deref()
                .map(|r| format!(" — {r}"))
                .unwrap_or_default()
        ),
        format!(
            "Version:     {} requested, {} approved",
            i.requested_version,
            i.approved_version
                .map(|v| v.to_string())
                .unwrap_or("none".into())
        ),
    ];
    for line in lines {
        ctx.out.line(&line)?;
    }
    ctx.out.line("")?;
    let rows = permission_rows(&i.requested_permissions, &i.project_ids, names);
    if rows.is_empty() {
        ctx.out
            .line("Requested permissions: none (it acts only as the signed-in user)")?;
    } else {
        ctx.out.line("Requested permissions:")?;
        ctx.out.table(&["TOOL", "LEVEL", "WHERE"], &rows)?;
    }
    if let Some(approved) = &i.approved_permissions
        && approved != &i.requested_permissions
    {
        ctx.out.line("")?;
        ctx.out
            .line("Approved before (still in force until approved again):")?;
        ctx.out.table(
            &["TOOL", "LEVEL", "WHERE"],
            &permission_rows(approved, &i.project_ids, names),
        )?;
    }
    Ok(())
}

pub async fn dispatch(ctx: &Context, command: AppsCommand) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let api = &session.api;
    match command {
        AppsCommand::List(args) => {
            let installs = api
                .app_installs(company, args.status.map(state_name))
                .await?;
            if args.output.json(&ctx.out) {
                return ctx.out.json_items(&installs, args.output.lines());
            }
            if installs.is_empty() {
                ctx.out.status("No app installs.");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = installs
                .iter()
                .map(|i| {
                    vec![
                        i.id.to_string(),
                        i.app.name.clone(),
                        i.app.developer.clone(),
                        i.state.clone(),
                        i.requested_version.to_string(),
                    ]
                })
                .collect();
            ctx.out
                .rows(&["ID", "APP", "DEVELOPER", "STATE", "VERSION"], &rows)
        }
        AppsCommand::Marketplace => {
            let apps = api.marketplace().await?;
            if ctx.out.json {
                return ctx.out.json_value(&apps);
            }
            let rows: Vec<Vec<String>> = apps
                .iter()
                .map(|a| {
                    vec![
                        a.slug.clone(),
                        a.name.clone(),
                        a.developer.clone(),
                        a.flows.join(", "),
                        requested(&a.permissions),
                    ]
                })
                .collect();
            ctx.out.table(
                &[
                    "SLUG",
                    "NAME",
                    "DEVELOPER",
                    "FLOWS",
                    "REQUESTED PERMISSIONS",
                ],
                &rows,
            )
        }
        AppsCommand::Request(args) => {
            let i = api.request_app(company, &args.app).await?;
            if ctx.out.json {
                return ctx.out.json_value(&i);
            }
            ctx.out.status(&format!("✓ Requested {} (install {}): a company admin reviews its permissions and approves or denies it", i.app.name, i.id));
            Ok(())
        }
        AppsCommand::View(args) => {
            let i = api.app_install(company, args.id).await?;
            if ctx.out.json {
                return ctx.out.json_value(&i);
            }
            let names = project_names(api, company).await?;
            show(ctx, &i, &names)
        }
        AppsCommand::Approve(args) => {
            let i = api.app_install(company, args.id).await?;
            let dmsa = i.app.flows.iter().any(|f| f == "client_credentials");
            if dmsa && !i.requested_permissions.project.is_empty() && args.projects.is_empty() {
                return Err(Error::usage(format!("{} asks for project permissions: choose the projects", i.app.name))
                    .with_hint("pass --project ID for each project (see the project ids with `svcacct sa view` or the platform)"));
            }
            let names = project_names(api, company).await?;
            let rows = permission_rows(&i.requested_permissions, &args.projects, &names);
            if rows.is_empty() || !dmsa {
                ctx.out.status(&format!(
                    "{} by {} has no service user of its own: it acts only as each signed-in user.",
                    i.app.name, i.app.developer
                ));
            } else {
                ctx.out.status(&format!(
                    "Approving {} by {} gives its service user exactly these permissions:",
                    i.app.name, i.app.developer
                ));
                for r in &rows {
                    ctx.out
                        .status(&format!("  {:<12} {:<9} {}", r[0], r[1], r[2]));
                }
            }
            ctx.out.confirm("Approve?", args.yes)?;
            let i = api.approve_app(company, args.id, &args.projects).await?;
            if ctx.out.json {
                return ctx.out.json_value(&i);
            }
            let user = i
                .dmsa_user_id
                .map(|u| format!("; its service user is user {u}"))
                .unwrap_or_default();
            ctx.out.status(&format!(
                "✓ Approved {} (install {}){user}",
                i.app.name, i.id
            ));
            Ok(())
        }
        AppsCommand::Deny(args) => {
            let i = api
                .deny_app(company, args.id, args.reason.as_deref())
                .await?;
            if ctx.out.json {
                return ctx.out.json_value(&i);
            }
            ctx.out
                .status(&format!("✓ Denied {} (install {})", i.app.name, i.id));
            Ok(())
        }
        AppsCommand::Uninstall(args) => {
            let i = api.app_install(company, args.id).await?;
            ctx.out.status(&format!(
                "Uninstalling {} disables its service user; its tokens stop working at once.",
                i.app.name
            ));
            ctx.out.confirm("Uninstall?", args.yes)?;
            api.uninstall_app(company, args.id).await?;
            ctx.out
                .status(&format!("✓ Uninstalled {} (install {})", i.app.name, i.id));
            Ok(())
        }
    }
}

/// An app's requested permissions on one line: `company: documents=read; projects: rfis=standard`.
fn requested(m: &crate::api::models::Manifest) -> String {
    let part = |label: &str, tools: &std::collections::BTreeMap<String, String>| {
        (!tools.is_empty()).then(|| {
            let list: Vec<String> = tools.iter().map(|(t, l)| format!("{t}={l}")).collect();
            format!("{label}: {}", list.join(", "))
        })
    };
    let parts: Vec<String> = [part("company", &m.company), part("projects", &m.project)]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join("; ")
    }
}
