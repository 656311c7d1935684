//! `svcacct api [METHOD] PATH`: any endpoint with your credentials, through the same HTTP layer
//! (retries, rate limits, redacted -v logs) as every other command. Its flags follow `gh api`:
//! `-X`, `-f`/`-F` with nested keys and `@file`, `--paginate`, `-i`, `--silent`, `-q`.

use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Map, Value};

use crate::api::error_from;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::http::page;
use clap::Args;

#[derive(Debug, Args)]
pub struct ApiArgs {
    /// The path under the API, e.g. /api/v1/me ({company} becomes your company id); an HTTP
    /// method before it (GET, POST, PATCH, PUT, DELETE) is the same as -X
    #[arg(value_name = "[METHOD] PATH", num_args = 1..=2, required = true)]
    pub words: Vec<String>,
    /// The HTTP method (default GET, or POST when fields are given)
    #[arg(short = 'X', long, value_name = "METHOD")]
    pub method: Option<String>,
    /// A string field KEY=VALUE (repeatable): JSON body, or query parameter for GET;
    /// KEY[SUB]=V nests, KEY[]=V appends to an array
    #[arg(short = 'f', long = "raw-field", value_name = "KEY=VALUE")]
    pub raw_fields: Vec<String>,
    /// A typed field KEY=VALUE: numbers, true, false and null become JSON values, @FILE reads
    /// the value from a file and @- from stdin; nested keys as with -f (repeatable)
    #[arg(short = 'F', long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
    /// The request body from a file (- for stdin)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["raw_fields", "fields"])]
    pub input: Option<std::path::PathBuf>,
    /// An extra request header 'Name: value' (repeatable); 'Name: @FILE' or 'Name: @-' reads
    /// the value from a file or stdin (for keys: never put a secret on the command line)
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// Follow `Link: rel="next"` and print every page (arrays are merged into one)
    #[arg(long)]
    pub paginate: bool,
    /// Print the response status and headers to stderr
    #[arg(short = 'i', long)]
    pub include: bool,
    /// Print no response body (the exit code still tells success)
    #[arg(long)]
    pub silent: bool,
}

/// One `-f`/`-F` field: its key path (`a[b][]` → a, b, append) and its value. `-F` values are
/// typed (numbers, booleans, null) or read from a file (`@FILE`, `@-` for stdin), as in gh.
fn field(raw: &str, typed: bool, stdin_used: &mut bool) -> Result<(String, Vec<Key>, Value)> {
    let (k, v) = raw.split_once('=').ok_or_else(|| {
        Error::usage(format!("field '{raw}' has no '='")).with_hint("write it as KEY=VALUE")
    })?;
    let path = key_path(k)?;
    let value = if !typed {
        Value::String(v.into())
    } else if let Some(file) = v.strip_prefix('@') {
        let bytes = if file == "-" {
            if std::mem::replace(stdin_used, true) {
                return Err(Error::usage(format!(
                    "field '{k}': stdin is already read for another value"
                ))
                .with_hint("read at most one value from stdin (@-); use @FILE for the others"));
            }
            crate::ui::input::all()?
        } else {
            std::fs::read(file)
                .map_err(|e| Error::usage(format!("field '{k}': cannot read {file}: {e}")))?
        };
        Value::String(
            String::from_utf8(bytes)
                .map_err(|_| Error::usage(format!("field '{k}': {v} is not UTF-8 text")))?,
        )
    } else {
        match v {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ => v
                .parse::<i64>()
                .map(Value::from)
                .or_else(|_| v.parse::<f64>().map(Value::from))
                .unwrap_or_else(|_| Value::String(v.into())),
        }
    };
    Ok((k.to_string(), path, value))
}

/// A step in a field's key: an object member, or `[]` (append to an array).
#[derive(Debug, PartialEq)]
enum Key {
    Member(String),
    Append,
}

/// `name`, `name[sub]`, `name[]`, `name[][sub]`, … as gh reads them.
fn key_path(key: &str) -> Result<Vec<Key>> {
    let bad = || {
        Error::usage(format!(
            "field key '{key}' is not NAME, NAME[KEY] or NAME[]"
        ))
        .with_hint("e.g. -F 'labels[]=bug' or -F 'owner[login]=acme'")
    };
    let (head, mut rest) = match key.find('[') {
        Some(i) => (&key[..i], &key[i..]),
        None => (key, ""),
    };
    if head.is_empty() {
        return Err(bad());
    }
    let mut path = vec![Key::Member(head.to_string())];
    while !rest.is_empty() {
        let inner_end = rest.find(']').ok_or_else(bad)?;
        if !rest.starts_with('[') {
            return Err(bad());
        }
        let inner = &rest[1..inner_end];
        path.push(if inner.is_empty() {
            Key::Append
        } else {
            Key::Member(inner.to_string())
        });
        rest = &rest[inner_end + 1..];
    }
    Ok(path)
}

/// Put `value` at `path` in `root`. `[]` appends a new element — or, followed by a member,
/// fills the last element while it lacks that member (`a[][x]=1 a[][y]=2` is one object).
fn insert(root: &mut Value, path: &[Key], value: Value, raw: &str) -> Result<()> {
    let clash = || Error::usage(format!("field '{raw}' clashes with another field's type"));
    let Some((first, rest)) = path.split_first() else {
        *root = value;
        return Ok(());
    };
    match first {
        Key::Member(name) => {
            if root.is_null() {
                *root = Value::Object(Map::new());
            }
            let map = root.as_object_mut().ok_or_else(clash)?;
            let slot = map.entry(name.clone()).or_insert(Value::Null);
            insert(slot, rest, value, raw)
        }
        Key::Append => {
            if root.is_null() {
                *root = Value::Array(Vec::new());
            }
            let items = root.as_array_mut().ok_or_else(clash)?;
            let reuse = match (rest.first(), items.last()) {
                (Some(Key::Member(m)), Some(Value::Object(last))) => !last.contains_key(m),
                _ => false,
            };
            if !reuse {
                items.push(Value::Null);
            }
            insert(items.last_mut().expect("an element"), rest, value, raw)
        }
    }
}

fn body_bytes(args: &ApiArgs) -> Result<Option<Vec<u8>>> {
    let Some(input) = &args.input else {
        return Ok(None);
    };
    let bytes = if input.as_os_str() == "-" {
        crate::ui::input::all()?
    } else {
        std::fs::read(input)
            .map_err(|e| Error::usage(format!("cannot read {}: {e}", input.display())))?
    };
    Ok(Some(bytes))
}

fn print_body(ctx: &Context, args: &ApiArgs, body: &[u8]) -> Result<()> {
    if args.silent {
        return Ok(());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(v) => ctx.out.json_value(&v),
        Err(_) if body.is_empty() => Ok(()),
        Err(_) => ctx.out.raw(&String::from_utf8_lossy(body)),
    }
}

pub async fn run(ctx: &Context, args: &ApiArgs) -> Result<()> {
    let (given_method, path) = match args.words.as_slice() {
        [path] => (None, path.clone()),
        [method, path] => (Some(method.clone()), path.clone()),
        _ => return Err(Error::usage("give the path, e.g. svcacct api /api/v1/me")),
    };
    let given_method = match (given_method, &args.method) {
        (Some(_), Some(_)) => {
            return Err(
                Error::usage("the method is given twice (before the path and -X)")
                    .with_hint("use one: svcacct api -X POST PATH"),
            );
        }
        (a, b) => a.or_else(|| b.clone()),
    };
    // `--input -` and one `-H 'Name: @-'` or `-F 'k=@-'` may not all read stdin.
    let mut stdin_used = args.input.as_deref() == Some(std::path::Path::new("-"));
    let mut fields = Value::Null;
    let mut query_pairs = Vec::new();
    for (raw, typed) in args
        .raw_fields
        .iter()
        .map(|f| (f, false))
        .chain(args.fields.iter().map(|f| (f, true)))
    {
        let (key, key_path, v) = field(raw, typed, &mut stdin_used)?;
        query_pairs.push((
            key,
            v.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string()),
        ));
        insert(&mut fields, &key_path, v, raw)?;
    }
    let has_fields = !query_pairs.is_empty();
    let method = match given_method {
        Some(m) => {
            let upper = m.to_ascii_uppercase();
            if !["GET", "POST", "PATCH", "PUT", "DELETE"].contains(&upper.as_str()) {
                return Err(
                    Error::usage(format!("'{m}' is not an HTTP method svcacct sends"))
                        .with_hint("use GET, POST, PATCH, PUT or DELETE"),
                );
            }
            Method::from_bytes(upper.as_bytes()).expect("a known method")
        }
        None if has_fields || args.input.is_some() => Method::POST,
        None => Method::GET,
    };
    let session = ctx.session().await?;
    let mut path = path;
    // `{company}` (PlanRadar: `{customer}`) is the profile's company.
    if path.contains("{company}") || path.contains("{customer}") {
        let company = ctx.company_id(&session).await?.to_string();
        path = path
            .replace("{company}", &company)
            .replace("{customer}", &company);
    }
    if !path.starts_with('/') && !path.starts_with("http") {
        path.insert(0, '/');
    }
    let mut headers = HeaderMap::new();
    for raw in &args.headers {
        let (name, value) = raw.split_once(':').ok_or_else(|| {
            Error::usage(format!("header '{raw}' has no colon"))
                .with_hint("write it as 'Name: value'")
        })?;
        let name = HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| Error::usage(format!("'{}' is not a header name", name.trim())))?;
        let value = header_value(&name, value.trim(), &mut stdin_used)?;
        headers.insert(name, value);
    }
    let mut body = body_bytes(args)?.map(|b| (b, "application/json"));
    if has_fields {
        if method == Method::GET || method == Method::DELETE {
            let mut query = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in &query_pairs {
                query.append_pair(k, v);
            }
            path.push(if path.contains('?') { '&' } else { '?' });
            path.push_str(&query.finish());
        } else {
            body = Some((
                serde_json::to_vec(&fields).expect("JSON"),
                "application/json",
            ));
        }
    }
    let mut target = path;
    // --paginate: the pages' items stream out as one JSON array, page by page.
    let mut merged: Option<crate::ui::output::JsonArray<'_>> = None;
    loop {
        let resp = session
            .api
            .raw(method.clone(), &target, headers.clone(), body.clone())
            .await?;
        if args.include {
            ctx.out.status(&format!("HTTP {}", resp.status));
            for (k, v) in &resp.headers {
                ctx.out
                    .status(&format!("{k}: {}", v.to_str().unwrap_or("(binary)")));
            }
        }
        if !resp.status.is_success() {
            if let Some(items) = merged.take() {
                items.finish()?;
            }
            print_body(ctx, args, &resp.body)?;
            return Err(error_from(&resp));
        }
        let next = if args.paginate {
            page::next_url(&resp.headers, &session.creds.api)
        } else {
            None
        };
        match (args.paginate, serde_json::from_slice::<Value>(&resp.body)) {
            (true, Ok(Value::Array(items))) if !args.silent => {
                let stream = merged.get_or_insert_with(|| ctx.out.json_stream(false));
                for item in &items {
                    stream.push(item)?;
                }
            }
            (true, Ok(Value::Array(_))) => {}
            _ => {
                if let Some(items) = merged.take() {
                    items.finish()?;
                }
                print_body(ctx, args, &resp.body)?;
            }
        }
        match next {
            Some(url) => target = url.to_string(),
            None => break,
        }
    }
    if let Some(items) = merged {
        items.finish()?;
    }
    Ok(())
}

/// A header value as given, or (`@FILE`, `@-` for stdin) read from a file or stdin, so that a
/// key such as `X-PlanRadar-API-Key` never sits in argv; such a value is marked sensitive, and
/// `-v` logs show it redacted.
fn header_value(name: &HeaderName, given: &str, stdin_used: &mut bool) -> Result<HeaderValue> {
    let what = format!("the value of header {name}");
    let secret = match given.strip_prefix('@') {
        None => {
            return HeaderValue::from_str(given)
                .map_err(|_| Error::usage(format!("{what} is not valid")));
        }
        Some("-") => {
            if std::mem::replace(stdin_used, true) {
                return Err(Error::usage(format!("{what}: stdin is already read for another value"))
                    .with_hint("read at most one of --input and the -H values from stdin (-); use @FILE for the others"));
            }
            crate::ui::input::secret(&what)?
        }
        Some(path) => crate::secret::from_file(std::path::Path::new(path), &what)?,
    };
    let mut value = HeaderValue::from_str(secret.expose())
        .map_err(|_| Error::usage(format!("{what} (from {given}) is not a valid header value")))?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(fields: &[&str]) -> Value {
        let mut root = Value::Null;
        let mut stdin_used = false;
        for raw in fields {
            let (_, path, v) = field(raw, true, &mut stdin_used).unwrap();
            insert(&mut root, &path, v, raw).unwrap();
        }
        root
    }

    #[test]
    fn nested_fields_as_gh_reads_them() {
        assert_eq!(
            build(&["a[b]=1", "a[c]=x", "arr[]=1", "arr[]=2", "n=null"]),
            serde_json::json!({"a": {"b": 1, "c": "x"}, "arr": [1, 2], "n": null})
        );
        assert_eq!(
            build(&["l[][name]=bug", "l[][color]=red", "l[][name]=ui"]),
            serde_json::json!({"l": [{"name": "bug", "color": "red"}, {"name": "ui"}]})
        );
        assert!(key_path("[x]").is_err());
        assert!(key_path("a[b").is_err());
        let mut root = build(&["a=1"]);
        let mut used = false;
        let (_, path, v) = field("a[b]=2", true, &mut used).unwrap();
        assert!(insert(&mut root, &path, v, "a[b]=2").is_err());
    }
}
