//! Changing a user's permissions: each tool and level checked, each project the company's.

use axum::http::StatusCode;

use crate::error::ApiError;
use crate::store::Conn;
use crate::store::permissions::{self as store, LEVELS, Permissions, TOOLS};

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

/// Merge `changes` into the user's permissions: each tool named gets its level; `none` removes it.
pub fn apply(
    conn: &Conn,
    company_id: i64,
    user_id: i64,
    changes: &Permissions,
) -> Result<(), ApiError> {
    let mut scoped: Vec<(i64, &String, &String)> =
        changes.company.iter().map(|(t, l)| (0, t, l)).collect();
    for (project, tools) in &changes.projects {
        if !crate::store::projects::exists(conn, company_id, *project)? {
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
        store::set(conn, company_id, user_id, project, tool, level)?;
    }
    Ok(())
}
