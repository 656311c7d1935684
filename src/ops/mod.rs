//! Logic that several verbs share, below the commands and above the API (cargo's `ops`).

pub mod least_privilege;
pub mod pending_rotation;
pub mod permission_journal;
pub mod secret_sinks;
