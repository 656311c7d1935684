//! What the user verbs share: the id argument and how a user is described.

use clap::Args;

use crate::api::models::User;

#[derive(Debug, Args)]
pub struct UserIdArgs {
    /// User id
    pub id: u64,
}

pub fn yes_no(b: bool) -> String {
    if b { "yes".into() } else { "no".into() }
}

pub fn kind(u: &User) -> String {
    if u.kind == "person" {
        "person".into()
    } else {
        format!("{} (service user)", u.kind)
    }
}
