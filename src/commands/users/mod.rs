//! `svcacct users …`: the directory and the API-access permission.

use crate::api::models::User;

use crate::commands::args::ListFormatArgs;
use crate::commands::args::parse_company_grant;
use crate::commands::args::parse_project_grant;
use crate::context::Context;
use crate::error::Result;
use crate::ops::permissions::Grant;
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// List the company's users
    List(ListFormatArgs),
    /// Show one user
    View(UserIdArgs),
    /// Let a user see the API docs and create personal access tokens (user managers)
    GrantApiAccess(UserIdArgs),
    /// Take API access away; the user's personal access tokens stop working (user managers)
    RevokeApiAccess(UserIdYesArgs),
    /// Set a person's permissions (company admins); LEVEL none removes one
    Update(UserUpdateArgs),
}

#[derive(Debug, Args)]
pub struct UserUpdateArgs {
    /// User id
    pub id: u64,
    /// Company-wide permission TOOL=LEVEL (repeatable)
    #[arg(long = "permission", value_name = "TOOL=LEVEL", value_parser = parse_company_grant)]
    pub permissions: Vec<Grant>,
    /// Project permission PROJECT_ID:TOOL=LEVEL (repeatable)
    #[arg(long = "project", value_name = "ID:TOOL=LEVEL", value_parser = parse_project_grant)]
    pub projects: Vec<Grant>,
}

#[derive(Debug, Args)]
pub struct UserIdArgs {
    /// User id
    pub id: u64,
}

#[derive(Debug, Args)]
pub struct UserIdYesArgs {
    /// User id
    pub id: u64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

fn yes_no(b: bool) -> String {
    if b { "yes".into() } else { "no".into() }
}

fn kind(u: &User) -> String {
    if u.kind == "person" {
        "person".into()
    } else {
        format!("{} (service user)", u.kind)
    }
}

pub async fn dispatch(ctx: &Context, command: UsersCommand) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    match command {
        UsersCommand::List(output) => {
            let users = session.api.users(company).await?;
            if output.json(&ctx.out) {
                return ctx.out.json_items(&users, output.lines());
            }
            let rows: Vec<Vec<String>> = users
                .iter()
                .map(|u| {
                    vec![
                        u.id.to_string(),
                        u.login.clone(),
                        u.name.clone(),
                        kind(u),
                        yes_no(u.api_access),
                        yes_no(u.user_management),
                        yes_no(u.is_admin),
                        yes_no(u.is_owner),
                        yes_no(u.disabled),
                    ]
                })
                .collect();
            ctx.out.rows(
                &[
                    "ID",
                    "LOGIN",
                    "NAME",
                    "KIND",
                    "API ACCESS",
                    "USER MGMT",
                    "ADMIN",
                    "OWNER",
                    "DISABLED",
                ],
                &rows,
            )
        }
        UsersCommand::View(args) => {
            let u = session.api.user(company, args.id).await?;
            if ctx.out.json {
                return ctx.out.json_value(&u);
            }
            let lines = [
                format!("ID:              {}", u.id),
                format!("Login:           {}", u.login),
                format!("Name:            {}", u.name),
                format!("Email:           {}", u.email),
                format!("Kind:            {}", kind(&u)),
                format!("Account owner:   {}", yes_no(u.is_owner)),
                format!("Company admin:   {}", yes_no(u.is_admin)),
                format!("API access:      {}", yes_no(u.api_access)),
                format!("User management: {}", yes_no(u.user_management)),
                format!("Disabled:        {}", yes_no(u.disabled)),
            ];
            lines.iter().try_for_each(|l| ctx.out.line(l))?;
            ctx.out.line("")?;
            crate::ops::permissions::show_table(
                ctx,
                &session.api,
                company,
                &u.permissions.clone().unwrap_or_default(),
                None,
            )
            .await
        }
        UsersCommand::Update(args) => {
            let grants: Vec<_> = args.permissions.iter().chain(&args.projects).collect();
            if grants.is_empty() {
                return Err(crate::error::Error::usage("nothing to update")
                    .with_hint("pass --permission TOOL=LEVEL or --project ID:TOOL=LEVEL"));
            }
            let perms = crate::ops::permissions::from_grants(&grants);
            let u = session
                .api
                .set_user_permissions(company, args.id, &perms)
                .await?;
            if ctx.out.json {
                return ctx.out.json_value(&u);
            }
            let now = u.permissions.clone().unwrap_or_default();
            ctx.out.status(&format!(
                "✓ {} ({}) now has: {}",
                u.login,
                u.name,
                crate::ops::permissions::describe(&now)
            ));
            Ok(())
        }
        UsersCommand::GrantApiAccess(args) => {
            let u = session.api.set_api_access(company, args.id, true).await?;
            ctx.out.status(&format!("✓ {} ({}) has API access: they can see the API docs and create personal access tokens", u.login, u.name));
            if ctx.out.json {
                ctx.out.json_value(&u)
            } else {
                Ok(())
            }
        }
        UsersCommand::RevokeApiAccess(args) => {
            let u = session.api.user(company, args.id).await?;
            ctx.out.status(&format!("Taking API access from {} ({}) also stops their personal access tokens from working.", u.login, u.name));
            ctx.out.confirm("Continue?", args.yes)?;
            let u = session.api.set_api_access(company, args.id, false).await?;
            ctx.out.status(&format!(
                "✓ {} ({}) no longer has API access",
                u.login, u.name
            ));
            if ctx.out.json {
                ctx.out.json_value(&u)
            } else {
                Ok(())
            }
        }
    }
}
