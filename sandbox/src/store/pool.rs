//! The connections: one writer and a pool of readers on the same WAL database, so that reads
//! never wait behind writes, and a writer thread that commits groupable writes (token
//! issuance) in small batches: one transaction, one commit, for every job queued meanwhile.
//! Pending "last used" stamps are kept in memory and written with the next batch, the next
//! writer checkout, or the next tick, whichever comes first. Expired tokens are pruned on a tick.
//!
//! A checkout ([`Checkout`]) owns its connection until dropped, so it can be *leased* to a
//! request: [`Db::lease`] checks one connection out for a whole API request (authentication,
//! idempotent replay, the handler, storing the answer), and every `write`/`read` made on that
//! thread meanwhile gets that same connection back instead of a second checkout. A lease that
//! holds a reader is swapped for the writer the first time the request writes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
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

/// One connection's place: the connection while it is not checked out.
struct Slot {
    conn: Mutex<Option<Connection>>,
    returned: Condvar,
}

impl Slot {
    fn new(conn: Connection) -> Slot {
        Slot {
            conn: Mutex::new(Some(conn)),
            returned: Condvar::new(),
        }
    }

    fn take(&self) -> Connection {
        let mut held = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(conn) = held.take() {
                return conn;
            }
            held = self.returned.wait(held).unwrap_or_else(|p| p.into_inner());
        }
    }

    fn try_take(&self) -> Option<Connection> {
        self.conn.try_lock().ok()?.take()
    }

    fn put(&self, conn: Connection) {
        *self.conn.lock().unwrap_or_else(|p| p.into_inner()) = Some(conn);
        self.returned.notify_one();
    }
}

/// Which slot a checkout came from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Writer,
    Reader(usize),
}

/// A request's connection: one checkout shared by every `write`/`read` on the thread that runs
/// the request, until the lease ends.
struct Lease {
    conn: Rc<Connection>,
    which: Which,
    db: Arc<Db>,
}

thread_local! {
    /// The connection leased to the request this thread is running, if any.
    static LEASE: RefCell<Option<Lease>> = const { RefCell::new(None) };
}

enum Held {
    Own(Connection, Which),
    Leased(Rc<Connection>),
}

/// A connection checked out of the pool (the writer, or a reader), back when dropped; or the
/// thread's leased connection, shared. Not `Send`: never held across an `.await` in a handler.
pub struct Checkout {
    held: Option<Held>,
    db: Arc<Db>,
}

impl std::ops::Deref for Checkout {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match self.held.as_ref().expect("a checkout holds its connection") {
            Held::Own(conn, _) => conn,
            Held::Leased(conn) => conn,
        }
    }
}

impl Drop for Checkout {
    fn drop(&mut self) {
        if let Some(Held::Own(conn, which)) = self.held.take() {
            self.db.put(conn, which);
        }
    }
}

/// The thread's lease, if any, with what it holds.
fn leased() -> Option<(Rc<Connection>, Which)> {
    LEASE
        .try_with(|lease| lease.borrow().as_ref().map(|l| (l.conn.clone(), l.which)))
        .ok()
        .flatten()
}

/// End the thread's lease: its connection goes back to the pool, unless a checkout of it is
/// still alive (then the lease stays). Later checkouts on this thread are ordinary ones: call
/// it before waiting on the network, or on another task that needs the writer.
pub fn end_lease() {
    let _ = LEASE.try_with(|l| {
        let mut l = l.borrow_mut();
        let Some(lease) = l.take() else { return };
        match Rc::try_unwrap(lease.conn) {
            Ok(conn) => lease.db.put(conn, lease.which),
            Err(conn) => *l = Some(Lease { conn, ..lease }),
        }
    });
}

pub struct Db {
    writer: Slot,
    readers: Vec<Slot>,
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
            readers.push(Slot::new(conn));
        }
        let db = Arc::new(Db {
            writer: Slot::new(writer),
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

    fn put(&self, conn: Connection, which: Which) {
        match which {
            Which::Writer => self.writer.put(conn),
            Which::Reader(i) => self.readers[i].put(conn),
        }
    }

    fn take(&self, which: Which) -> Connection {
        match which {
            Which::Writer => self.writer.take(),
            Which::Reader(i) => self.readers[i].take(),
        }
    }

    fn own(self: &Arc<Self>, conn: Connection, which: Which) -> Checkout {
        Checkout {
            held: Some(Held::Own(conn, which)),
            db: self.clone(),
        }
    }

    fn shared(self: &Arc<Self>, conn: Rc<Connection>) -> Checkout {
        Checkout {
            held: Some(Held::Leased(conn)),
            db: self.clone(),
        }
    }

    /// A reader of the pool: the first free one, else wait for one in turn.
    fn take_reader(&self) -> (Connection, Which) {
        let n = self.readers.len();
        let start = self.next_reader.fetch_add(1, Ordering::Relaxed);
        for i in 0..n {
            let at = (start + i) % n;
            if let Some(conn) = self.readers[at].try_take() {
                return (conn, Which::Reader(at));
            }
        }
        let which = Which::Reader(start % n);
        (self.take(which), which)
    }

    /// A lease of a reader becomes a lease of the writer, if no checkout of the reader is alive.
    fn swap_lease_for_writer(self: &Arc<Self>) -> Option<Rc<Connection>> {
        LEASE
            .try_with(|l| {
                let mut l = l.borrow_mut();
                let lease = l.take()?;
                match Rc::try_unwrap(lease.conn) {
                    Ok(reader) => {
                        self.put(reader, lease.which);
                        let writer = Rc::new(self.take(Which::Writer));
                        *l = Some(Lease {
                            conn: writer.clone(),
                            which: Which::Writer,
                            db: lease.db,
                        });
                        Some(writer)
                    }
                    Err(conn) => {
                        *l = Some(Lease { conn, ..lease });
                        None
                    }
                }
            })
            .ok()
            .flatten()
    }

    /// The writer, with the pending stamps written first (so that what it reads is current).
    /// Within a lease: the leased writer; a lease of a reader is swapped for the writer (if no
    /// checkout of the reader is alive). Hold it briefly and never across an `.await`.
    pub fn write(self: &Arc<Self>) -> Checkout {
        let conn = match leased() {
            Some((conn, Which::Writer)) => self.shared(conn),
            Some((reader, _)) => {
                drop(reader);
                match self.swap_lease_for_writer() {
                    Some(writer) => self.shared(writer),
                    None => self.own(self.take(Which::Writer), Which::Writer),
                }
            }
            None => self.own(self.take(Which::Writer), Which::Writer),
        };
        self.write_stamps(&conn);
        conn
    }

    /// A read-only connection of the pool (never waits behind the writer), or the thread's
    /// leased connection (whichever it holds).
    pub fn read(self: &Arc<Self>) -> Checkout {
        match leased() {
            Some((conn, _)) => self.shared(conn),
            None => {
                let (conn, which) = self.take_reader();
                self.own(conn, which)
            }
        }
    }

    /// Run `f` (a request's store work, on this thread) with one connection checked out for
    /// all of it: the writer when `writes`, else a reader (swapped for the writer on the first
    /// write). Every `write`/`read` on this thread meanwhile hands out that connection.
    pub fn lease<R>(self: &Arc<Self>, writes: bool, f: impl FnOnce() -> R) -> R {
        struct Done;
        impl Drop for Done {
            fn drop(&mut self) {
                end_lease();
            }
        }
        end_lease();
        let (conn, which) = if writes {
            let conn = self.take(Which::Writer);
            self.write_stamps(&conn);
            (conn, Which::Writer)
        } else {
            self.take_reader()
        };
        let _ = LEASE.try_with(|l| {
            *l.borrow_mut() = Some(Lease {
                conn: Rc::new(conn),
                which,
                db: self.clone(),
            })
        });
        let _done = Done;
        f()
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
        let conn = db.own(db.take(Which::Writer), Which::Writer);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &Connection, b: &Connection) -> bool {
        std::ptr::eq(a, b)
    }

    /// Within a lease every checkout is the leased connection; after it, checkouts are ordinary
    /// again (nothing is left checked out).
    #[test]
    fn a_lease_is_one_checkout_for_the_whole_request() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(dir.path(), 60).unwrap();
        db.lease(true, || {
            let w = db.write();
            let r = db.read();
            assert!(same(&w, &r), "a read in a writer's lease is the writer");
            let w2 = db.write();
            assert!(same(&w, &w2), "nested writes share it (no deadlock)");
        });
        // A reader's lease turns into the writer's on the first write.
        db.lease(false, || {
            let r = db.read();
            assert!(r.is_readonly(rusqlite::MAIN_DB).unwrap());
            drop(r);
            let w = db.write();
            assert!(!w.is_readonly(rusqlite::MAIN_DB).unwrap());
            let r = db.read();
            assert!(same(&w, &r));
        });
        // Ended early: the next write is an ordinary checkout of the free writer.
        db.lease(true, || {
            end_lease();
            drop(db.write());
        });
        drop(db.write());
        drop(db.read());
    }
}
