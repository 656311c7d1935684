//! Logic that several verbs share, below the commands and above the API (cargo's `ops`).

/// The state file `state/FAMILY/TAG-COMPANY-ID.json` of one service account at `api` (TAG: a
/// hash of the API URL, so two deployments never share one).
pub fn account_state_path(
    config_dir: &std::path::Path,
    family: &str,
    api: &url::Url,
    company: i64,
    id: u64,
) -> std::path::PathBuf {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(api.as_str().trim_end_matches('/').as_bytes());
    let tag: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    config_dir
        .join("state")
        .join(family)
        .join(format!("{tag}-{company}-{id}.json"))
}

pub mod delivery;
pub mod least_privilege;
pub mod pending_rotation;
pub mod permission_journal;
pub mod permissions;
pub mod secret_sinks;
