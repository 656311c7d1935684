//! A rotation whose secret is still being delivered (`sa rotate-secret --deliver`): the new
//! secret, kept where the profile keeps its own secrets (or in the `--secret-file`), and the
//! sinks with how each went, in the state directory (no secret there). `--resume` retries the
//! sinks that failed with this same secret; `--finish`, or a `--resume` after which every sink
//! has it, ends it.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::secret_sinks::Sink;
use crate::config::StorageKind;
use crate::credentials::store::{CredentialStore, StoredCredential};
use crate::error::{Error, Result};
use crate::fsx::{private_dir, write_atomic};
use crate::secret::Secret;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SinkResult {
    pub sink: Sink,
    pub ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    sinks: Vec<SinkResult>,
    /// Where the secret is kept when not in the credential store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    secret_file: Option<PathBuf>,
}

pub struct PendingRotation {
    state_path: PathBuf,
    store: CredentialStore,
}

impl PendingRotation {
    /// The pending rotation of service account `id` of `company` at `api`; its secret goes to
    /// `storage` (the signed-in profile's kind of store).
    pub fn for_account(
        config_dir: &std::path::Path,
        storage: StorageKind,
        api: &url::Url,
        company: i64,
        id: u64,
    ) -> Self {
        // '+' is in no profile name: the keychain item is never a profile's.
        let name = format!("rotation+{company}+{id}");
        PendingRotation {
            state_path: super::account_state_path(config_dir, "rotations", api, company, id),
            store: CredentialStore::for_profile(storage, config_dir, &name, api.as_str()),
        }
    }

    fn load_state(&self) -> Result<Option<State>> {
        match std::fs::read(&self.state_path) {
            Ok(b) => serde_json::from_slice(&b)
                .map(Some)
                .map_err(|_| Error::config(format!("{} is unreadable", self.state_path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::config(format!(
                "cannot read {}: {e}",
                self.state_path.display()
            ))),
        }
    }

    fn save_state(&self, state: &State) -> Result<()> {
        if let Some(dir) = self.state_path.parent() {
            private_dir(dir)?;
        }
        let bytes = serde_json::to_vec(state).map_err(|e| Error::internal(e.to_string()))?;
        write_atomic(&self.state_path, &bytes, 0o600)
            .map_err(|e| Error::config(format!("cannot write {}: {e}", self.state_path.display())))
    }

    /// Whether a secret can be kept (asked before the rotation, so that a failure to keep it
    /// never ends with the secret on stdout).
    pub fn check_usable(&self, secret_file: bool) -> Result<()> {
        if secret_file {
            return Ok(());
        }
        self.store.check_usable()
    }

    /// Keep `secret` (in the store, or it is in `secret_file` already) before any sink runs.
    pub fn begin(&self, secret: &Secret, secret_file: Option<PathBuf>) -> Result<()> {
        if secret_file.is_none() {
            self.store.save(&StoredCredential {
                client_secret: Some(secret.clone()),
                ..Default::default()
            })?;
        }
        self.save_state(&State {
            sinks: Vec::new(),
            secret_file,
        })
    }

    /// Record how the sinks went.
    pub fn record(&self, results: &[SinkResult]) -> Result<()> {
        let mut state = self.load_state()?.unwrap_or_default();
        state.sinks = results.to_vec();
        self.save_state(&state)
    }

    /// The pending secret and the sinks, if a rotation is pending.
    pub fn pending(&self) -> Result<Option<(Secret, Vec<SinkResult>)>> {
        let Some(state) = self.load_state()? else {
            return Ok(None);
        };
        let secret = match &state.secret_file {
            Some(path) => crate::secret::from_file(path, "the pending secret")?,
            None => self
                .store
                .load()?
                .and_then(|c| c.client_secret)
                .ok_or_else(|| {
                    Error::config("the pending rotation's secret is gone from the store")
                        .with_hint("finish the rotation (--finish) or rotate again")
                })?,
        };
        Ok(Some((secret, state.sinks)))
    }

    /// Where the pending secret is, for people.
    pub fn whereabouts(&self) -> String {
        match self.load_state().ok().flatten().and_then(|s| s.secret_file) {
            Some(path) => path.display().to_string(),
            None => self.store.whereabouts(),
        }
    }

    /// The rotation is over: the kept secret (unless it lives in the user's own file) and the
    /// state go.
    pub fn end(&self) {
        if let Ok(Some(state)) = self.load_state()
            && state.secret_file.is_none()
        {
            let _ = self.store.delete();
        }
        let _ = std::fs::remove_file(&self.state_path);
    }
}
