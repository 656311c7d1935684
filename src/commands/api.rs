//! `svcacct api METHOD PATH`: any endpoint with your credentials, through the same HTTP layer
//! (retries, rate limits, redacted -v logs) as every other command.

use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Map, Value};

use crate::api::{error_from, page};
use crate::cli::ApiArgs;
use crate::context::Context;
use crate::error::{Error, Result};

fn field(raw: &str, typed: bool) -> Result<(String, Value)> {
    let (k, v) = raw.split_once('=').ok_or_else(|| {
        Error::usage(format!("field '{raw}' has no '='")).with_hint("write it as KEY=VALUE")
    })?;
    let value = if typed {
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
    } else {
        Value::String(v.into())
    };
    Ok((k.to_string(), value))
}

fn body_bytes(args: &ApiArgs) -> Result<Option<Vec<u8>>> {
    let Some(input) = &args.input else {
        return Ok(None);
    };
    let bytes = if input.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf)
            .map_err(|e| Error::usage(format!("cannot read stdin: {e}")))?;
        buf
    } else {
        std::fs::read(input)
            .map_err(|e| Error::usage(format!("cannot read {}: {e}", input.display())))?
    };
    Ok(Some(bytes))
}

fn print_body(ctx: &Context, body: &[u8]) -> Result<()> {
    match serde_json::from_slice::<Value>(body) {
        Ok(v) => ctx.out.json_value(&v),
        Err(_) if body.is_empty() => Ok(()),
        Err(_) => ctx.out.raw(&String::from_utf8_lossy(body)),
    }
}

pub async fn run(ctx: &Context, args: &ApiArgs) -> Result<()> {
    let session = ctx.session().await?;
    let method = Method::from_bytes(args.method.to_ascii_uppercase().as_bytes())
        .map_err(|_| Error::usage(format!("unknown method '{}'", args.method)))?;
    let mut path = args.path.clone();
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
    let mut fields = Map::new();
    for (raw, typed) in args
        .raw_fields
        .iter()
        .map(|f| (f, false))
        .chain(args.fields.iter().map(|f| (f, true)))
    {
        let (k, v) = field(raw, typed)?;
        fields.insert(k, v);
    }
    let mut headers = HeaderMap::new();
    // `--input -` and one `-H 'Name: @-'` may not both read stdin.
    let mut stdin_used = args.input.as_deref() == Some(std::path::Path::new("-"));
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
    if !fields.is_empty() {
        if method == Method::GET || method == Method::DELETE {
            let mut query = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in &fields {
                query.append_pair(
                    k,
                    &v.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string()),
                );
            }
            path.push(if path.contains('?') { '&' } else { '?' });
            path.push_str(&query.finish());
        } else {
            body = Some((
                serde_json::to_vec(&Value::Object(fields)).expect("JSON"),
                "application/json",
            ));
        }
    }
    let mut target = path;
    let mut merged: Option<Vec<Value>> = None;
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
            print_body(ctx, &resp.body)?;
            return Err(error_from(&resp));
        }
        let next = if args.paginate {
            page::next_url(&resp.headers, &session.creds.api)
        } else {
            None
        };
        match (args.paginate, serde_json::from_slice::<Value>(&resp.body)) {
            (true, Ok(Value::Array(items))) => merged.get_or_insert_with(Vec::new).extend(items),
            _ => {
                if let Some(items) = merged.take() {
                    ctx.out.json_value(&items)?;
                }
                print_body(ctx, &resp.body)?;
            }
        }
        match next {
            Some(url) => target = url.to_string(),
            None => break,
        }
    }
    if let Some(items) = merged {
        ctx.out.json_value(&items)?;
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
            crate::secret::from_stdin(&what)?
        }
        Some(path) => crate::secret::from_file(std::path::Path::new(path), &what)?,
    };
    let mut value = HeaderValue::from_str(secret.expose())
        .map_err(|_| Error::usage(format!("{what} (from {given}) is not a valid header value")))?;
    value.set_sensitive(true);
    Ok(value)
}
