//! `--jq EXPR`: filter JSON output with a jq program, run by jaq (a jq implementation in Rust)
//! rather than a shell-out to jq. Like `gh --jq`: string results print raw, everything else as
//! compact JSON, one result per line.

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

use crate::error::{Error, Result};

type Data = data::JustLut<Val>;

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

/// The program's results for `input`, each as a line to print.
pub fn run(expr: &str, input: &serde_json::Value) -> Result<Vec<String>> {
    let filter = compile(expr)?;
    let text = serde_json::to_string(input).map_err(|e| Error::internal(e.to_string()))?;
    let input = jaq_json::read::parse_single(text.as_bytes())
        .map_err(|e| Error::internal(format!("JSON for --jq: {e}")))?;
    let ctx = Ctx::<Data>::new(&filter.lut, Vars::new([]));
    let mut lines = Vec::new();
    for out in filter.id.run((ctx, input)).map(unwrap_valr) {
        match out {
            Ok(Val::TStr(bytes)) => lines.push(String::from_utf8_lossy(&bytes).into_owned()),
            Ok(other) => lines.push(other.to_string()),
            Err(_) => {
                // jaq's message quotes the value it failed on, which may be a secret (a new
                // client secret, a token): it is not shown.
                return Err(Error::usage(format!(
                    "--jq '{expr}' failed on the command's output (e.g. a field of something that is not an object)"
                ))
                .with_hint("check the program against the command's --json output"));
            }
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_raw_values_as_json() {
        let input = serde_json::json!([{"name": "ERP sync", "id": 1}, {"name": "CI", "id": 2}]);
        assert_eq!(run(".[] | .name", &input).unwrap(), ["ERP sync", "CI"]);
        assert_eq!(
            run("map({id})", &input).unwrap(),
            [r#"[{"id":1},{"id":2}]"#]
        );
        assert_eq!(run("length", &input).unwrap(), ["2"]);
        assert!(check(".[ | x").is_err());
        assert!(check("nosuchfunction(1)").is_err());
        assert_eq!(
            run(".foo", &input).unwrap_err().kind,
            crate::error::ErrorKind::Usage
        );
        // The value it failed on is never in the message: it may be a secret.
        let secret = serde_json::json!({"client_secret": "sas_S3cr3t"});
        let err = run(".client_secret.x", &secret).unwrap_err();
        assert!(!err.to_string().contains("sas_S3cr3t"), "{err}");
    }
}
