//! First start on an empty data directory: the demo company, its users, the CLI's OAuth client
//! and a demo service account, plus `bootstrap.json` (mode 0600) with their credentials.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::StartError;
pub use crate::apps::SeededApp;
use crate::crypto::{hash_password, random_string, random_token, sha256_hex};

pub const CLI_CLIENT_ID: &str = "svcacct-cli";

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeededUser {
    pub id: i64,
    pub login: String,
    pub password: String,
}

/// A company made by [`add_company`]: its id and its users by role.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeededCompany {
    pub id: i64,
    pub users: BTreeMap<String, SeededUser>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeededServiceAccount {
    pub id: i64,
    pub client_id: String,
    pub client_secret: String,
}

/// What `bootstrap.json` holds: everything a newcomer needs to sign in to a fresh sandbox.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Bootstrap {
    pub base_url: String,
    pub company_id: i64,
    pub cli_client_id: String,
    pub users: BTreeMap<String, SeededUser>,
    pub service_account: SeededServiceAccount,
    /// Marketplace apps (by slug) with their developers' client credentials.
    #[serde(default)]
    pub apps: BTreeMap<String, SeededApp>,
}

impl Bootstrap {
    pub fn user(&self, login: &str) -> &SeededUser {
        &self.users[login]
    }
}

pub fn seed_or_load(
    conn: &Connection,
    dir: &Path,
    base_url: &str,
) -> Result<Bootstrap, StartError> {
    let path = dir.join("bootstrap.json");
    let fail = |e: String| StartError::Bootstrap(path.clone(), e);
    let seeded: i64 = conn
        .query_row("SELECT COUNT(*) FROM companies", [], |r| r.get(0))
        .map_err(|e| fail(e.to_string()))?;
    let mut bootstrap = if seeded == 0 {
        seed(conn).map_err(|e| fail(e.to_string()))?
    } else {
        let text = std::fs::read_to_string(&path).map_err(|e| fail(e.to_string()))?;
        serde_json::from_str(&text).map_err(|e| fail(e.to_string()))?
    };
    let apps_seeded: i64 = conn
        .query_row("SELECT COUNT(*) FROM apps", [], |r| r.get(0))
        .map_err(|e| fail(e.to_string()))?;
    if apps_seeded == 0 {
        bootstrap.apps = crate::apps::seed_marketplace(conn).map_err(|e| fail(e.to_string()))?;
    }
    bootstrap.base_url = base_url.to_string();
    write_private(
        &path,
        &serde_json::to_string_pretty(&bootstrap).expect("serialisable"),
    )
    .map_err(|e| fail(e.to_string()))?;
    Ok(bootstrap)
}

/// Write a file readable only by its owner, atomically (temp file + rename).
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp)?;
    f.write_all(contents.as_bytes())?;
    f.write_all(b"\n")?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}

struct DemoUser {
    login: &'static str,
    name: &'static str,
    is_owner: bool,
    is_admin: bool,
    api_access: bool,
    user_management: bool,
}

const DEMO_USERS: &[DemoUser] = &[
    DemoUser {
        login: "owner",
        name: "Olivia Owner",
        is_owner: true,
        is_admin: true,
        api_access: true,
        user_management: true,
    },
    DemoUser {
        login: "admin",
        name: "Adam Admin",
        is_owner: false,
        is_admin: true,
        api_access: true,
        user_management: false,
    },
    DemoUser {
        login: "manager",
        name: "Mia Manager",
        is_owner: false,
        is_admin: false,
        api_access: true,
        user_management: true,
    },
    DemoUser {
        login: "viewer",
        name: "Vera Viewer",
        is_owner: false,
        is_admin: false,
        api_access: false,
        user_management: false,
    },
];

/// A company with the demo users (logins prefixed) and three projects; returns their passwords.
fn company_with_users(
    tx: &Connection,
    name: &str,
    login_prefix: &str,
    email_domain: &str,
) -> rusqlite::Result<SeededCompany> {
    let t = crate::clock::system_now();
    tx.execute("INSERT INTO companies (name) VALUES (?1)", [name])?;
    let company_id = tx.last_insert_rowid();
    let mut users = BTreeMap::new();
    for u in DEMO_USERS {
        let password = random_string(12);
        let login = format!("{login_prefix}{}", u.login);
        tx.execute(
            "INSERT INTO users (company_id, login, name, email, password_hash, kind, is_owner, is_admin, api_access, user_management, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'person', ?6, ?7, ?8, ?9, ?10)",
            params![company_id, login, u.name, format!("{login}@{email_domain}"), hash_password(&password),
                    u.is_owner, u.is_admin, u.api_access || u.is_owner, u.user_management, t],
        )?;
        users.insert(
            u.login.to_string(),
            SeededUser {
                id: tx.last_insert_rowid(),
                login,
                password,
            },
        );
    }
    for project in [
        "Harbour Bridge Refit",
        "Northside Clinic",
        "Riverside Offices",
    ] {
        tx.execute(
            "INSERT INTO projects (company_id, name) VALUES (?1, ?2)",
            params![company_id, project],
        )?;
    }
    Ok(SeededCompany {
        id: company_id,
        users,
    })
}

/// Another tenant beside the demo company (for tests of tenant isolation): its users are the
/// demo roles (owner, admin, manager, viewer) with logins `{prefix}owner`, … .
pub fn add_company(conn: &Connection, name: &str, prefix: &str) -> rusqlite::Result<SeededCompany> {
    let tx = conn.unchecked_transaction()?;
    let domain = format!(
        "{}.example",
        prefix.trim_end_matches(['-', '_']).to_ascii_lowercase()
    );
    let company = company_with_users(&tx, name, prefix, &domain)?;
    tx.commit()?;
    Ok(company)
}

fn seed(conn: &Connection) -> rusqlite::Result<Bootstrap> {
    let t = crate::clock::system_now();
    let tx = conn.unchecked_transaction()?;
    let SeededCompany {
        id: company_id,
        users,
    } = company_with_users(&tx, "Acme Construction", "", "acme.example")?;
    tx.execute(
        "INSERT INTO oauth_clients (client_id, name, secret_hash, kind, loopback_redirects, created_at)
         VALUES (?1, 'svcacct command-line tool', NULL, 'public', 1, ?2)",
        params![CLI_CLIENT_ID, t],
    )?;
    let service_account = create_service_account(
        &tx,
        company_id,
        "Demo integration",
        "Seeded by the sandbox",
        "demo-integration@acme.example",
    )?;
    tx.commit()?;
    Ok(Bootstrap {
        base_url: String::new(),
        company_id,
        cli_client_id: CLI_CLIENT_ID.to_string(),
        users,
        service_account,
        apps: BTreeMap::new(),
    })
}

/// Create a service account: its directory user, its confidential OAuth client and the
/// account row. Returns the one-time secret.
pub fn create_service_account(
    conn: &Connection,
    company_id: i64,
    name: &str,
    description: &str,
    email: &str,
) -> rusqlite::Result<SeededServiceAccount> {
    let t = crate::clock::system_now();
    let client_id = format!("sa_{}", random_string(12).replace(['-', '_'], "x"));
    let client_secret = random_token("sas_");
    conn.execute(
        "INSERT INTO users (company_id, login, name, email, kind, created_at) VALUES (?1, ?2, ?3, ?4, 'service_account', ?5)",
        params![company_id, client_id, name, email, t],
    )?;
    let user_id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO oauth_clients (client_id, name, secret_hash, kind, user_id, created_at) VALUES (?1, ?2, ?3, 'service_account', ?4, ?5)",
        params![client_id, name, sha256_hex(&client_secret), user_id, t],
    )?;
    conn.execute(
        "INSERT INTO service_accounts (company_id, user_id, client_id, name, description, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![company_id, user_id, client_id, name, description, t],
    )?;
    Ok(SeededServiceAccount {
        id: conn.last_insert_rowid(),
        client_id,
        client_secret,
    })
}

/// `count` service accounts named "Load test NNNNN", in one transaction.
pub fn bulk_service_accounts(
    conn: &Connection,
    company_id: i64,
    count: u32,
) -> rusqlite::Result<()> {
    let tx = conn.unchecked_transaction()?;
    let t = crate::clock::system_now();
    let start: i64 = tx.query_row(
        "SELECT COALESCE(MAX(id), 0) FROM service_accounts",
        [],
        |r| r.get(0),
    )?;
    {
        let mut user = tx.prepare("INSERT INTO users (company_id, login, name, email, kind, created_at) VALUES (?1, ?2, ?3, ?4, 'service_account', ?5)")?;
        let mut client = tx.prepare("INSERT INTO oauth_clients (client_id, name, secret_hash, kind, user_id, created_at) VALUES (?1, ?2, ?3, 'service_account', ?4, ?5)")?;
        let mut account = tx.prepare("INSERT INTO service_accounts (company_id, user_id, client_id, name, description, created_at) VALUES (?1, ?2, ?3, ?4, 'bulk-seeded', ?5)")?;
        for i in 1..=i64::from(count) {
            let n = start + i;
            let client_id = format!("sa_load{n:08}");
            let name = format!("Load test {n:05}");
            user.execute(params![
                company_id,
                client_id,
                name,
                format!("load-{n}@acme.example"),
                t
            ])?;
            let user_id = tx.last_insert_rowid();
            client.execute(params![
                client_id,
                name,
                sha256_hex(&random_string(16)),
                user_id,
                t
            ])?;
            account.execute(params![company_id, user_id, client_id, name, t])?;
        }
    }
    tx.commit()
}
