//! One folder per noun, one file per verb: the verb's clap `Args` and its `run`, turning the
//! arguments into calls on `credentials`, `ops` and `api` and handing the result to `ui`. A verb
//! never uses another noun; what several share is in `args` (flags) and `complete` (completers).

pub mod api;
pub mod apps;
pub mod args;
pub mod audit;
pub mod complete;
pub mod completions;
pub mod exec;
pub mod git_credential;
pub mod help;
pub mod login;
pub mod logout;
pub mod service_accounts;
pub mod status;
pub mod token;
pub mod tokens;
pub mod users;
pub mod webhooks;
