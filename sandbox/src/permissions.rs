//! Permissions: a level per tool, company-wide or per project. `none < read < standard < admin`.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;

pub const TOOLS: &[&str] = &[
    "directory",
    "documents",
    "rfis",
    "submittals",
    "webhooks",
    "schedule",
    "budget",
    "tickets",
];
pub const LEVELS: &[&str] = &["none", "read", "standard", "admin"];

pub fn rank(level: &str) -> usize {
    LEVELS.iter().position(|l| *l == level).unwrap_or(0)
}

/// A user's permissions: company-wide levels, and per-project levels (keyed by project id).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Permissions {
    #[serde(default)]
    pub company: BTreeMap<String, String>,
    #[serde(default)]
    pub projects: BTreeMap<i64, BTreeMap<String, String>>,
}

fn validate(tool: &str, level: &str) -> Result<(), ApiError> {
    if !TOOLS.contains(&tool) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_permission",
            format!("unknown tool '{tool}'; tools are: {}", TOOLS.join(", ")),
        ));
    }
    if !LEVELS.contains(&level) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_permission",
            format!(
                "unknown level '{level}' for {tool}; levels are: {}",
                LEVELS.join(", ")
            ),
        ));
    }
    Ok(())
}

pub fn load(conn: &Connection, user_id: i64) -> rusqlite::Result<Permissions> {
    let mut stmt = conn.prepare_cached("SELECT project_id, tool, level FROM permissions WHERE user_id = ?1 ORDER BY project_id, tool")?;
    let mut perms = Permissions::default();
    let rows = stmt.query_map([user_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (project, tool, level) = row?;
        if project == 0 {
            perms.company.insert(tool, level);
        } else {
            perms
                .projects
                .entry(project)
                .or_default()
                .insert(tool, level);
        }
    }
    Ok(perms)
}

/// Merge `changes` into the user's permissions: each tool named gets its level; `none` removes it.
pub fn apply(
    conn: &Connection,
    company_id: i64,
    user_id: i64,
    changes: &Permissions,
) -> Result<(), ApiError> {
    let mut scoped: Vec<(i64, &String, &String)> =
        changes.company.iter().map(|(t, l)| (0, t, l)).collect();
    for (project, tools) in &changes.projects {
        let exists: bool = conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM projects WHERE id = ?1 AND company_id = ?2)",
            params![project, company_id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_project",
                format!("project {project} does not exist in company {company_id}"),
            ));
        }
        scoped.extend(tools.iter().map(|(t, l)| (*project, t, l)));
    }
    for (project, tool, level) in scoped {
        validate(tool, level)?;
        if level == "none" {
            conn.execute(
                "DELETE FROM permissions WHERE user_id = ?1 AND project_id = ?2 AND tool = ?3",
                params![user_id, project, tool],
            )?;
        } else {
            conn.execute(
                "INSERT INTO permissions (user_id, project_id, tool, level) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (user_id, project_id, tool) DO UPDATE SET level = excluded.level",
                params![user_id, project, tool, level],
            )?;
        }
    }
    Ok(())
}

pub fn clear(conn: &Connection, user_id: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM permissions WHERE user_id = ?1", [user_id])?;
    Ok(())
}

/// The effective level of a user on a tool in a project (the higher of company-wide and project).
pub fn level_on(
    conn: &Connection,
    user_id: i64,
    project_id: i64,
    tool: &str,
) -> rusqlite::Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT level FROM permissions WHERE user_id = ?1 AND tool = ?2 AND project_id IN (0, ?3)",
    )?;
    let levels = stmt.query_map(params![user_id, tool, project_id], |r| {
        r.get::<_, String>(0)
    })?;
    let mut best = "none".to_string();
    for level in levels {
        let level = level?;
        if rank(&level) > rank(&best) {
            best = level;
        }
    }
    Ok(best)
}
