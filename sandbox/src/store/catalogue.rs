//! The marketplace: apps, their versions and what each version asks for. The platform's, not a
//! company's (installs, which are, live in `store::apps`).

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::store::permissions::{Permissions, rank};

/// What an app's version asks for: levels per tool company-wide, and on each chosen project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    #[serde(default)]
    pub company: BTreeMap<String, String>,
    #[serde(default)]
    pub project: BTreeMap<String, String>,
}

impl Manifest {
    /// Does `self` ask for anything `approved` did not grant?
    pub fn exceeds(&self, approved: &Manifest) -> bool {
        let more = |new: &BTreeMap<String, String>, old: &BTreeMap<String, String>| {
            new.iter()
                .any(|(tool, level)| rank(level) > old.get(tool).map(|l| rank(l)).unwrap_or(0))
        };
        more(&self.company, &approved.company) || more(&self.project, &approved.project)
    }

    /// The permissions document for a DMSA on `projects`.
    pub fn grant(&self, projects: &[i64]) -> Permissions {
        Permissions {
            company: self.company.clone(),
            projects: projects
                .iter()
                .map(|p| (*p, self.project.clone()))
                .collect(),
        }
    }
}

pub struct App {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub developer: String,
    pub dmsa: bool,
    pub auth_code: bool,
    pub version: i64,
    pub manifest: Manifest,
}

pub fn app_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<App> {
    Ok(App {
        id: r.get(0)?,
        slug: r.get(1)?,
        name: r.get(2)?,
        developer: r.get(3)?,
        dmsa: r.get(4)?,
        auth_code: r.get(5)?,
        version: r.get(6)?,
        manifest: serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default(),
    })
}

pub const APP_COLUMNS: &str =
    "id, slug, name, developer, uses_dmsa, uses_auth_code, version, permissions";

/// Every app of the marketplace, in publication order.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<App>> {
    conn.prepare_cached(&format!("SELECT {APP_COLUMNS} FROM apps ORDER BY id"))?
        .query_map([], app_from_row)?
        .collect()
}

/// The app published as `slug`.
pub fn by_slug(conn: &Connection, slug: &str) -> rusqlite::Result<Option<App>> {
    conn.query_row(
        &format!("SELECT {APP_COLUMNS} FROM apps WHERE slug = ?1"),
        [slug],
        app_from_row,
    )
    .optional()
}

/// A new app and its developer's confidential OAuth client.
#[allow(clippy::too_many_arguments)]
pub fn insert(
    conn: &Connection,
    slug: &str,
    name: &str,
    developer: &str,
    dmsa: bool,
    auth_code: bool,
    manifest: &Manifest,
    client_id: &str,
    secret_hash: &str,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO oauth_clients (client_id, name, secret_hash, kind, loopback_redirects, created_at) VALUES (?1, ?2, ?3, 'app', 1, ?4)",
        params![client_id, name, secret_hash, now],
    )?;
    conn.execute(
        "INSERT INTO apps (slug, name, developer, uses_dmsa, uses_auth_code, permissions, client_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![slug, name, developer, dmsa, auth_code, serde_json::to_string(manifest).expect("serialisable"), client_id],
    )?;
    Ok(())
}

/// The DMSA a client-credentials token of app client `client_id` acts as in `company_id`, if the
/// app is installed (approved) there.
pub fn dmsa_for(
    conn: &Connection,
    client_id: &str,
    company_id: i64,
) -> rusqlite::Result<Result<i64, String>> {
    let row: Option<(String, Option<i64>, String, bool)> = conn
        .query_row(
            "SELECT i.state, i.dmsa_user_id, a.name, a.uses_dmsa FROM apps a LEFT JOIN app_installs i
             ON i.app_id = a.id AND i.company_id = ?2 AND i.state IN ('approved', 'pending')
             WHERE a.client_id = ?1 ORDER BY i.id DESC LIMIT 1",
            params![client_id, company_id],
            |r| Ok((r.get::<_, Option<String>>(0)?.unwrap_or_default(), r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(match row {
        None => Err(format!("client '{client_id}' is not a marketplace app")),
        Some((_, _, name, false)) => Err(format!(
            "{name} does not use a developer-managed service account"
        )),
        // A pending re-approval keeps the permissions approved before.
        Some((_, Some(user), _, true)) => Ok(user),
        Some((_, None, name, true)) => Err(format!(
            "{name} is not installed (approved) in company {company_id}"
        )),
    })
}

/// Publish a new version of an app (the developer's side). Installs whose approval does not
/// cover what the new version asks for go back to pending.
pub fn publish_version(
    conn: &Connection,
    slug: &str,
    manifest: &Manifest,
    now: i64,
) -> rusqlite::Result<i64> {
    let tx = conn.unchecked_transaction()?;
    let (app_id, version): (i64, i64) = tx.query_row(
        "SELECT id, version FROM apps WHERE slug = ?1",
        [slug],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let version = version + 1;
    tx.execute(
        "UPDATE apps SET version = ?1, permissions = ?2 WHERE id = ?3",
        params![
            version,
            serde_json::to_string(manifest).expect("serialisable"),
            app_id
        ],
    )?;
    let installs: Vec<(i64, Option<String>)> = tx
        .prepare("SELECT id, approved_permissions FROM app_installs WHERE app_id = ?1 AND state = 'approved'")?
        .query_map([app_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, approved) in installs {
        let approved: Manifest = approved
            .and_then(|a| serde_json::from_str(&a).ok())
            .unwrap_or_default();
        let state = if manifest.exceeds(&approved) {
            "pending"
        } else {
            "approved"
        };
        tx.execute("UPDATE app_installs SET state = ?1, requested_version = ?2, updated_at = ?3 WHERE id = ?4", params![state, version, now, id])?;
        if state == "approved" {
            tx.execute(
                "UPDATE app_installs SET approved_version = ?1 WHERE id = ?2",
                params![version, id],
            )?;
        }
    }
    tx.commit()?;
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::Manifest;

    fn m(company: &[(&str, &str)], project: &[(&str, &str)]) -> Manifest {
        Manifest {
            company: company
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            project: project
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        }
    }

    #[test]
    fn more_permissions_exceed_an_approval() {
        let approved = m(&[("directory", "read")], &[("documents", "read")]);
        assert!(!m(&[("directory", "read")], &[("documents", "read")]).exceeds(&approved));
        assert!(
            !m(&[], &[("documents", "read")]).exceeds(&approved),
            "asking for less is fine"
        );
        assert!(
            m(&[("directory", "read")], &[("documents", "admin")]).exceeds(&approved),
            "a higher level"
        );
        assert!(
            m(&[("directory", "read"), ("budget", "read")], &[]).exceeds(&approved),
            "a new tool"
        );
    }
}
