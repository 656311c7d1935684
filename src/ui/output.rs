//! Everything the CLI prints goes through here: data to stdout, status and prompts to stderr,
//! so `svcacct … --json | jq` always works. A closed stdout (`| head`) ends the program quietly.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};

/// A spinner that appears after a delay; see [`Output::spinner`].
pub struct Spinner {
    bar: indicatif::ProgressBar,
    reveal: tokio::task::JoinHandle<()>,
}

impl Spinner {
    pub fn set_message(&self, message: String) {
        self.bar.set_message(message);
    }

    pub fn finish(self) {
        self.reveal.abort();
        self.bar.finish_and_clear();
    }
}

/// A progress bar registered with [`Output`]; `inc` advances it.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    slot: std::sync::Arc<std::sync::Mutex<Option<indicatif::ProgressBar>>>,
}

impl Progress {
    pub fn inc(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if let Ok(mut slot) = self.slot.lock() {
            *slot = None;
        }
    }
}

/// Writes a JSON array one element at a time, so long listings stream with flat memory.
pub struct JsonArray<'a> {
    out: &'a Output,
    count: usize,
    /// `--format jsonl`: one object per line, each printed as it comes.
    lines: bool,
    /// `--jq` over the whole array: the items, kept until the end.
    buffer: Option<Vec<serde_json::Value>>,
}

impl JsonArray<'_> {
    pub fn push<T: Serialize>(&mut self, item: &T) -> Result<()> {
        self.count += 1;
        if self.lines {
            return self.out.json_line(item);
        }
        if let Some(buffer) = &mut self.buffer {
            buffer.push(serde_json::to_value(item).map_err(|e| Error::internal(e.to_string()))?);
            return Ok(());
        }
        let text = serde_json::to_string(item).map_err(|e| Error::internal(e.to_string()))?;
        let text = json_escape_controls(&text);
        let sep = if self.count == 1 { "[\n  " } else { ",\n  " };
        self.out.raw(&format!("{sep}{text}"))
    }

    pub fn finish(self) -> Result<usize> {
        if self.lines {
            return Ok(self.count);
        }
        if let Some(buffer) = &self.buffer {
            self.out.json_value(buffer)?;
            return Ok(self.count);
        }
        self.out
            .raw(if self.count == 0 { "[]\n" } else { "\n]\n" })?;
        Ok(self.count)
    }
}

/// Where output goes: the process's stream, or memory (tests, and callers that want the text).
#[derive(Clone, Debug, Default)]
pub enum Sink {
    #[default]
    Process,
    Memory(std::sync::Arc<std::sync::Mutex<Vec<u8>>>),
}

impl Sink {
    /// Write `bytes` to stdout (`err == false`) or stderr, flushed.
    fn write(&self, err: bool, bytes: &[u8]) -> io::Result<()> {
        match self {
            Sink::Process if err => {
                let mut s = io::stderr().lock();
                s.write_all(bytes).and_then(|_| s.flush())
            }
            Sink::Process => {
                let mut s = io::stdout().lock();
                s.write_all(bytes).and_then(|_| s.flush())
            }
            Sink::Memory(buf) => {
                buf.lock()
                    .map_err(|_| io::Error::other("poisoned"))?
                    .extend_from_slice(bytes);
                Ok(())
            }
        }
    }

    /// What went to memory so far, as text.
    pub fn text(&self) -> String {
        match self {
            Sink::Process => String::new(),
            Sink::Memory(buf) => buf
                .lock()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Output {
    pub json: bool,
    /// `--jq EXPR`: every JSON document goes through this jq program.
    jq: Option<std::sync::Arc<str>>,
    /// The progress bar on screen, if any: status lines are printed around it.
    progress: std::sync::Arc<std::sync::Mutex<Option<indicatif::ProgressBar>>>,
    stdout_tty: bool,
    stderr_tty: bool,
    stdin_tty: bool,
    ci: bool,
    /// stdout and stderr: the process's, or memory.
    stdout: Sink,
    stderr: Sink,
}

impl Output {
    pub fn new(json: bool) -> Self {
        let ci =
            crate::settings::var("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false");
        Output {
            json,
            jq: None,
            progress: Default::default(),
            stdout_tty: io::stdout().is_terminal(),
            stderr_tty: io::stderr().is_terminal(),
            stdin_tty: io::stdin().is_terminal(),
            ci,
            stdout: Sink::Process,
            stderr: Sink::Process,
        }
    }

    /// An output that writes into memory, as on no terminal and outside CI: (it, its stdout,
    /// its stderr). For tests of rendering without a process.
    pub fn captured(json: bool) -> (Self, Sink, Sink) {
        let (out, err) = (
            Sink::Memory(Default::default()),
            Sink::Memory(Default::default()),
        );
        let output = Output {
            json,
            jq: None,
            progress: Default::default(),
            stdout_tty: false,
            stderr_tty: false,
            stdin_tty: false,
            ci: false,
            stdout: out.clone(),
            stderr: err.clone(),
        };
        (output, out, err)
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

    /// One line of data on stdout. Control characters (but newlines and tabs) are shown
    /// escaped: server strings must not drive the terminal. JSON never has them raw.
    pub fn line(&self, text: &str) -> Result<()> {
        let text = escape_controls(text, true);
        self.stdout
            .write(false, format!("{text}\n").as_bytes())
            .map_err(write_error)
    }

    /// Text on stdout as is.
    pub fn raw(&self, text: &str) -> Result<()> {
        self.stdout
            .write(false, text.as_bytes())
            .map_err(write_error)
    }

    /// Filter every JSON document with a jq program (`--jq`, which implies `--json`); the
    /// program is checked here, before anything else happens.
    pub fn with_jq(mut self, expr: Option<&str>) -> Result<Self> {
        if let Some(expr) = expr {
            crate::ui::jq::check(expr)?;
            self.jq = Some(expr.into());
            self.json = true;
        }
        Ok(self)
    }

    pub fn has_jq(&self) -> bool {
        self.jq.is_some()
    }

    /// A JSON array written item by item (`lines`: one object per line instead, `--format
    /// jsonl`). With `--jq` the items are kept and the program runs over the whole array.
    pub fn json_stream(&self, lines: bool) -> JsonArray<'_> {
        JsonArray {
            out: self,
            count: 0,
            lines,
            buffer: (!lines && self.jq.is_some()).then(Vec::new),
        }
    }

    /// A listing's items: one JSON array, or (`lines`) one compact object per line.
    pub fn json_items<T: Serialize>(&self, items: &[T], lines: bool) -> Result<()> {
        if lines {
            items.iter().try_for_each(|item| self.json_line(item))
        } else {
            self.json_value(items)
        }
    }

    /// One compact JSON document on a line (through `--jq` if given).
    pub fn json_line<T: Serialize + ?Sized>(&self, value: &T) -> Result<()> {
        if self.jq.is_some() {
            return self.json_value(value);
        }
        let text = serde_json::to_string(value).map_err(|e| Error::internal(e.to_string()))?;
        self.raw(&format!("{}\n", json_escape_controls(&text)))
    }

    /// Rows for a pipe: tab-separated, no header (tabs and newlines in values become spaces).
    pub fn tsv_row(&self, cells: &[String]) -> Result<()> {
        let clean: Vec<String> = cells
            .iter()
            .map(|c| c.replace(['\t', '\n', '\r'], " "))
            .collect();
        self.line(&clean.join("\t"))
    }

    /// Rows as people or pipes want them: an aligned table on a terminal, tab-separated rows
    /// without a header otherwise.
    pub fn rows(&self, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
        if self.stdout_tty {
            self.table(headers, rows)
        } else {
            rows.iter().try_for_each(|r| self.tsv_row(r))
        }
    }

    /// A table for people: a header and aligned columns.
    pub fn table(&self, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
        let mut table = comfy_table::Table::new();
        table.load_style(comfy_table::presets::NOTHING);
        table.set_header(headers.iter().map(|h| h.to_string()));
        for row in rows {
            table.add_row(row.iter().map(|cell| escape_controls(cell, false)));
        }
        for column in table.column_iter_mut() {
            column.set_padding((0, 2));
        }
        let text = table.to_string();
        for line in text.lines() {
            self.line(line.trim_end())?;
        }
        Ok(())
    }

    /// Ask before something destructive. `--yes` skips; without a terminal (or in CI) this
    /// refuses with exit 2 instead of hanging.
    pub fn confirm(&self, question: &str, yes: bool) -> Result<()> {
        if yes {
            return Ok(());
        }
        if !self.can_prompt() {
            return Err(
                Error::usage("this needs confirmation and there is no terminal to ask on")
                    .with_hint("pass --yes to confirm"),
            );
        }
        let answer = dialoguer::Confirm::new()
            .with_prompt(escape_controls(question, true))
            .default(false)
            .interact()
            .map_err(|e| Error::new(ErrorKind::Interrupted, format!("no answer: {e}")))?;
        if answer {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::Cancelled,
                "cancelled; nothing was changed",
            ))
        }
    }

    /// A spinner on stderr, only on a terminal, shown only once the work has taken `after`
    /// (fast commands do not flicker). Call [`Spinner::finish`] when done.
    pub fn spinner(&self, message: &str, after: std::time::Duration) -> Option<Spinner> {
        if !self.stderr_tty || self.ci {
            return None;
        }
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
        bar.set_style(indicatif::ProgressStyle::default_spinner());
        bar.set_message(message.to_string());
        let shown = bar.clone();
        let reveal = tokio::spawn(async move {
            tokio::time::sleep(after).await;
            shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            shown.enable_steady_tick(std::time::Duration::from_millis(120));
        });
        Some(Spinner { bar, reveal })
    }

    /// A value as pretty JSON on stdout (or what `--jq` makes of it).
    pub fn json_value<T: Serialize + ?Sized>(&self, value: &T) -> Result<()> {
        if let Some(expr) = &self.jq {
            let value = serde_json::to_value(value).map_err(|e| Error::internal(e.to_string()))?;
            return crate::ui::jq::run(expr, &value, |line| self.line(&line));
        }
        let text =
            serde_json::to_string_pretty(value).map_err(|e| Error::internal(e.to_string()))?;
        self.raw(&format!("{}\n", json_escape_controls(&text)))
    }

    /// Refuse a `--jq` program that would not print the one-time secret under `label`: it is
    /// run on a stand-in document before the command acts (see `json_with_secret` for a filter
    /// that fails only on the real answer).
    pub fn check_jq_keeps(&self, label: &str) -> Result<()> {
        let Some(expr) = &self.jq else {
            return Ok(());
        };
        const STAND_IN: &str = "svcacct-stand-in-for-the-new-secret";
        let mut doc = serde_json::Map::new();
        doc.insert(label.to_string(), STAND_IN.into());
        let mut kept = false;
        let tried = crate::ui::jq::run(expr, &serde_json::Value::Object(doc), |line| {
            kept |= line.contains(STAND_IN);
            Ok(())
        });
        if tried.is_ok() && kept {
            return Ok(());
        }
        Err(Error::usage(format!(
            "--jq '{expr}' would not print the new {}, which is shown only once; nothing was changed",
            label.replace('_', " ")
        ))
        .with_hint(format!(
            "keep it in the filter (e.g. --jq '{{id, {label}}}'), or send it elsewhere with --secret-file FILE or --save"
        )))
    }

    /// A document that carries a secret shown only this once (a new client secret, a new
    /// token): with `--jq`, the filtered output only if the filter succeeds and prints the
    /// secret; otherwise the whole document, unfiltered, and an error (exit 2) saying why — a
    /// wrong filter must never lose the secret (the server already made it, and the old one
    /// may be dead).
    pub fn json_with_secret(
        &self,
        value: &serde_json::Value,
        secret: Option<&crate::secret::Secret>,
    ) -> Result<()> {
        let (Some(expr), Some(secret)) = (&self.jq, secret) else {
            return self.json_value(value);
        };
        const KEEP: usize = 16 << 20;
        let mut lines = Vec::new();
        let mut kept = 0usize;
        let filtered = crate::ui::jq::run(expr, value, |line| {
            kept += line.len();
            if kept > KEEP {
                return Err(Error::usage("more than 16 MiB of output"));
            }
            lines.push(line);
            Ok(())
        });
        let why = match filtered {
            Ok(()) if lines.iter().any(|l| l.contains(secret.expose())) => {
                return lines.iter().try_for_each(|l| self.line(l));
            }
            Ok(()) => format!("--jq '{expr}' printed no new secret"),
            Err(e) => e.message,
        };
        let text =
            serde_json::to_string_pretty(value).map_err(|e| Error::internal(e.to_string()))?;
        self.raw(&format!("{}\n", json_escape_controls(&text)))?;
        Err(Error::usage(format!(
            "{why}, so the whole answer is printed above instead: the secret is shown only this once"
        ))
        .with_hint("store the secret now; next time check the filter against --json"))
    }

    /// A status message on stderr (progress, confirmations, notices).
    pub fn status(&self, text: &str) {
        let text = escape_controls(text, true);
        let bar = self.progress.lock().ok().and_then(|p| p.clone());
        match bar {
            Some(bar) => bar.suspend(|| {
                let _ = self.stderr.write(true, format!("{text}\n").as_bytes());
            }),
            None => {
                let _ = self.stderr.write(true, format!("{text}\n").as_bytes());
            }
        }
    }

    /// A progress bar of `len` steps on stderr, only on a terminal; cleared when dropped.
    pub fn progress(&self, len: u64, message: &str) -> Progress {
        let bar = (self.stderr_tty && !self.ci).then(|| {
            let bar = indicatif::ProgressBar::new(len);
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(message.to_string());
            bar
        });
        if let Ok(mut slot) = self.progress.lock() {
            slot.clone_from(&bar);
        }
        Progress {
            bar,
            slot: self.progress.clone(),
        }
    }

    pub fn warn(&self, text: &str) {
        self.status(&format!("warning: {text}"));
    }

    /// Prompt text on stderr without a newline.
    pub fn prompt(&self, text: &str) {
        let text = escape_controls(text, true);
        let _ = self.stderr.write(true, text.as_bytes());
    }

    /// The last words of a failed run.
    pub fn error(&self, err: &Error) {
        self.status(&format!("error: {err}"));
    }
}

/// `text` with every control character that could move the cursor, clear the screen or retitle
/// the terminal (C0 but, if `keep_lines`, newline and tab; DEL; C1) written as a visible escape
/// (`\x1b`). Human output goes through this; `--json` and `svcacct api` stay exact.
pub fn escape_controls(text: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !(keep_lines && (c == '\n' || c == '\t'));
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// JSON text with DEL and the C1 controls (which serde leaves raw) written as `\u` escapes: the
/// same value, exact, and nothing a terminal could obey. (C0 controls serde escapes already.)
pub fn json_escape_controls(json: &str) -> std::borrow::Cow<'_, str> {
    let raw = |c: char| ('\u{7f}'..='\u{9f}').contains(&c);
    if !json.chars().any(raw) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 12);
    for c in json.chars() {
        if raw(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn write_error(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Error::new(ErrorKind::BrokenPipe, "stdout was closed")
    } else {
        Error::internal(format!("cannot write to stdout: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::{Output, escape_controls};

    /// Rendering without a process: rows for a pipe on stdout (server strings escaped), status
    /// and warnings on stderr, and a confirmation that cannot be asked refused, not hung.
    #[test]
    fn output_can_be_captured() {
        let (out, stdout, stderr) = Output::captured(false);
        out.rows(
            &["ID", "NAME"],
            &[
                vec!["1".into(), "ERP\texport".into()],
                vec!["2".into(), "evil\x1b[2J".into()],
            ],
        )
        .unwrap();
        out.status("✓ done");
        out.warn("careful");
        let refused = out.confirm("Delete it?", false).unwrap_err();
        assert_eq!(refused.kind, crate::error::ErrorKind::Usage);
        assert_eq!(stdout.text(), "1\tERP export\n2\tevil\\x1b[2J\n");
        assert_eq!(stderr.text(), "✓ done\nwarning: careful\n");
        let (json, stdout, _) = Output::captured(true);
        json.json_value(&serde_json::json!({"id": 1})).unwrap();
        assert!(stdout.text().contains("\"id\": 1"), "{}", stdout.text());
    }

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(escape_controls("plain ✓ text", true), "plain ✓ text");
        assert_eq!(
            escape_controls("a\x1b[2Jb\rc\u{9b}d\x07", true),
            "a\\x1b[2Jb\\x0dc\\x9bd\\x07"
        );
        assert_eq!(escape_controls("two\nlines\tok", true), "two\nlines\tok");
        assert_eq!(escape_controls("one\ncell", false), "one\\x0acell");
    }

    #[test]
    fn json_stays_exact_and_valid() {
        let value = serde_json::json!({"name": "a\u{7f}b\u{9b}c\u{1b}d"});
        let text = serde_json::to_string(&value).unwrap();
        let safe = super::json_escape_controls(&text);
        assert!(!safe.contains('\u{7f}') && !safe.contains('\u{9b}') && !safe.contains('\u{1b}'));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&safe).unwrap(),
            value
        );
    }
}
