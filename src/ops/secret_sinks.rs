//! Where `sa rotate-secret --deliver SINK` puts a new secret, so a rotation updates its
//! consumers by itself (issue 21):
//! - `file:PATH` — the secret alone, written atomically with mode 0600, never through a symlink;
//! - `env-file:PATH:NAME` — the `NAME=` line of a dotenv file replaced (or added), atomically,
//!   every other line and the file's mode kept;
//! - `exec:COMMAND` — the command split into words (no shell), the secret on its stdin only
//!   (never its arguments, never its environment).
//!
//! Each sink reports ok or why it failed; a failed sink never loses the secret (the caller keeps
//! it as a pending rotation) and never retires the old one.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fsx::write_atomic;
use crate::secret::Secret;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Sink {
    File { path: PathBuf },
    EnvFile { path: PathBuf, name: String },
    Exec { command: Vec<String> },
}

impl std::fmt::Display for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Sink::File { path } => write!(f, "file:{}", path.display()),
            Sink::EnvFile { path, name } => write!(f, "env-file:{}:{name}", path.display()),
            Sink::Exec { command } => write!(f, "exec:{}", command.join(" ")),
        }
    }
}

/// `file:PATH`, `env-file:PATH:NAME` or `exec:COMMAND` (clap's value parser).
pub fn parse(text: &str) -> Result<Sink, String> {
    let bad =
        |why: &str| format!("'{text}' {why} (use file:PATH, env-file:PATH:NAME or exec:COMMAND)");
    // Paths are made absolute now: a later --resume from another directory must write to
    // the same place.
    let absolute =
        |p: &str| std::path::absolute(p).map_err(|e| bad(&format!("has a bad path ({e})")));
    if let Some(path) = text.strip_prefix("file:") {
        if path.is_empty() {
            return Err(bad("has no path"));
        }
        return Ok(Sink::File {
            path: absolute(path)?,
        });
    }
    if let Some(rest) = text.strip_prefix("env-file:") {
        let (path, name) = rest.rsplit_once(':').ok_or_else(|| bad("has no :NAME"))?;
        let valid = !name.is_empty()
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if path.is_empty() || !valid {
            return Err(bad("needs a path and a variable name (letters, digits, _)"));
        }
        return Ok(Sink::EnvFile {
            path: absolute(path)?,
            name: name.to_string(),
        });
    }
    if let Some(command) = text.strip_prefix("exec:") {
        let mut words = split_words(command).map_err(|e| bad(&e))?;
        if words.is_empty() {
            return Err(bad("has no command"));
        }
        // A program named by a path (./deploy/k8s-secret.sh) is pinned to where it is now.
        if words[0].contains('/') {
            words[0] = absolute(&words[0])?.display().to_string();
        }
        return Ok(Sink::Exec { command: words });
    }
    Err(bad("is not a sink"))
}

/// Words as a shell would split them, with '…' and "…" quoting — but no shell runs.
fn split_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => {
                if let Some(n) = chars.next() {
                    word.push(n);
                }
            }
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\') => {
                if let Some(n) = chars.next() {
                    word.push(n);
                    in_word = true;
                }
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if quote.is_some() {
        return Err("has an unclosed quote".into());
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// A dotenv file's text and mode, read through a handle opened without following a link (a
/// link swapped in after the check is refused too); others lose any access to the result
/// (the group keeps what it had).
fn read_no_follow(path: &Path) -> Result<(String, u32), String> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NOFOLLOW);
    }
    match opts.open(path) {
        Ok(mut file) => {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut file, &mut text)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            #[cfg(unix)]
            let mode = {
                use std::os::unix::fs::PermissionsExt;
                file.metadata()
                    .map(|m| m.permissions().mode() & 0o770)
                    .unwrap_or(0o600)
            };
            #[cfg(not(unix))]
            let mode = 0o600;
            Ok((text, mode))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((String::new(), 0o600)),
        Err(e) => Err(format!(
            "cannot read {} (a symbolic link?): {e}",
            path.display()
        )),
    }
}

/// A file target must not be a symlink (a planted link would redirect the secret).
fn refuse_symlink(path: &Path) -> Result<(), String> {
    match path.symlink_metadata() {
        Ok(m) if m.file_type().is_symlink() => Err(format!(
            "{} is a symbolic link; refusing to write through it",
            path.display()
        )),
        _ => Ok(()),
    }
}

/// Deliver `secret` to `sink`: `Ok(())`, or why not (one line, never the secret).
pub fn deliver(sink: &Sink, secret: &Secret) -> Result<(), String> {
    match sink {
        Sink::File { path } => {
            refuse_symlink(path)?;
            write_atomic(path, format!("{}\n", secret.expose()).as_bytes(), 0o600)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        Sink::EnvFile { path, name } => {
            refuse_symlink(path)?;
            // A dotenv value goes unquoted: one word of visible characters that no dotenv
            // parser reads differently (no quotes, #, $, backslash or backtick).
            if !secret
                .expose()
                .bytes()
                .all(|b| b.is_ascii_graphic() && !b"'\"#$\\`".contains(&b))
            {
                return Err("the secret has characters a dotenv line cannot hold unquoted".into());
            }
            let (text, mode) = read_no_follow(path)?;
            let line = format!("{name}={}", secret.expose());
            let mut replaced = false;
            let mut lines: Vec<String> = text
                .lines()
                .map(|l| {
                    let exported = l.trim_start().starts_with("export ");
                    let key = l
                        .trim_start()
                        .strip_prefix("export ")
                        .unwrap_or(l.trim_start());
                    if key.split_once('=').is_some_and(|(k, _)| k.trim() == name) && !replaced {
                        replaced = true;
                        // `export NAME=` stays exported.
                        if exported {
                            format!("export {line}")
                        } else {
                            line.clone()
                        }
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            if !replaced {
                lines.push(line);
            }
            let mut out = lines.join("\n");
            out.push('\n');
            write_atomic(path, out.as_bytes(), mode)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        Sink::Exec { command } => {
            let (program, args) = command.split_first().expect("parsed: not empty");
            let mut cmd = std::process::Command::new(program);
            // The credentials svcacct was started with are not the command's either.
            for name in crate::settings::CREDENTIAL_VARIABLES
                .iter()
                .chain(&["SVCACCT_WEBHOOK_PASSWORD"])
            {
                cmd.env_remove(name);
            }
            let mut child = cmd
                .args(args)
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::inherit())
                .spawn()
                .map_err(|e| format!("cannot start {program}: {e}"))?;
            let written = child
                .stdin
                .take()
                .expect("piped")
                .write_all(format!("{}\n", secret.expose()).as_bytes());
            let status = child.wait().map_err(|e| format!("{program}: {e}"))?;
            written.map_err(|e| format!("{program} did not take the secret on stdin: {e}"))?;
            if status.success() {
                Ok(())
            } else {
                Err(format!("{program} exited with {status}"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sinks_parse() {
        assert_eq!(
            parse("env-file:/srv/erp/.env:ERP_CLIENT_SECRET").unwrap(),
            Sink::EnvFile {
                path: "/srv/erp/.env".into(),
                name: "ERP_CLIENT_SECRET".into()
            }
        );
        assert_eq!(
            parse("exec:gh secret set 'ERP CLIENT' --repo acme/erp").unwrap(),
            Sink::Exec {
                command: vec![
                    "gh".into(),
                    "secret".into(),
                    "set".into(),
                    "ERP CLIENT".into(),
                    "--repo".into(),
                    "acme/erp".into()
                ]
            }
        );
        assert!(parse("env-file:/x:1BAD").is_err());
        assert!(parse("exec:").is_err());
        assert!(parse("exec:'open").is_err());
        assert!(parse("s3:bucket").is_err());
    }
}
