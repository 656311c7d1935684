//! `svcacct apps marketplace`: the marketplace: apps, their developers, flows and the permissions they ask for.

use crate::context::Context;
use crate::error::Result;

/// An app's requested permissions on one line: `company: documents=read; projects: rfis=standard`.
fn requested(m: &crate::api::models::Manifest) -> String {
    let part = |label: &str, tools: &std::collections::BTreeMap<String, String>| {
        (!tools.is_empty()).then(|| {
            let list: Vec<String> = tools.iter().map(|(t, l)| format!("{t}={l}")).collect();
            format!("{label}: {}", list.join(", "))
        })
    };
    let parts: Vec<String> = [part("company", &m.company), part("projects", &m.project)]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join("; ")
    }
}

pub async fn run(ctx: &Context) -> Result<()> {
    let session = ctx.session().await?;
    let api = &session.api;
    let apps = api.marketplace().await?;
    if ctx.out.json {
        return ctx.out.json_value(&apps);
    }
    let rows: Vec<Vec<String>> = apps
        .iter()
        .map(|a| {
            vec![
                a.slug.clone(),
                a.name.clone(),
                a.developer.clone(),
                a.flows.join(", "),
                requested(&a.permissions),
            ]
        })
        .collect();
    ctx.out.table(
        &[
            "SLUG",
            "NAME",
            "DEVELOPER",
            "FLOWS",
            "REQUESTED PERMISSIONS",
        ],
        &rows,
    )
}
