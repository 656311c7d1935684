//! Stored answers to POSTs that carried an `Idempotency-Key`. A stored answer may carry a
//! secret shown once (a client secret, a PAT), so it is sealed with the data directory's key,
//! kept for 24 hours (like Stripe's keys), replayed only to the principal that made it, and
//! purged once expired.

use rusqlite::{Connection, OptionalExtension, params};

use crate::crypto::SealKey;

/// How long a stored answer can be replayed.
pub const KEEP_SECS: i64 = 24 * 3600;

/// What a request with a key is recognised by.
#[derive(Clone, Debug)]
pub struct Idempotent {
    pub key: String,
    /// Method, path and a hash of the body.
    pub fingerprint: String,
    /// Who asked: the user, the credential kind and client, and the authority they held.
    pub principal: String,
}

pub enum Seen {
    /// Never seen (or expired).
    New,
    /// The same request by the same principal: its answer.
    Replay(u16, String),
    /// The key was used for another request.
    OtherRequest,
    /// The key was used by another principal (or the same user with other authority).
    OtherPrincipal,
}

pub fn lookup(
    conn: &Connection,
    seal: &SealKey,
    user_id: i64,
    i: &Idempotent,
    now: i64,
) -> rusqlite::Result<Seen> {
    let row: Option<(String, String, u16, String)> = conn
        .query_row(
            "SELECT fingerprint, principal, status, body FROM idempotency
             WHERE user_id = ?1 AND key = ?2 AND expires_at > ?3",
            params![user_id, i.key, now],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(match row {
        None => Seen::New,
        Some((_, principal, _, _)) if principal != i.principal => Seen::OtherPrincipal,
        Some((fingerprint, _, _, _)) if fingerprint != i.fingerprint => Seen::OtherRequest,
        Some((_, _, status, sealed)) => match seal.open(&sealed) {
            Some(body) => Seen::Replay(status, body),
            None => Seen::New,
        },
    })
}

/// Keep the answer (sealed) for a replay; a key already stored keeps its first answer. Expired
/// answers are purged on the way.
pub fn store(
    conn: &Connection,
    seal: &SealKey,
    user_id: i64,
    i: &Idempotent,
    status: u16,
    body: &str,
    now: i64,
) -> rusqlite::Result<()> {
    purge_expired(conn, now)?;
    conn.execute(
        "INSERT INTO idempotency (user_id, key, fingerprint, principal, status, body, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (user_id, key) DO NOTHING",
        params![
            user_id,
            i.key,
            i.fingerprint,
            i.principal,
            status,
            seal.seal(body),
            now,
            now + KEEP_SECS
        ],
    )?;
    Ok(())
}

pub fn purge_expired(conn: &Connection, now: i64) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM idempotency WHERE expires_at <= ?1", [now])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, Connection, SealKey) {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::store::schema::open(dir.path()).unwrap();
        let seal = SealKey::load_or_create(dir.path()).unwrap();
        (dir, conn, seal)
    }

    fn request(principal: &str) -> Idempotent {
        Idempotent {
            key: "k1".into(),
            fingerprint: "POST /x abc".into(),
            principal: principal.into(),
        }
    }

    #[test]
    fn sealed_replayed_to_its_principal_only_and_expired_after_a_day() {
        let (_dir, conn, seal) = setup();
        let t = 1_000_000;
        let body = r#"{"client_secret":"sas_plain"}"#;
        store(&conn, &seal, 7, &request("alice|access"), 201, body, t).unwrap();
        let stored: String = conn
            .query_row("SELECT body FROM idempotency", [], |r| r.get(0))
            .unwrap();
        assert!(!stored.contains("sas_plain"), "sealed at rest");
        assert!(matches!(
            lookup(&conn, &seal, 7, &request("alice|access"), t + 10).unwrap(),
            Seen::Replay(201, b) if b == body
        ));
        assert!(matches!(
            lookup(&conn, &seal, 7, &request("alice|pat"), t + 10).unwrap(),
            Seen::OtherPrincipal
        ));
        let mut other = request("alice|access");
        other.fingerprint = "POST /x def".into();
        assert!(matches!(
            lookup(&conn, &seal, 7, &other, t + 10).unwrap(),
            Seen::OtherRequest
        ));
        assert!(matches!(
            lookup(&conn, &seal, 7, &request("alice|access"), t + KEEP_SECS).unwrap(),
            Seen::New
        ));
        assert_eq!(purge_expired(&conn, t + KEEP_SECS).unwrap(), 1);
        let left: i64 = conn
            .query_row("SELECT COUNT(*) FROM idempotency", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0);
    }
}
