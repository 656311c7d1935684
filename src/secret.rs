//! Secrets are a type: `Debug` and `Display` never show the value, so logging a struct that
//! holds one cannot leak it. Only [`Secret::expose`] gives the value out.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Read a secret from a file (trimmed).
pub fn from_file(path: &std::path::Path, what: &str) -> crate::error::Result<Secret> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        crate::error::Error::usage(format!(
            "cannot read the {what} from {}: {e}",
            path.display()
        ))
    })?;
    non_empty(
        text,
        &format!("no {what} in {}", path.display()),
        "put it in that file",
    )
}

/// `text` trimmed as a secret; empty text is a usage error with `problem` and `fix`.
pub fn non_empty(text: String, problem: &str, fix: &str) -> crate::error::Result<Secret> {
    let value = text.trim();
    if value.is_empty() {
        return Err(crate::error::Error::usage(problem.to_string()).with_hint(fix.to_string()));
    }
    Ok(Secret::new(value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn formatting_never_shows_the_value() {
        let s = Secret::new("hunter2-very-secret");
        assert!(!format!("{s}").contains("hunter2"));
        assert!(!format!("{s:?}").contains("hunter2"));
        assert!(!format!("{:?}", Some(&s)).contains("hunter2"));
        assert_eq!(s.expose(), "hunter2-very-secret");
    }
}
