//! What each credential's requests actually needed (issue 21, least privilege): per user (a
//! service account's user, a person behind a PAT or an app's service user) the tool and the
//! level a permission check asked for, with the first and last use and a count. Only checks
//! that a permission answered are noted (owners and admins need none).

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::clock::rfc3339;

#[derive(Clone, Debug, Serialize)]
pub struct Usage {
    pub tool: String,
    pub level: String,
    pub first_used_at: String,
    pub last_used_at: String,
    pub count: i64,
}

/// Note that `user_id` needed `tool` at `level` at `now`.
pub fn record(
    conn: &Connection,
    user_id: i64,
    tool: &str,
    level: &str,
    now: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO permission_usage (user_id, tool, level, first_used_at, last_used_at, count)
         VALUES (?1, ?2, ?3, ?4, ?4, 1)
         ON CONFLICT (user_id, tool, level) DO UPDATE SET last_used_at = ?4, count = count + 1",
    )?
    .execute(params![user_id, tool, level, now])?;
    Ok(())
}

/// Everything `user_id` of `company_id` needed, by tool and level (the user must be the
/// company's: the join says so).
pub fn list(conn: &Connection, company_id: i64, user_id: i64) -> rusqlite::Result<Vec<Usage>> {
    conn.prepare_cached(
        "SELECT u.tool, u.level, u.first_used_at, u.last_used_at, u.count
         FROM permission_usage u JOIN users x ON x.id = u.user_id
         WHERE u.user_id = ?1 AND x.company_id = ?2 ORDER BY u.tool, u.level",
    )?
    .query_map(params![user_id, company_id], |r| {
        Ok(Usage {
            tool: r.get(0)?,
            level: r.get(1)?,
            first_used_at: rfc3339(r.get(2)?),
            last_used_at: rfc3339(r.get(3)?),
            count: r.get(4)?,
        })
    })?
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A user's usage is read under its company only: asked under another company, nothing.
    #[test]
    fn usage_is_read_under_the_users_company_only() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::store::schema::open(dir.path()).unwrap();
        let a = crate::seed::add_company(&conn, "Acme", "a-").unwrap();
        let b = crate::seed::add_company(&conn, "Borealis", "b-").unwrap();
        let user = a.users["manager"].id;
        record(&conn, user, "documents", "read", 1_000).unwrap();
        record(&conn, user, "documents", "read", 2_000).unwrap();
        let mine = list(&conn, a.id, user).unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].count, 2);
        assert!(
            list(&conn, b.id, user).unwrap().is_empty(),
            "another company's user"
        );
    }
}
