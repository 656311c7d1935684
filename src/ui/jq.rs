//! `--jq EXPR`: filter JSON output with a jq program, run by jaq (a jq implementation in Rust)
//! rather than a shell-out to jq. Like `gh --jq`: string results print raw, everything else as
//! compact JSON, one result per line, each printed as it is produced.
//!
//! The program runs in a child process — svcacct itself, in its internal `__jq` mode — with a
//! memory cap: a program that recurses without end or builds an endless value ends the child
//! (a one-line error here), never svcacct, and so never loses output it has not printed yet.
//! Error messages name the types of the values involved, never the values (they may be
//! secrets), except string literals the program itself spells out (`error("boom")`).

use std::io::{BufRead, Write};

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data};
use jaq_json::Val;

use crate::error::{Error, Result};

type Data = data::JustLut<Val>;

/// The argv word that starts the internal filter mode (`svcacct __jq EXPR`, input on stdin).
pub const CHILD_MODE: &str = "__jq";

/// The child's address-space cap: enough for any real document, and an endless value stops.
const CHILD_MEMORY: u64 = 2 << 30;

/// The longest single result read back from the child.
const LINE_LIMIT: usize = 16 << 20;

fn compile(expr: &str) -> Result<jaq_core::compile::Filter<jaq_core::Native<Data>>> {
    let defs = jaq_core::defs()
        .chain(jaq_std::defs())
        .chain(jaq_json::defs());
    let funs = jaq_core::funs()
        .chain(jaq_std::funs())
        .chain(jaq_json::funs());
    let arena = Arena::default();
    let program = File {
        code: expr,
        path: (),
    };
    let bad = |what: &str| {
        Error::usage(format!("--jq '{expr}' is not a valid jq program ({what})"))
            .with_hint("see https://jqlang.org/manual/ — e.g. --jq '.[] | .name'")
    };
    let modules = Loader::new(defs)
        .load(&arena, program)
        .map_err(|errs| bad(&format!("{} syntax error(s)", errs.len())))?;
    Compiler::default()
        .with_funs(funs)
        .compile(modules)
        .map_err(|errs| bad(&format!("{} undefined name(s)", errs.len())))
}

/// Refuse a program that does not compile, before any request is made.
pub fn check(expr: &str) -> Result<()> {
    compile(expr).map(|_| ())
}

/// The program's results for `input`, each handed to `emit` as a line to print, as the child
/// produces it.
pub fn run(
    expr: &str,
    input: &serde_json::Value,
    mut emit: impl FnMut(String) -> Result<()>,
) -> Result<()> {
    // /proc/self/exe is this very program even after an upgrade replaced the file on disk.
    let exe = if cfg!(target_os = "linux") && std::path::Path::new("/proc/self/exe").exists() {
        std::path::PathBuf::from("/proc/self/exe")
    } else {
        std::env::current_exe()
            .map_err(|e| Error::internal(format!("cannot find my own executable: {e}")))?
    };
    let mut child = std::process::Command::new(exe)
        .arg(CHILD_MODE)
        .arg(expr)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| Error::internal(format!("cannot run the --jq program: {e}")))?;
    let text = serde_json::to_vec(input).map_err(|e| Error::internal(e.to_string()))?;
    let mut stdin = child.stdin.take().expect("piped");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&text);
    });
    let mut stderr = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut message = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut message);
        message
    });
    let mut emitted = Ok(());
    let mut results = std::io::BufReader::new(child.stdout.take().expect("piped"));
    let mut line = Vec::new();
    loop {
        line.clear();
        // One result at most LINE_LIMIT bytes: the child's memory cap must not move here.
        match std::io::Read::take(&mut results, LINE_LIMIT as u64 + 1).read_until(b'\n', &mut line)
        {
            Ok(0) | Err(_) => break,
            Ok(_) if line.len() > LINE_LIMIT => {
                let _ = child.kill();
                emitted = Err(Error::usage(format!(
                    "--jq '{expr}' produced a result larger than {} MiB",
                    LINE_LIMIT >> 20
                ))
                .with_hint("select less (e.g. .[0:100]), or use --json and a real jq"));
                break;
            }
            Ok(_) => {}
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        emitted = emit(String::from_utf8_lossy(&line).into_owned());
        if emitted.is_err() {
            let _ = child.kill();
            break;
        }
    }
    let status = child
        .wait()
        .map_err(|e| Error::internal(format!("the --jq program: {e}")))?;
    let _ = writer.join();
    let message = reader.join().unwrap_or_default();
    emitted?;
    if status.success() {
        return Ok(());
    }
    let said = message
        .lines()
        .find_map(|l| l.strip_prefix("jq-error: "))
        .map(str::to_string);
    Err(match said {
        Some(said) => Error::usage(format!("--jq '{expr}' failed: {said}"))
            .with_hint("check the program against the command's --json output"),
        None => Error::usage(format!(
            "--jq '{expr}' was stopped: it recursed too deep or built a value too large"
        ))
        .with_hint("bound the recursion (e.g. limit(N; …)) or check the program against --json"),
    })
}

/// `svcacct __jq EXPR`: the child side of [`run`] — JSON on stdin, one result a line on stdout
/// (flushed as produced), a failure as one `jq-error: …` line on stderr and exit 2.
pub fn child_main(expr: &str) -> std::process::ExitCode {
    #[cfg(unix)]
    // SAFETY: setrlimit only reads the struct; lowering our own limit cannot fail unsafely.
    unsafe {
        let limit = libc::rlimit {
            rlim_cur: CHILD_MEMORY as libc::rlim_t,
            rlim_max: CHILD_MEMORY as libc::rlim_t,
        };
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
    let mut text = Vec::new();
    if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut text) {
        let _ = writeln!(std::io::stderr(), "jq-error: cannot read the input: {e}");
        return std::process::ExitCode::from(2);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = evaluate(expr, &text, |line| {
        writeln!(out, "{line}").and_then(|_| out.flush())
    });
    let _ = out.flush();
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "jq-error: {message}");
            std::process::ExitCode::from(2)
        }
    }
}

/// Run `expr` over the JSON `input`, each result to `emit` (strings raw, the rest as compact
/// JSON); stops quietly when `emit` fails (the reader is gone) or at `halt`.
fn evaluate(
    expr: &str,
    input: &[u8],
    mut emit: impl FnMut(String) -> std::io::Result<()>,
) -> std::result::Result<(), String> {
    let filter = compile(expr).map_err(|e| e.message)?;
    let input =
        jaq_json::read::parse_single(input).map_err(|e| format!("the input is not JSON: {e}"))?;
    let ctx = Ctx::<Data>::new(&filter.lut, Vars::new([]));
    for result in filter.id.run((ctx, input)) {
        let line = match result.map_err(|e| e.get_err()) {
            Ok(Val::TStr(bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
            Ok(other) => other.to_string(),
            Err(Ok(e)) => return Err(typed_message(&e.to_string(), expr)),
            // `halt`: the program ends here, successfully (as in jq).
            Err(Err(_)) => break,
        };
        if emit(line).is_err() {
            break;
        }
    }
    Ok(())
}

/// jaq's message with every value in it replaced by its type (`cannot index object with
/// number`) — values may be secrets — except a string the program itself spells out.
fn typed_message(message: &str, expr: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    let mut at_boundary = true;
    while let Some(c) = rest.chars().next() {
        // A byte string (`b"…"`, jaq's own) is a string too: up to its closing quote.
        if at_boundary && rest.starts_with("b\"") {
            let mut escaped = false;
            let end = rest[2..].char_indices().find_map(|(i, ch)| {
                let close = ch == '"' && !escaped;
                escaped = ch == '\\' && !escaped;
                close.then_some(i + 3)
            });
            out.push_str("string");
            rest = &rest[end.unwrap_or(rest.len())..];
            at_boundary = false;
            continue;
        }
        if at_boundary && matches!(c, '"' | '{' | '[' | '-' | '0'..='9' | 't' | 'f' | 'n') {
            let mut values =
                serde_json::Deserializer::from_str(rest).into_iter::<serde_json::Value>();
            if let Some(Ok(value)) = values.next() {
                let used = values.byte_offset();
                let literal = &rest[..used];
                let kind = match &value {
                    serde_json::Value::String(_) if expr.contains(literal) => literal,
                    serde_json::Value::Null => "null",
                    serde_json::Value::Bool(_) => "boolean",
                    serde_json::Value::Number(_) => "number",
                    serde_json::Value::String(_) => "string",
                    serde_json::Value::Array(_) => "array",
                    serde_json::Value::Object(_) => "object",
                };
                out.push_str(kind);
                rest = &rest[used..];
                at_boundary = false;
                continue;
            }
        }
        out.push(c);
        at_boundary = c == ' ' || c == '(';
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(expr: &str, input: &serde_json::Value) -> std::result::Result<Vec<String>, String> {
        let mut out = Vec::new();
        evaluate(expr, input.to_string().as_bytes(), |l| {
            out.push(l);
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn strings_raw_values_as_json() {
        let input = serde_json::json!([{"name": "ERP sync", "id": 1}, {"name": "CI", "id": 2}]);
        assert_eq!(lines(".[] | .name", &input).unwrap(), ["ERP sync", "CI"]);
        assert_eq!(
            lines("map({id})", &input).unwrap(),
            [r#"[{"id":1},{"id":2}]"#]
        );
        assert_eq!(lines("length", &input).unwrap(), ["2"]);
        assert!(check(".[ | x").is_err());
        assert!(check("nosuchfunction(1)").is_err());
        assert!(lines(".foo", &input).is_err());
        // The value it failed on is never in the message: it may be a secret.
        let secret = serde_json::json!({"client_secret": "sas_S3cr3t"});
        let err = lines(".client_secret.x", &secret).unwrap_err();
        assert!(!err.contains("sas_S3cr3t"), "{err}");
        let err = lines(".client_secret | tonumber", &secret).unwrap_err();
        assert!(!err.contains("sas_S3cr3t"), "{err}");
        assert!(err.contains("string"), "{err}");
        let err = lines(r#"error("boom")"#, &secret).unwrap_err();
        assert!(err.contains("boom"), "{err}");
        let err = lines(".client_secret | .[0]", &secret).unwrap_err();
        assert_eq!(err, "cannot index string with number");
        assert_eq!(lines("1, halt, 2", &secret).unwrap(), ["1"]);
    }

    #[test]
    fn messages_name_types_not_values() {
        assert_eq!(
            typed_message(
                r#"cannot index {"client_secret":"sas_S3cr3t"} with 0"#,
                ".[0]"
            ),
            "cannot index object with number"
        );
        assert_eq!(
            typed_message(r#"cannot use "sas_S3cr3t" as number"#, "tonumber"),
            "cannot use string as number"
        );
        assert_eq!(typed_message(r#""boom""#, r#"error("boom")"#), r#""boom""#);
        assert_eq!(typed_message(r#""sas_S3cr3t""#, "error(.s)"), "string");
        assert_eq!(
            typed_message(r#"cannot index b"sas_\"S3cr3t" with "x""#, r#".x"#),
            r#"cannot index string with string"#
        );
        assert_eq!(
            typed_message("cannot calculate [1] - null", "."),
            "cannot calculate array - null"
        );
        assert!(check(".[ | x").is_err());
        assert!(check("nosuchfunction(1)").is_err());
    }
}
