//! First start on an empty data directory: the demo company, its users, the CLI's OAuth client
//! and a demo service account, plus `bootstrap.json` (mode 0600) with their credentials.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::StartError;
use crate::crypto::{hash_password, random_string, random_token, sha256_hex};
pub use crate::service::accounts::SeededServiceAccount;
use crate::store::catalogue::Manifest;
use crate::store::{Conn, demo};

use crate::store::oauth::CLI_CLIENT_ID;

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

/// A marketplace app's developer credentials, as `bootstrap.json` lists them.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeededApp {
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

pub fn seed_or_load(conn: &Conn, dir: &Path, base_url: &str) -> Result<Bootstrap, StartError> {
    let path = dir.join("bootstrap.json");
    let fail = |e: String| StartError::Bootstrap(path.clone(), e);
    let seeded = demo::count(conn, "companies").map_err(|e| fail(e.to_string()))?;
    let mut bootstrap = if seeded == 0 {
        seed(conn).map_err(|e| fail(e.to_string()))?
    } else {
        let text = std::fs::read_to_string(&path).map_err(|e| fail(e.to_string()))?;
        serde_json::from_str(&text).map_err(|e| fail(e.to_string()))?
    };
    let apps_seeded = demo::count(conn, "apps").map_err(|e| fail(e.to_string()))?;
    if apps_seeded == 0 {
        bootstrap.apps = seed_marketplace(conn).map_err(|e| fail(e.to_string()))?;
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
    tx: &Conn,
    name: &str,
    login_prefix: &str,
    email_domain: &str,
) -> crate::store::Result<SeededCompany> {
    let t = crate::clock::system_now();
    let company_id = demo::insert_company(tx, name)?;
    let mut users = BTreeMap::new();
    for u in DEMO_USERS {
        let password = random_string(12);
        let login = format!("{login_prefix}{}", u.login);
        let id = demo::insert_person(
            tx,
            company_id,
            &demo::Person {
                login: &login,
                name: u.name,
                email: &format!("{login}@{email_domain}"),
                password_hash: &hash_password(&password),
                is_owner: u.is_owner,
                is_admin: u.is_admin,
                api_access: u.api_access || u.is_owner,
                user_management: u.user_management,
            },
            t,
        )?;
        users.insert(
            u.login.to_string(),
            SeededUser {
                id,
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
        demo::insert_project(tx, company_id, project)?;
    }
    Ok(SeededCompany {
        id: company_id,
        users,
    })
}

/// Another tenant beside the demo company (for tests of tenant isolation): its users are the
/// demo roles (owner, admin, manager, viewer) with logins `{prefix}owner`, … .
pub fn add_company(conn: &Conn, name: &str, prefix: &str) -> crate::store::Result<SeededCompany> {
    let tx = conn.unchecked_transaction()?;
    let domain = format!(
        "{}.example",
        prefix.trim_end_matches(['-', '_']).to_ascii_lowercase()
    );
    let company = company_with_users(&tx, name, prefix, &domain)?;
    tx.commit()?;
    Ok(company)
}

fn seed(conn: &Conn) -> crate::store::Result<Bootstrap> {
    let t = crate::clock::system_now();
    let tx = conn.unchecked_transaction()?;
    let SeededCompany {
        id: company_id,
        users,
    } = company_with_users(&tx, "Acme Construction", "", "acme.example")?;
    demo::insert_public_client(&tx, CLI_CLIENT_ID, "svcacct command-line tool", t)?;
    let service_account = crate::service::accounts::create_service_account(
        &tx,
        company_id,
        "Demo integration",
        "Seeded by the sandbox",
        "demo-integration@acme.example",
        t,
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

/// `count` service accounts named "Load test NNNNN", in one transaction.
pub fn bulk_service_accounts(conn: &Conn, company_id: i64, count: u32) -> crate::store::Result<()> {
    let tx = conn.unchecked_transaction()?;
    demo::bulk_service_accounts(&tx, company_id, count, crate::clock::system_now())?;
    tx.commit()
}

struct MarketplaceApp {
    slug: &'static str,
    name: &'static str,
    developer: &'static str,
    dmsa: bool,
    auth_code: bool,
    company: &'static [(&'static str, &'static str)],
    project: &'static [(&'static str, &'static str)],
}

const MARKETPLACE: &[MarketplaceApp] = &[
    MarketplaceApp {
        slug: "sitesync-erp",
        name: "SiteSync ERP",
        developer: "Ledgerline Inc.",
        dmsa: true,
        auth_code: false,
        company: &[("directory", "read")],
        project: &[("documents", "read"), ("rfis", "standard")],
    },
    MarketplaceApp {
        slug: "photovault",
        name: "PhotoVault",
        developer: "Lenscraft",
        dmsa: true,
        auth_code: true,
        company: &[],
        project: &[("documents", "standard")],
    },
    MarketplaceApp {
        slug: "field-forms",
        name: "Field Forms",
        developer: "Formwork Labs",
        dmsa: false,
        auth_code: true,
        company: &[],
        project: &[],
    },
];

/// Seed the marketplace: each app gets a confidential OAuth client (its developer's).
fn seed_marketplace(conn: &Conn) -> crate::store::Result<BTreeMap<String, SeededApp>> {
    let tx = conn.unchecked_transaction()?;
    let mut creds = BTreeMap::new();
    for a in MARKETPLACE {
        let client_id = format!("app_{}", a.slug.replace('-', "_"));
        let secret = random_token("sapp_");
        let manifest = Manifest {
            company: a
                .company
                .iter()
                .map(|(t, l)| (t.to_string(), l.to_string()))
                .collect(),
            project: a
                .project
                .iter()
                .map(|(t, l)| (t.to_string(), l.to_string()))
                .collect(),
        };
        crate::store::catalogue::insert(
            &tx,
            a.slug,
            a.name,
            a.developer,
            a.dmsa,
            a.auth_code,
            &manifest,
            &client_id,
            &sha256_hex(&secret),
            crate::clock::system_now(),
        )?;
        creds.insert(
            a.slug.to_string(),
            SeededApp {
                client_id,
                client_secret: secret,
            },
        );
    }
    tx.commit()?;
    Ok(creds)
}
