//! Everything read from the user: stdin (pasted codes, secrets, git's requests, request bodies)
//! and hidden prompts. Nothing else reads the process's stdin.

use std::io::{BufRead, Read};

use crate::error::{Error, ErrorKind, Result};
use crate::secret::Secret;

/// One line of stdin, at most `limit` bytes (the rest is left for what follows); `what` names it
/// in the error.
pub fn line(limit: u64, what: &str) -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .take(limit)
        .read_line(&mut line)
        .map_err(|e| Error::usage(format!("cannot read the {what} from stdin: {e}")))?;
    Ok(line)
}

/// Lines of stdin up to the first empty one, at most `max` lines (git's credential protocol).
pub fn lines_until_blank(max: usize, what: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for line in std::io::stdin().lock().lines().take(max) {
        let line = line.map_err(|e| Error::usage(format!("cannot read {what}: {e}")))?;
        if line.is_empty() {
            break;
        }
        out.push(line);
    }
    Ok(out)
}

/// All of stdin, as bytes (a request body).
pub fn all() -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut buf)
        .map_err(|e| Error::usage(format!("cannot read stdin: {e}")))?;
    Ok(buf)
}

/// A secret from stdin (all of it, at most 64 KiB, trimmed). Empty input is an error naming
/// `what`.
pub fn secret(what: &str) -> Result<Secret> {
    let mut text = String::new();
    std::io::stdin()
        .lock()
        .take(64 * 1024)
        .read_to_string(&mut text)
        .map_err(|e| Error::usage(format!("cannot read the {what} from stdin: {e}")))?;
    crate::secret::non_empty(text, &format!("no {what} on stdin"), "pipe it in on stdin")
}

/// Ask for a secret without echoing it (only call when `Output::can_prompt`).
pub fn hidden(question: &str) -> Result<Secret> {
    dialoguer::Password::new()
        .with_prompt(question)
        .interact()
        .map(Secret::new)
        .map_err(|e| Error::new(ErrorKind::Interrupted, format!("nothing was entered: {e}")))
}
