//! `svcacct webhooks …` on a Procore profile: Procore's hooks, triggers and deliveries. An
//! event is `RESOURCE.EVENT_TYPE` (`RFIs.create`; `RFIs.*` for create, update and delete).
//! Destination header values that carry secrets come from a prompt, stdin or a file, never argv.

use serde_json::{Map, Value};

use super::edit::{check_url, headers_from, password};
use crate::api::Api;
use crate::api::procore::{Hook, Trigger};
use crate::commands::webhooks::deliveries::{DeliveriesArgs, DeliveryStatus};
use crate::commands::webhooks::edit::WebhookCreateArgs;
use crate::context::Context;
use crate::error::{Error, Result};

const EVENT_TYPES: [&str; 3] = ["create", "update", "delete"];
const DEFAULT_NAMESPACE: &str = "svcacct";

/// Header values are masked in every output: Procore hooks often carry an Authorization.
fn masked(hook: &Hook) -> Value {
    let mut value = serde_json::to_value(hook).unwrap_or(Value::Null);
    if let Some(Value::Object(headers)) = value.get_mut("destination_headers") {
        for v in headers.values_mut() {
            *v = Value::String("[hidden]".into());
        }
    }
    value
}

pub async fn list(
    ctx: &Context,
    api: &Api<'_>,
    company: i64,
    output: &crate::commands::args::ListFormatArgs,
) -> Result<()> {
    let hooks = api.procore_hooks(company).await?;
    if output.json(&ctx.out) {
        let shown: Vec<Value> = hooks.iter().map(masked).collect();
        return ctx.out.json_items(&shown, output.lines());
    }
    if hooks.is_empty() {
        ctx.out
            .status(&format!("No Procore hooks in company {company}."));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = hooks
        .iter()
        .map(|h| {
            vec![
                h.id.to_string(),
                h.namespace.clone().unwrap_or_default(),
                h.destination_url.clone().unwrap_or_default(),
            ]
        })
        .collect();
    ctx.out.rows(&["ID", "NAMESPACE", "DESTINATION"], &rows)
}

pub fn show(ctx: &Context, hook: &Hook, triggers: &[Trigger]) -> Result<()> {
    if ctx.out.json {
        let mut value = masked(hook);
        value["triggers"] = serde_json::to_value(triggers).unwrap_or_default();
        return ctx.out.json_value(&value);
    }
    ctx.out.line(&format!("Hook:        {}", hook.id))?;
    ctx.out.line(&format!(
        "Namespace:   {}",
        hook.namespace.as_deref().unwrap_or("-")
    ))?;
    ctx.out.line(&format!(
        "Destination: {}",
        hook.destination_url.as_deref().unwrap_or("-")
    ))?;
    if let Some(Value::Object(headers)) = &hook.destination_headers {
        for name in headers.keys() {
            ctx.out.line(&format!("Header:      {name}: [hidden]"))?;
        }
    }
    let events: Vec<String> = triggers
        .iter()
        .map(|t| format!("{}.{}", t.resource_name, t.event_type))
        .collect();
    ctx.out.line(&format!(
        "Triggers:    {}",
        if events.is_empty() {
            "none".to_string()
        } else {
            events.join(", ")
        }
    ))
}

/// `RFIs.create` → ("RFIs", ["create"]); `RFIs.*` → every event type.
fn parse_event(raw: &str) -> Result<(String, Vec<&'static str>)> {
    let bad = || {
        Error::usage(format!(
            "'{raw}' is not a Procore event: write RESOURCE.create, RESOURCE.update, RESOURCE.delete or RESOURCE.*"
        ))
        .with_hint("for example --event RFIs.create or --event Projects.*")
    };
    let (resource, kind) = raw.rsplit_once('.').ok_or_else(bad)?;
    if resource.trim().is_empty() || resource.chars().any(|c| c.is_control()) {
        return Err(bad());
    }
    let kinds = match kind {
        "*" => EVENT_TYPES.to_vec(),
        k => vec![*EVENT_TYPES.iter().find(|t| **t == k).ok_or_else(bad)?],
    };
    Ok((resource.trim().to_string(), kinds))
}

pub async fn create(
    ctx: &Context,
    api: &Api<'_>,
    company: i64,
    args: &WebhookCreateArgs,
) -> Result<()> {
    check_url(&args.url)?;
    if args.inactive {
        return Err(Error::usage("Procore hooks cannot be created paused")
            .with_hint("leave out --inactive"));
    }
    // Every event is checked before anything is created.
    let mut triggers: Vec<(String, &str)> = Vec::new();
    for raw in &args.events {
        let (resource, kinds) = parse_event(raw)?;
        for k in kinds {
            if !triggers.iter().any(|(r, t)| *r == resource && *t == k) {
                triggers.push((resource.clone(), k));
            }
        }
    }
    let mut stdin_used = false;
    let mut headers = Map::new();
    for (name, value, _hidden) in headers_from(ctx, &args.auth, &mut stdin_used)? {
        let value = value.map(|v| v.expose().to_string()).unwrap_or_default();
        headers.insert(name, Value::String(value));
    }
    if let Some(user) = &args.auth.basic_auth_user {
        let pw = password(ctx, &args.auth, &mut stdin_used, true)?.expect("required");
        use base64::Engine;
        let basic =
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{}", pw.expose()));
        headers.insert(
            "Authorization".into(),
            Value::String(format!("Basic {basic}")),
        );
    }
    let namespace = args.namespace.as_deref().unwrap_or(DEFAULT_NAMESPACE);
    let hook = api
        .procore_create_hook(company, namespace, &args.url, &headers)
        .await?;
    let mut made = Vec::new();
    for (resource, kind) in &triggers {
        match api
            .procore_create_trigger(company, hook.id, resource, kind)
            .await
        {
            Ok(t) => made.push(t),
            Err(e) => {
                // A hook without its triggers would silently never fire: say which exist.
                return Err(Error::new(
                    e.kind,
                    format!(
                        "created hook {} but its trigger {resource}.{kind} failed: {}",
                        hook.id, e.message
                    ),
                )
                .with_hint(format!(
                    "delete it with `svcacct webhooks delete {} --yes` and try again",
                    hook.id
                )));
            }
        }
    }
    if ctx.out.json {
        let mut value = masked(&hook);
        value["triggers"] = serde_json::to_value(&made).unwrap_or_default();
        return ctx.out.json_value(&value);
    }
    ctx.out.status(&format!(
        "✓ Created Procore hook {} → {} ({})",
        hook.id,
        args.url,
        made.iter()
            .map(|t| format!("{}.{}", t.resource_name, t.event_type))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    Ok(())
}

/// Our delivery states in Procore's words.
fn procore_status(status: DeliveryStatus) -> &'static str {
    match status {
        DeliveryStatus::Succeeded => "successful",
        DeliveryStatus::Failed => "failed",
        DeliveryStatus::Discarded => "discarded",
        DeliveryStatus::Pending | DeliveryStatus::Sending => "retrying",
    }
}

pub async fn deliveries(
    ctx: &Context,
    api: &Api<'_>,
    company: i64,
    args: &DeliveriesArgs,
) -> Result<()> {
    if args.follow {
        return Err(Error::usage("--follow is not available for Procore hooks")
            .with_hint("run `svcacct webhooks deliveries ID` again"));
    }
    let status = args.status.map(procore_status);
    let list = api
        .procore_deliveries(company, args.id, status, args.limit)
        .await?;
    if ctx.out.json {
        return ctx.out.json_value(&list);
    }
    if list.is_empty() {
        ctx.out.status("No deliveries.");
        return Ok(());
    }
    let cell = |v: &Value, k: &str| match v.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|d| {
            vec![
                cell(d, "id"),
                cell(d, "status"),
                cell(d, "response_status"),
                cell(d, "started_at"),
                cell(d, "event_id"),
            ]
        })
        .collect();
    ctx.out
        .rows(&["ID", "STATUS", "HTTP", "STARTED", "EVENT"], &rows)
}
