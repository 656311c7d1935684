//! App installs of one company, and their apps' service users (DMSAs): every query takes the
//! company id. (The marketplace itself, apps and their versions, is the platform's, not a
//! company's: it stays in `apps/`.)

use rusqlite::{Connection, OptionalExtension, params};

use crate::store::catalogue::App;

/// An install as stored, with its app.
pub struct InstallRow {
    pub state: String,
    pub requested_version: i64,
    pub approved_version: Option<i64>,
    pub approved_permissions: Option<String>,
    pub project_ids: String,
    pub dmsa_user_id: Option<i64>,
    pub deny_reason: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub app: App,
}

pub fn get(conn: &Connection, company_id: i64, id: i64) -> rusqlite::Result<Option<InstallRow>> {
    conn.query_row(
        "SELECT i.state, i.requested_version, i.approved_version, i.approved_permissions, i.project_ids, i.dmsa_user_id, i.deny_reason,
                i.created_at, i.updated_at, a.id, a.slug, a.name, a.developer, a.uses_dmsa, a.uses_auth_code, a.version, a.permissions
         FROM app_installs i JOIN apps a ON a.id = i.app_id WHERE i.company_id = ?1 AND i.id = ?2",
        params![company_id, id],
        |r| {
            Ok(InstallRow {
                state: r.get(0)?,
                requested_version: r.get(1)?,
                approved_version: r.get(2)?,
                approved_permissions: r.get(3)?,
                project_ids: r.get(4)?,
                dmsa_user_id: r.get(5)?,
                deny_reason: r.get(6)?,
                created_at: r.get(7)?,
                updated_at: r.get(8)?,
                app: App {
                    id: r.get(9)?,
                    slug: r.get(10)?,
                    name: r.get(11)?,
                    developer: r.get(12)?,
                    dmsa: r.get(13)?,
                    auth_code: r.get(14)?,
                    version: r.get(15)?,
                    manifest: serde_json::from_str(&r.get::<_, String>(16)?).unwrap_or_default(),
                },
            })
        },
    )
    .optional()
}

/// The company's installs (in `state`, if given), oldest first.
pub fn ids(conn: &Connection, company_id: i64, state: Option<&str>) -> rusqlite::Result<Vec<i64>> {
    conn.prepare_cached(
        "SELECT id FROM app_installs WHERE company_id = ?1 AND (?2 IS NULL OR state = ?2) ORDER BY id",
    )?
    .query_map(params![company_id, state], |r| r.get(0))?
    .collect()
}

/// A pending or approved install of `app_id` in the company: (id, state).
pub fn open_install(
    conn: &Connection,
    company_id: i64,
    app_id: i64,
) -> rusqlite::Result<Option<(i64, String)>> {
    conn.query_row(
        "SELECT id, state FROM app_installs WHERE company_id = ?1 AND app_id = ?2 AND state IN ('pending', 'approved')",
        params![company_id, app_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

pub fn insert(
    conn: &Connection,
    company_id: i64,
    app: &App,
    requested_by: i64,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO app_installs (company_id, app_id, state, requested_version, requested_by, created_at, updated_at)
         VALUES (?1, ?2, 'pending', ?3, ?4, ?5, ?5)",
        params![company_id, app.id, app.version, requested_by, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The app's service user in the company, made on first approval; enabled.
pub fn dmsa_user(
    conn: &Connection,
    company_id: i64,
    existing: Option<i64>,
    app: &App,
    now: i64,
) -> rusqlite::Result<i64> {
    let user = match existing {
        Some(u) => u,
        None => {
            conn.execute(
                "INSERT INTO users (company_id, login, name, email, kind, created_at) VALUES (?1, ?2, ?3, ?4, 'dmsa', ?5)",
                params![
                    company_id,
                    format!("dmsa-{}-{company_id}", app.slug),
                    format!("{} (app)", app.name),
                    format!("{}+{company_id}@apps.sandbox.example", app.slug),
                    now
                ],
            )?;
            conn.last_insert_rowid()
        }
    };
    conn.execute(
        "UPDATE users SET disabled = 0 WHERE id = ?1 AND company_id = ?2",
        params![user, company_id],
    )?;
    Ok(user)
}

#[allow(clippy::too_many_arguments)]
pub fn approve(
    conn: &Connection,
    company_id: i64,
    id: i64,
    manifest_json: &str,
    project_ids_json: &str,
    dmsa: Option<i64>,
    decided_by: i64,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE app_installs SET state = 'approved', approved_version = requested_version, approved_permissions = ?1,
         project_ids = ?2, dmsa_user_id = ?3, decided_by = ?4, deny_reason = NULL, updated_at = ?5
         WHERE id = ?6 AND company_id = ?7",
        params![manifest_json, project_ids_json, dmsa, decided_by, now, id, company_id],
    )?;
    Ok(())
}

/// Deny: and an app service user left from an earlier approval stops at once, like an
/// uninstall (an install is denied or in force, never both).
pub fn deny(
    conn: &Connection,
    company_id: i64,
    id: i64,
    reason: Option<&str>,
    decided_by: i64,
    now: i64,
) -> rusqlite::Result<()> {
    let dmsa: Option<i64> = conn
        .query_row(
            "SELECT dmsa_user_id FROM app_installs WHERE id = ?1 AND company_id = ?2",
            params![id, company_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    disable_service_user(conn, company_id, dmsa)?;
    conn.execute(
        "UPDATE app_installs SET state = 'denied', deny_reason = ?1, decided_by = ?2, updated_at = ?3
         WHERE id = ?4 AND company_id = ?5",
        params![reason, decided_by, now, id, company_id],
    )?;
    Ok(())
}

/// Uninstall: the DMSA (if any) is disabled and every token of it revoked at once.
pub fn uninstall(
    conn: &Connection,
    company_id: i64,
    id: i64,
    dmsa: Option<i64>,
    decided_by: i64,
    now: i64,
) -> rusqlite::Result<()> {
    disable_service_user(conn, company_id, dmsa)?;
    conn.execute(
        "UPDATE app_installs SET state = 'uninstalled', decided_by = ?1, updated_at = ?2 WHERE id = ?3 AND company_id = ?4",
        params![decided_by, now, id, company_id],
    )?;
    Ok(())
}

/// The app's service user (if any) disabled, and every token of it revoked.
fn disable_service_user(
    conn: &Connection,
    company_id: i64,
    dmsa: Option<i64>,
) -> rusqlite::Result<()> {
    if let Some(user) = dmsa {
        conn.execute(
            "UPDATE users SET disabled = 1 WHERE id = ?1 AND company_id = ?2",
            params![user, company_id],
        )?;
        conn.execute(
            "UPDATE tokens SET revoked = 1 WHERE user_id = (SELECT id FROM users WHERE id = ?1 AND company_id = ?2)",
            params![user, company_id],
        )?;
    }
    Ok(())
}
