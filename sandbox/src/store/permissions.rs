//! Permissions: a level per tool, by user of a company (every query takes the company id), company-wide or per project. `none < read < standard < admin`.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

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

/// The permissions of user `user_id` of `company_id`.
pub fn load(conn: &Connection, company_id: i64, user_id: i64) -> rusqlite::Result<Permissions> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.project_id, p.tool, p.level FROM permissions p JOIN users u ON u.id = p.user_id
         WHERE p.user_id = ?1 AND u.company_id = ?2 ORDER BY p.project_id, p.tool",
    )?;
    let mut perms = Permissions::default();
    let rows = stmt.query_map(params![user_id, company_id], |r| {
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

/// Set the user's level on `tool` (project 0: company-wide); `none` removes it.
pub fn set(
    conn: &Connection,
    company_id: i64,
    user_id: i64,
    project_id: i64,
    tool: &str,
    level: &str,
) -> rusqlite::Result<()> {
    if level == "none" {
        conn.execute(
            "DELETE FROM permissions WHERE user_id = ?1 AND project_id = ?2 AND tool = ?3
               AND user_id IN (SELECT id FROM users WHERE company_id = ?4)",
            params![user_id, project_id, tool, company_id],
        )?;
    } else {
        conn.execute(
            "INSERT INTO permissions (user_id, project_id, tool, level)
             SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM users WHERE id = ?1 AND company_id = ?5)
             ON CONFLICT (user_id, project_id, tool) DO UPDATE SET level = excluded.level",
            params![user_id, project_id, tool, level, company_id],
        )?;
    }
    Ok(())
}

pub fn clear(conn: &Connection, company_id: i64, user_id: i64) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM permissions WHERE user_id = ?1 AND user_id IN (SELECT id FROM users WHERE company_id = ?2)",
        params![user_id, company_id],
    )?;
    Ok(())
}

/// The effective level of a user on a tool in a project (the higher of company-wide and project).
pub fn level_on(
    conn: &Connection,
    company_id: i64,
    user_id: i64,
    project_id: i64,
    tool: &str,
) -> rusqlite::Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT level FROM permissions WHERE user_id = ?1 AND tool = ?2 AND project_id IN (0, ?3)
           AND user_id IN (SELECT id FROM users WHERE company_id = ?4)",
    )?;
    let levels = stmt.query_map(params![user_id, tool, project_id, company_id], |r| {
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
