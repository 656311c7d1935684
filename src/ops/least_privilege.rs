//! Least privilege from real use (issue 21): what a service account's requests actually needed
//! (the sandbox notes each permission check by tool and level), set against what it was
//! granted — for `sa view`, the audit rule `unused-permission>SPAN` and `sa update --trim-unused`.

use serde::Serialize;

use crate::api::models::{PermissionUsage, Permissions};

/// The rank of a level: none < read < standard < admin.
pub fn rank(level: &str) -> usize {
    crate::api::models::LEVELS
        .iter()
        .position(|l| *l == level)
        .unwrap_or(0)
}

use crate::oauth::unix_time as unix;

/// The highest level `tool` was needed at since `since` (Unix seconds), and when last.
pub fn highest_used(usage: &[PermissionUsage], tool: &str, since: i64) -> Option<(String, String)> {
    usage
        .iter()
        .filter(|u| u.tool == tool && unix(&u.last_used_at).is_some_and(|t| t >= since))
        .max_by_key(|u| rank(&u.level))
        .map(|u| (u.level.clone(), u.last_used_at.clone()))
}

/// The last time `tool` was needed at `level` or higher, if ever.
pub fn last_use_at_least(usage: &[PermissionUsage], tool: &str, level: &str) -> Option<String> {
    usage
        .iter()
        .filter(|u| u.tool == tool && rank(&u.level) >= rank(level))
        .filter_map(|u| unix(&u.last_used_at).map(|t| (t, u.last_used_at.clone())))
        .max()
        .map(|(_, at)| at)
}

/// One granted permission and what real use says it should be.
#[derive(Clone, Debug, Serialize)]
pub struct Trim {
    pub project_id: Option<i64>,
    pub tool: String,
    pub granted: String,
    /// The highest level used within the span, or `none` (the permission goes).
    pub needed: String,
}

/// Every granted permission that was not needed at its level within the span: each tool
/// granted → needed (or removed), and the permissions after the trim.
pub fn propose(
    granted: &Permissions,
    usage: &[PermissionUsage],
    since: i64,
) -> (Vec<Trim>, Permissions) {
    let mut trims = Vec::new();
    let mut after = Permissions::default();
    for (project, tool, level) in granted.entries() {
        let needed = highest_used(usage, tool, since)
            .map(|(l, _)| l)
            .filter(|l| rank(l) > 0)
            .map(|l| {
                if rank(&l) > rank(level) {
                    level.to_string()
                } else {
                    l
                }
            })
            .unwrap_or_else(|| "none".to_string());
        if needed != level {
            trims.push(Trim {
                project_id: project,
                tool: tool.to_string(),
                granted: level.to_string(),
                needed: needed.clone(),
            });
        }
        if needed != "none" {
            match project {
                None => {
                    after.company.insert(tool.to_string(), needed);
                }
                Some(p) => {
                    after
                        .projects
                        .entry(p)
                        .or_default()
                        .insert(tool.to_string(), needed);
                }
            }
        }
    }
    (trims, after)
}

/// The change that applies `trims`: each trimmed tool at its needed level, a removal as
/// `none` (the API leaves the tools a change does not name as they are).
pub fn change(trims: &[Trim]) -> Permissions {
    let mut change = Permissions::default();
    for t in trims {
        match t.project_id {
            None => {
                change.company.insert(t.tool.clone(), t.needed.clone());
            }
            Some(p) => {
                change
                    .projects
                    .entry(p)
                    .or_default()
                    .insert(t.tool.clone(), t.needed.clone());
            }
        }
    }
    change
}

#[cfg(test)]
mod tests {
    use super::*;

    fn used(tool: &str, level: &str, at: &str) -> PermissionUsage {
        PermissionUsage {
            tool: tool.into(),
            level: level.into(),
            first_used_at: at.into(),
            last_used_at: at.into(),
            count: 1,
        }
    }

    #[test]
    fn what_was_used_is_what_stays() {
        let mut granted = Permissions::default();
        granted
            .company
            .insert("documents".into(), "standard".into());
        granted.company.insert("tickets".into(), "standard".into());
        granted.company.insert("rfis".into(), "read".into());
        let usage = [
            used("documents", "read", "2026-12-06T10:00:00Z"),
            used("rfis", "read", "2026-12-06T10:00:00Z"),
            used("tickets", "admin", "2020-01-01T00:00:00Z"),
        ];
        let since = unix("2026-12-01T00:00:00Z").unwrap();
        let (trims, after) = propose(&granted, &usage, since);
        assert_eq!(
            after.company.get("documents").map(String::as_str),
            Some("read")
        );
        assert_eq!(after.company.get("rfis").map(String::as_str), Some("read"));
        assert!(
            !after.company.contains_key("tickets"),
            "used too long ago: removed"
        );
        assert_eq!(trims.len(), 2);
        assert_eq!(last_use_at_least(&usage, "documents", "standard"), None);
    }
}
