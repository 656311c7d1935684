//! The connections: one writer and a pool of readers on the same WAL database, so that reads
//! never wait behind writes, and a writer thread that commits groupable writes (token
//! issuance) in small batches: one transaction, one commit, for every job queued meanwhile.
//! Pending "last used" stamps are kept in memory and written with the next batch, the next
//! writer checkout, or the next tick, whichever comes first. Expired tokens are pruned on a tick.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, params};

use crate::StartError;

/// How many jobs one batch commits at most.
const BATCH: usize = 64;
/// How often pending stamps are written when nothing else writes them.
const TICK: Duration = Duration::from_millis(500);
/// How often expired access tokens are pruned.
const PRUNE_EVERY: Duration = Duration::from_secs(5);

type Reply = Box<dyn FnOnce(bool) + Send>;
type Job = Box<dyn FnOnce(&Connection) -> Reply + Send>;

pub struct Db {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
    /// PAT id → when it was last used, not yet written.
    stamps: Mutex<HashMap<i64, i64>>,
    /// Client secret id → when and from where it was last used, not yet written.
    secret_stamps: Mutex<HashMap<i64, (i64, super::service_accounts::SeenFrom)>>,
    jobs: Mutex<Option<mpsc::Sender<Job>>>,
    /// Client-credentials access tokens expired longer than this many seconds are deleted
    /// (their "expired" answer turns into "not valid" then); tokens of a grant stay, as refresh
    /// rotation refers to them.
    prune_after: i64,
    clock: crate::clock::Clock,
}

/// Readers per database: enough for the runtime's workers and the blocking pool's bursts.
fn reader_count() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(2, 8)
}

impl Db {
    /// Open the data directory's database: the writer (which creates and migrates the schema)
    /// and the readers, and start the writer thread.
    pub fn open(dir: &Path, prune_after_secs: u64) -> Result<Arc<Db>, StartError> {
        let writer = super::schema::open(dir)?;
        let path = super::schema::database_path(dir);
        let mut readers = Vec::new();
        for _ in 0..reader_count() {
            let conn = Connection::open_with_flags(
                &path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .and_then(|c| {
                c.execute_batch("PRAGMA busy_timeout = 5000; PRAGMA query_only = ON;")?;
                Ok(c)
            })
            .map_err(|e| StartError::Database(path.clone(), e))?;
            readers.push(Mutex::new(conn));
        }
        let db = Arc::new(Db {
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
            stamps: Mutex::new(HashMap::new()),
            secret_stamps: Mutex::new(HashMap::new()),
            jobs: Mutex::new(None),
            prune_after: prune_after_secs as i64,
            clock: crate::clock::Clock::default(),
        });
        let (tx, rx) = mpsc::channel::<Job>();
        *db.jobs.lock().unwrap_or_else(|p| p.into_inner()) = Some(tx);
        let weak = Arc::downgrade(&db);
        std::thread::Builder::new()
            .name("sandbox-writer".into())
            .spawn(move || writer_loop(weak, rx))
            .map_err(|e| StartError::DataDir(dir.to_path_buf(), e))?;
        Ok(db)
    }

    /// The sandbox's clock (the state shares it).
    pub fn clock(&self) -> &crate::clock::Clock {
        &self.clock
    }

    /// The writer, with the pending stamps written first (so that what it reads is current).
    /// Hold it briefly and never across an `.await`.
    pub fn write(&self) -> MutexGuard<'_, Connection> {
        let conn = self
            .writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        self.write_stamps(&conn);
        conn
    }

    /// A reader: the first free one, else wait for one in turn.
    pub fn read(&self) -> MutexGuard<'_, Connection> {
        let n = self.readers.len();
        let start = self.next_reader.fetch_add(1, Ordering::Relaxed);
        for i in 0..n {
            if let Ok(conn) = self.readers[(start + i) % n].try_lock() {
                return conn;
            }
        }
        self.readers[start % n]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Note that PAT `token_id` was used at `at`; written with the next write.
    pub fn stamp_pat(&self, token_id: i64, at: i64) {
        self.stamps
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(token_id, at);
    }

    /// Note that client secret `id` was used at `at`, from `seen`; written with the next write.
    pub fn stamp_secret(&self, id: i64, at: i64, seen: super::service_accounts::SeenFrom) {
        self.secret_stamps
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, (at, seen));
    }

    fn write_stamps(&self, conn: &Connection) {
        let pending = std::mem::take(&mut *self.stamps.lock().unwrap_or_else(|p| p.into_inner()));
        let secrets =
            std::mem::take(&mut *self.secret_stamps.lock().unwrap_or_else(|p| p.into_inner()));
        if pending.is_empty() && secrets.is_empty() {
            return;
        }
        // Inside a batch's transaction already, or a transaction of its own.
        let tx = if conn.is_autocommit() {
            conn.unchecked_transaction().ok()
        } else {
            None
        };
        for (id, (at, seen)) in &secrets {
            let _ = super::service_accounts::note_secret_use(conn, *id, *at, seen);
        }
        for (id, at) in &pending {
            let _ = conn.execute(
                "UPDATE tokens SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at < ?1)",
                params![at, id],
            );
        }
        if let Some(tx) = tx {
            let _ = tx.commit();
        }
    }

    /// Run `f` on the writer thread inside the current batch's transaction; the answer comes
    /// once that transaction is committed (`None` if the commit failed: nothing `f` wrote holds).
    /// `f` must not open a transaction of its own.
    pub async fn batched<T, F>(&self, f: F) -> Option<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> T + Send + 'static,
    {
        let (tx, rx) = tokio::sync::oneshot::channel::<Option<T>>();
        let job: Job = Box::new(move |conn| {
            let value = f(conn);
            Box::new(move |committed| {
                let _ = tx.send(committed.then_some(value));
            })
        });
        let sender = self.jobs.lock().unwrap_or_else(|p| p.into_inner()).clone();
        sender?.send(job).ok()?;
        rx.await.ok().flatten()
    }

    fn prune(&self, conn: &Connection, now: i64) {
        let _ = conn.execute(
            "DELETE FROM tokens WHERE kind = 'access' AND expires_at < ?1 AND grant_id IS NULL",
            [now - self.prune_after],
        );
    }
}

fn writer_loop(db: std::sync::Weak<Db>, rx: mpsc::Receiver<Job>) {
    let mut last_prune = Instant::now();
    loop {
        let first = match rx.recv_timeout(TICK) {
            Ok(job) => Some(job),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        let Some(db) = db.upgrade() else { return };
        let mut jobs: Vec<Job> = first.into_iter().collect();
        while jobs.len() < BATCH {
            match rx.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        let conn = db
            .writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if jobs.is_empty() {
            db.write_stamps(&conn);
            drop(conn);
        } else {
            // The pending stamps, then every job, in one transaction.
            let began = conn.execute_batch("BEGIN IMMEDIATE").is_ok();
            db.write_stamps(&conn);
            let replies: Vec<Reply> = jobs.into_iter().map(|job| job(&conn)).collect();
            let committed = began && conn.execute_batch("COMMIT").is_ok();
            if began && !committed {
                let _ = conn.execute_batch("ROLLBACK");
            }
            drop(conn);
            for reply in replies {
                reply(committed);
            }
        }
        if last_prune.elapsed() >= PRUNE_EVERY {
            last_prune = Instant::now();
            let conn = db.write();
            db.prune(&conn, db.clock.now());
        }
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        // The writer thread ends when its queue closes.
        self.jobs
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .take();
    }
}
