//! Everything the CLI prints goes through here: data to stdout, status and prompts to stderr,
//! so `svcacct … --json | jq` always works. A closed stdout (`| head`) ends the program quietly.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};

#[derive(Clone, Debug)]
pub struct Output {
    pub json: bool,
    stdout_tty: bool,
    stderr_tty: bool,
    stdin_tty: bool,
    ci: bool,
}

impl Output {
    pub fn new(json: bool) -> Self {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
        Output {
            json,
            stdout_tty: io::stdout().is_terminal(),
            stderr_tty: io::stderr().is_terminal(),
            stdin_tty: io::stdin().is_terminal(),
            ci,
        }
    }

    /// Prompts only on a terminal, and never in CI.
    pub fn can_prompt(&self) -> bool {
        self.stdin_tty && self.stderr_tty && !self.ci
    }

    pub fn stdout_is_terminal(&self) -> bool {
        self.stdout_tty
    }

    pub fn stdin_is_terminal(&self) -> bool {
        self.stdin_tty
    }

    /// One line of data on stdout.
    pub fn line(&self, text: &str) -> Result<()> {
        let mut out = io::stdout().lock();
        writeln!(out, "{text}")
            .and_then(|_| out.flush())
            .map_err(write_error)
    }

    /// A value as pretty JSON on stdout.
    pub fn json_value<T: Serialize + ?Sized>(&self, value: &T) -> Result<()> {
        let text =
            serde_json::to_string_pretty(value).map_err(|e| Error::internal(e.to_string()))?;
        self.line(&text)
    }

    /// A status message on stderr (progress, confirmations, notices).
    pub fn status(&self, text: &str) {
        let _ = writeln!(io::stderr().lock(), "{text}");
    }

    pub fn warn(&self, text: &str) {
        self.status(&format!("warning: {text}"));
    }

    /// Prompt text on stderr without a newline.
    pub fn prompt(&self, text: &str) {
        let mut err = io::stderr().lock();
        let _ = write!(err, "{text}");
        let _ = err.flush();
    }

    /// The last words of a failed run.
    pub fn error(&self, err: &Error) {
        self.status(&format!("error: {err}"));
    }
}

fn write_error(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Error::new(ErrorKind::BrokenPipe, "stdout was closed")
    } else {
        Error::internal(format!("cannot write to stdout: {e}"))
    }
}
