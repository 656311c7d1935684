//! The permission set a `reset-secret --reapply-permissions` is about to remove, journaled in
//! the state directory before the reset: a run killed between the reset and the restore (Ctrl-C
//! twice, a lost connection, kill -9) loses nothing — the next `reset-secret --reapply-permissions`
//! or `svcacct sa update ID --restore-permissions` grants the set again, then clears the entry.

use std::path::PathBuf;

use crate::api::models::Permissions;
use crate::error::{Error, Result};
use crate::fsx::{private_dir, write_atomic};

pub struct PermissionJournal {
    path: PathBuf,
}

impl PermissionJournal {
    /// The entry of service account `id` of `company` at `api` (two deployments never share one).
    pub fn for_account(
        config_dir: &std::path::Path,
        api: &url::Url,
        company: i64,
        id: u64,
    ) -> Self {
        PermissionJournal {
            path: super::account_state_path(config_dir, "permission-journal", api, company, id),
        }
    }

    /// The set an earlier run journaled and did not restore, if any.
    pub fn pending(&self) -> Result<Option<Permissions>> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|_| {
                Error::config(format!(
                    "the permission journal {} is unreadable",
                    self.path.display()
                ))
                .with_hint("grant the permissions again by hand (svcacct sa update ID --permission …), then delete the file")
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::config(format!(
                "cannot read {}: {e}",
                self.path.display()
            ))),
        }
    }

    /// Journal `set` (0600, in a private directory) before the reset removes it.
    pub fn record(&self, set: &Permissions) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            private_dir(dir)?;
        }
        let bytes = serde_json::to_vec(set).map_err(|e| Error::internal(e.to_string()))?;
        write_atomic(&self.path, &bytes, 0o600).map_err(|e| {
            Error::config(format!(
                "cannot journal the permissions in {}: {e}",
                self.path.display()
            ))
            .with_hint("nothing was reset; fix the state directory, or reset without --reapply-permissions")
        })
    }

    /// The set is granted again: the entry goes.
    pub fn clear(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
