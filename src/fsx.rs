//! Files that hold secrets or state: atomic private writes, private directories, the file lock.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long a lock is waited for before giving up with a message.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// Write `bytes` to `path` via a temp file in the same directory and a rename, so readers see
/// the old file or the new one, never half of one. The temp file has a random name, is created
/// exclusively (`O_EXCL`: a planted file or symlink makes it fail, never redirects it) and with
/// `mode` from the first byte; the rename replaces a symlink at `path` instead of following it.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let (tmp, mut file) = create_exclusive_temp(dir, name, mode)?;
    let result = file
        .write_all(bytes)
        .and_then(|_| file.sync_all())
        .and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn create_exclusive_temp(
    dir: &Path,
    name: &str,
    mode: u32,
) -> std::io::Result<(PathBuf, std::fs::File)> {
    let mut last = None;
    for _ in 0..16 {
        let tmp = dir.join(format!(".{name}.{:016x}.tmp", rand::random::<u64>()));
        match create_new_private(&tmp, mode) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temp name")))
}

/// Create a new file (never an existing one, never through a symlink) with `mode`.
pub fn create_new_private(path: &Path, mode: u32) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    opts.open(path)
}

/// Create `dir` (and missing parents) as 0700, and refuse one that others may write to: another
/// user could swap the files in it (ssh's StrictModes). Returns the directory for chaining.
pub fn private_dir(dir: &Path) -> Result<&Path> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| Error::config(format!("cannot create directory {}: {e}", dir.display())))?;
    check_not_writable_by_others(dir)?;
    Ok(dir)
}

/// An existing directory that group or others may write to is refused (exit 3), naming the fix.
pub fn check_not_writable_by_others(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(dir)
            && meta.permissions().mode() & 0o022 != 0
        {
            return Err(Error::config(format!(
                "{} is writable by other users (mode {:o}), so its credentials could be tampered with",
                dir.display(),
                meta.permissions().mode() & 0o777
            ))
            .with_hint(format!("run `chmod 700 {}`", dir.display())));
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// An exclusive lock file (one per profile, so that only one process renews a token at a time;
/// one per rate budget), released when dropped.
pub struct FileLock {
    _file: std::fs::File,
}

impl FileLock {
    /// `NAME` in the config dir's `locks/` (0700), created 0600 and never through a symlink;
    /// waits at most 30 s for another process to let go.
    pub async fn named(config_dir: &std::path::Path, name: &str) -> Result<Self> {
        private_dir(config_dir)?;
        Self::in_dir(&config_dir.join("locks"), name).await
    }

    /// `NAME` in `dir` (made private), as [`FileLock::named`] does in the config dir.
    pub async fn in_dir(dir: &std::path::Path, name: &str) -> Result<Self> {
        private_dir(dir)?;
        let path = dir.join(name);
        let mut opts = OpenOptions::new();
        opts.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600).custom_flags(libc::O_NOFOLLOW);
        }
        let file = opts
            .open(&path)
            .map_err(|e| Error::config(format!("cannot open lock file {}: {e}", path.display())))?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(FileLock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    tokio::time::sleep(Duration::from_millis(25)).await;
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(Error::config(format!(
                        "another svcacct process has held {} for {} s",
                        path.display(),
                        LOCK_WAIT.as_secs()
                    ))
                    .with_hint("wait for it to finish, or end it"));
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(Error::config(format!(
                        "cannot lock {}: {e}",
                        path.display()
                    )));
                }
            }
        }
    }
}
