//! SQLite storage: one file in the data directory, WAL mode, schema created on open.
//! The data directory is locked for the lifetime of the server so two servers never share it.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::StartError;

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS companies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    password_hash TEXT,
    kind TEXT NOT NULL DEFAULT 'person',          -- person | service_account
    is_owner INTEGER NOT NULL DEFAULT 0,
    is_admin INTEGER NOT NULL DEFAULT 0,          -- Admin level on the company Admin tool
    api_access INTEGER NOT NULL DEFAULT 0,
    user_management INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS oauth_clients (
    client_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    secret_hash TEXT,                             -- NULL for public clients
    kind TEXT NOT NULL,                           -- public | service_account
    user_id INTEGER REFERENCES users(id),         -- who client-credentials tokens act as
    loopback_redirects INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS service_accounts (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    client_id TEXT NOT NULL UNIQUE REFERENCES oauth_clients(client_id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    secret_reset_at INTEGER
);
CREATE INDEX IF NOT EXISTS service_accounts_company ON service_accounts(company_id, id);
CREATE TABLE IF NOT EXISTS grants (
    id INTEGER PRIMARY KEY,
    client_id TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    scope TEXT NOT NULL DEFAULT '',
    revoked INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,                           -- access | refresh | pat
    client_id TEXT,
    user_id INTEGER NOT NULL,
    grant_id INTEGER,
    name TEXT,
    hint TEXT,                                    -- the first characters, to recognise a PAT
    expires_at INTEGER,
    revoked INTEGER NOT NULL DEFAULT 0,
    used INTEGER NOT NULL DEFAULT 0,
    last_used_at INTEGER,
    created_at INTEGER NOT NULL,
    used_at INTEGER,                              -- refresh: when it was exchanged
    successor_refresh_id INTEGER,                 -- refresh: the pair it was exchanged for
    successor_access_id INTEGER
);
CREATE INDEX IF NOT EXISTS tokens_grant ON tokens(grant_id);
-- The secrets of a service account's client: at most two active during a rotation. The newest
-- is also oauth_clients.secret_hash. Rows are made on first use for accounts from before.
-- Device authorization grant (RFC 8628): pending | approved | denied | used.
CREATE TABLE IF NOT EXISTS device_codes (
    device_hash TEXT PRIMARY KEY,
    user_code TEXT NOT NULL UNIQUE,
    client_id TEXT NOT NULL,
    scope TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending',
    user_id INTEGER,
    interval INTEGER NOT NULL,
    last_poll_ms INTEGER,
    expires_at INTEGER NOT NULL,
    source TEXT NOT NULL DEFAULT ''              -- the address (or /64) that asked for it
);
CREATE TABLE IF NOT EXISTS client_secrets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    expires_at INTEGER,
    last_used_from TEXT,
    last_used_agent TEXT
);
CREATE INDEX IF NOT EXISTS client_secrets_client ON client_secrets(client_id);
-- Service accounts that trust an outside identity (RFC 7523 client assertions).
CREATE TABLE IF NOT EXISTS federations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id INTEGER NOT NULL,
    service_account_id INTEGER NOT NULL,
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    audience TEXT NOT NULL,
    claims TEXT NOT NULL DEFAULT '{}',            -- JSON {name: value} that must match exactly
    created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS federations_account ON federations(service_account_id);
-- Assertion ids (jti) seen, until the assertion expires: a replay is refused.
CREATE TABLE IF NOT EXISTS assertion_jtis (
    issuer TEXT NOT NULL,
    jti TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (issuer, jti)
);
CREATE INDEX IF NOT EXISTS tokens_client ON tokens(client_id);
CREATE TABLE IF NOT EXISTS auth_codes (
    hash TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    redirect_uri TEXT NOT NULL,
    code_challenge TEXT,
    scope TEXT NOT NULL DEFAULT '',
    expires_at INTEGER NOT NULL,
    used INTEGER NOT NULL DEFAULT 0,
    grant_id INTEGER                              -- what redeeming it issued (revoked on a second redemption)
);
CREATE TABLE IF NOT EXISTS projects (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    name TEXT NOT NULL
);
-- A user's permission on one tool, company-wide (project_id 0) or on one project (which also
-- makes the user a member of that project). No row means level 'none'.
CREATE TABLE IF NOT EXISTS permissions (
    user_id INTEGER NOT NULL REFERENCES users(id),
    project_id INTEGER NOT NULL DEFAULT 0,
    tool TEXT NOT NULL,
    level TEXT NOT NULL,
    PRIMARY KEY (user_id, project_id, tool)
);
-- Responses to mutating POSTs that carried an Idempotency-Key, replayed on a retry.
-- 'body' is sealed (nonce || ciphertext, base64) and replayed only to 'principal' until 'expires_at'.
CREATE TABLE IF NOT EXISTS idempotency (
    user_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    principal TEXT NOT NULL DEFAULT '',
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, key)
);
CREATE TABLE IF NOT EXISTS tickets (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    title TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS photos (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    filename TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
-- Write-only values (basic-auth password, hidden header values) are sealed with the key in
-- webhook.key: 'secret_*' columns hold nonce || ciphertext, base64.
-- AUTOINCREMENT: a deleted webhook's id is never given to another one.
CREATE TABLE IF NOT EXISTS webhooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id INTEGER NOT NULL,
    url TEXT NOT NULL,
    events TEXT NOT NULL,                         -- JSON array of event types
    basic_user TEXT,
    secret_basic_password TEXT,
    headers TEXT NOT NULL DEFAULT '[]',           -- JSON [{name, value | secret, hidden}]
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
-- The outbox: an event and its deliveries are written in the transaction of the action.
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    company_id INTEGER NOT NULL,
    type TEXT NOT NULL,
    occurred_at_ms INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY,
    webhook_id INTEGER NOT NULL,
    event_id TEXT NOT NULL REFERENCES events(id),
    status TEXT NOT NULL DEFAULT 'pending',       -- pending | sending | succeeded | failed | discarded
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at_ms INTEGER NOT NULL,
    last_status_code INTEGER,
    last_error TEXT,
    last_duration_ms INTEGER,
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(status, next_attempt_at_ms);
CREATE INDEX IF NOT EXISTS deliveries_webhook ON deliveries(webhook_id, id);
CREATE TABLE IF NOT EXISTS delivery_attempts (
    id INTEGER PRIMARY KEY,
    delivery_id INTEGER NOT NULL REFERENCES deliveries(id),
    attempt INTEGER NOT NULL,
    started_at_ms INTEGER NOT NULL,
    status_code INTEGER,
    duration_ms INTEGER NOT NULL,
    error TEXT
);
-- The marketplace: apps and the permissions their current version asks for.
CREATE TABLE IF NOT EXISTS apps (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    developer TEXT NOT NULL,
    uses_dmsa INTEGER NOT NULL,                   -- client credentials as a developer-managed service account
    uses_auth_code INTEGER NOT NULL,              -- acts as the signed-in user
    version INTEGER NOT NULL DEFAULT 1,
    permissions TEXT NOT NULL,                    -- JSON {company: {tool: level}, project: {tool: level}}
    client_id TEXT NOT NULL UNIQUE REFERENCES oauth_clients(client_id)
);
CREATE TABLE IF NOT EXISTS app_installs (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL,
    app_id INTEGER NOT NULL REFERENCES apps(id),
    state TEXT NOT NULL,                          -- pending | approved | denied | uninstalled
    requested_version INTEGER NOT NULL,
    approved_version INTEGER,
    approved_permissions TEXT,                    -- the manifest permissions last approved
    project_ids TEXT NOT NULL DEFAULT '[]',
    dmsa_user_id INTEGER REFERENCES users(id),
    deny_reason TEXT,
    requested_by INTEGER NOT NULL,
    decided_by INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
-- What each user's requests needed: tool and level, first and last use (least privilege).
CREATE TABLE IF NOT EXISTS permission_usage (
    user_id INTEGER NOT NULL,
    tool TEXT NOT NULL,
    level TEXT NOT NULL,
    first_used_at INTEGER NOT NULL,
    last_used_at INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (user_id, tool, level)
);
CREATE TABLE IF NOT EXISTS login_sessions (
    id_hash TEXT PRIMARY KEY,
    csrf TEXT NOT NULL,
    user_id INTEGER,
    params TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    source TEXT NOT NULL DEFAULT ''              -- the address (or /64) that started it
);
"#;

/// Holds the data directory's lock file open; dropping it releases the directory.
pub struct DirLock {
    _file: File,
}

/// The files a sandbox keeps in its data directory.
const OWN_FILES: &[&str] = &[
    "sandbox.sqlite3",
    "sandbox.sqlite3-wal",
    "sandbox.sqlite3-shm",
    "sandbox.lock",
    "bootstrap.json",
    "webhook.key",
];

/// Create the data directory (0700) or make an existing one private: the directory 0700 and
/// every file in it 0600 (SQLite gives its -wal and -shm files the database file's mode).
fn make_private(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        builder.create(dir)?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        // Only the sandbox's own files: the directory may hold other things.
        for name in OWN_FILES {
            let path = dir.join(name);
            if path
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_file())
            {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
            }
        }
        // The database is created here, 0600, before SQLite opens it.
        let db = database_path(dir);
        if !db.exists() {
            use std::os::unix::fs::OpenOptionsExt;
            OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .mode(0o600)
                .open(&db)?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    builder.create(dir)
}

pub fn lock_data_dir(dir: &Path) -> Result<DirLock, StartError> {
    make_private(dir).map_err(|e| StartError::DataDir(dir.to_path_buf(), e))?;
    let path = dir.join("sandbox.lock");
    let mut opts = OpenOptions::new();
    opts.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let file = opts
        .open(&path)
        .map_err(|e| StartError::DataDir(dir.to_path_buf(), e))?;
    match file.try_lock() {
        Ok(()) => Ok(DirLock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(StartError::DataDirInUse(dir.to_path_buf())),
        Err(std::fs::TryLockError::Error(e)) => Err(StartError::DataDir(dir.to_path_buf(), e)),
    }
}

pub fn database_path(dir: &Path) -> PathBuf {
    dir.join("sandbox.sqlite3")
}

/// SQLite's allocation statistics (on by default) take a process-wide mutex on every
/// allocation, which every connection shares: off, before SQLite initialises. Nothing reads them.
pub fn tune_sqlite() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config before sqlite3_initialize (the first connection); after it,
        // SQLite refuses with SQLITE_MISUSE and nothing changes.
        unsafe {
            rusqlite::ffi::sqlite3_config(
                rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS,
                0 as std::ffi::c_int,
            );
        }
    });
}

pub fn open(dir: &Path) -> Result<Connection, StartError> {
    tune_sqlite();
    let path = database_path(dir);
    let conn = Connection::open(&path).map_err(|e| StartError::Database(path.clone(), e))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
    )
    .and_then(|_| conn.execute_batch(SCHEMA))
    .and_then(|_| migrate(&conn))
    .map_err(|e| StartError::Database(path, e))?;
    Ok(conn)
}

/// Columns added after a table first shipped: add them to data directories made before.
fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    for (table, column, decl) in [
        ("tokens", "hint", "TEXT"),
        // The client secret a client-credentials token was minted with (rotation).
        ("tokens", "secret_id", "INTEGER"),
        // The federation a client-assertion token was minted through (revoked with it).
        ("tokens", "federation_id", "INTEGER"),
        ("service_accounts", "secret_reset_at", "INTEGER"),
        ("auth_codes", "grant_id", "INTEGER"),
        // Who last used a client secret (issue 21): the address and the User-Agent.
        ("client_secrets", "last_used_from", "TEXT"),
        ("client_secrets", "last_used_agent", "TEXT"),
        // Refresh rotation's grace (issue 19): when a refresh token was used, and the pair it
        // was exchanged for.
        ("tokens", "used_at", "INTEGER"),
        ("tokens", "successor_refresh_id", "INTEGER"),
        ("tokens", "successor_access_id", "INTEGER"),
        // Per-source caps (issue 19): who started a sign-in or asked for a device code.
        ("login_sessions", "source", "TEXT NOT NULL DEFAULT ''"),
        ("device_codes", "source", "TEXT NOT NULL DEFAULT ''"),
        // Rows from before: unsealed, so expired at once (purged below).
        ("idempotency", "principal", "TEXT NOT NULL DEFAULT ''"),
        ("idempotency", "expires_at", "INTEGER NOT NULL DEFAULT 0"),
    ] {
        let has: bool = conn.query_row(
            &format!("SELECT EXISTS(SELECT 1 FROM pragma_table_info('{table}') WHERE name = ?1)"),
            [column],
            |r| r.get(0),
        )?;
        if !has {
            conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {decl}"))?;
        }
    }
    // Webhooks made before ids were AUTOINCREMENT: rebuild the table so that no id is reused,
    // not even one deleted before this upgrade (the sequence starts past every id ever seen).
    let table_sql: String = conn.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'webhooks'",
        [],
        |r| r.get(0),
    )?;
    if !table_sql.contains("AUTOINCREMENT") {
        let rebuilt = table_sql.replacen(
            "id INTEGER PRIMARY KEY,",
            "id INTEGER PRIMARY KEY AUTOINCREMENT,",
            1,
        );
        let rebuilt = rebuilt.replacen("CREATE TABLE webhooks", "CREATE TABLE webhooks_new", 1);
        conn.execute_batch(&format!(
            "BEGIN;
             {rebuilt};
             INSERT INTO webhooks_new SELECT * FROM webhooks;
             DROP TABLE webhooks;
             ALTER TABLE webhooks_new RENAME TO webhooks;
             INSERT INTO sqlite_sequence (name, seq) VALUES ('webhooks',
                 (SELECT MAX(COALESCE((SELECT MAX(id) FROM webhooks), 0), COALESCE((SELECT MAX(webhook_id) FROM deliveries), 0))));
             COMMIT;"
        ))?;
    }
    crate::store::idempotency::purge_expired(conn, crate::clock::system_now())?;
    Ok(())
}
