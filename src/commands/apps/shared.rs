//! What the app verbs share: the permissions an install asks for, shown with project names.

use std::collections::HashMap;

use crate::api::Api;
use crate::api::models::{AppInstall, Manifest};
use crate::context::Context;
use crate::error::Result;

pub fn flows(i: &AppInstall) -> String {
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
pub fn permission_rows(
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

pub async fn project_names(api: &Api<'_>, company: i64) -> Result<HashMap<i64, String>> {
    Ok(api
        .projects(company)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect())
}

pub fn show(ctx: &Context, i: &AppInstall, names: &HashMap<i64, String>) -> Result<()> {
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
