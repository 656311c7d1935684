//! Logic that several verbs share, below the commands and above the API (cargo's `ops`).

pub mod permission_journal;
