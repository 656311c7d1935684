//! Permissions as people read and type them, for every noun that has them (service accounts,
//! users): `--permission TOOL=LEVEL` / `--project ID:TOOL=LEVEL` in, a table or a line out.

use std::collections::HashMap;

use crate::api::Api;
use crate::api::models::Permissions;

use crate::context::Context;
use crate::error::Result;

/// A permission: TOOL=LEVEL company-wide, or PROJECT:TOOL=LEVEL on one project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub project: Option<i64>,
    pub tool: String,
    pub level: String,
}

/// Grants from `--permission` and `--project` as the API's permission document.
pub fn from_grants(grants: &[&Grant]) -> Permissions {
    let mut perms = Permissions::default();
    for g in grants {
        match g.project {
            None => perms.company.insert(g.tool.clone(), g.level.clone()),
            Some(p) => perms
                .projects
                .entry(p)
                .or_default()
                .insert(g.tool.clone(), g.level.clone()),
        };
    }
    perms
}

/// "documents=read (company), rfis=standard (project 2)"
pub fn describe(perms: &Permissions) -> String {
    let parts: Vec<String> = perms
        .entries()
        .into_iter()
        .map(|(project, tool, level)| match project {
            None => format!("{tool}={level} (company)"),
            Some(p) => format!("{tool}={level} (project {p})"),
        })
        .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    }
}

/// A TOOL / LEVEL / WHERE table, with project names (fetched only when there are project grants).
pub async fn show_table(
    ctx: &Context,
    api: &Api<'_>,
    company: i64,
    perms: &Permissions,
    usage: Option<&[crate::api::models::PermissionUsage]>,
) -> Result<()> {
    if perms.is_empty() {
        return ctx.out.line("Permissions:   none");
    }
    let names: HashMap<i64, String> = if perms.projects.is_empty() {
        HashMap::new()
    } else {
        api.projects(company)
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect()
    };
    let rows: Vec<Vec<String>> = perms
        .entries()
        .into_iter()
        .map(|(project, tool, level)| {
            let scope = match project {
                None => "company-wide".to_string(),
                Some(p) => match names.get(&p) {
                    Some(name) => format!("project {p} ({name})"),
                    None => format!("project {p}"),
                },
            };
            let mut row = vec![tool.to_string(), level.to_string(), scope];
            if let Some(usage) = usage {
                // The highest level its requests needed, ever, and when last.
                row.push(
                    crate::ops::least_privilege::highest_used(usage, tool, 0)
                        .map(|(l, at)| format!("{l}, last {at}"))
                        .unwrap_or_else(|| "never".into()),
                );
            }
            row
        })
        .collect();
    if usage.is_some() {
        ctx.out
            .table(&["TOOL", "LEVEL", "WHERE", "HIGHEST USED"], &rows)
    } else {
        ctx.out.table(&["TOOL", "LEVEL", "WHERE"], &rows)
    }
}
