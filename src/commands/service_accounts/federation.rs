//! `svcacct sa federation add|list|remove|test`: the outside identities (CI systems' OpenID
//! tokens) that may mint tokens for a service account without a secret (RFC 7523).

use serde_json::{Map, Value, json};

use crate::cli::FederationCommand;
use crate::context::Context;
use crate::error::{Error, Result};

pub async fn dispatch(ctx: &Context, command: FederationCommand) -> Result<()> {
    let session = ctx.session().await?;
    let company = ctx.company_id(&session).await?;
    let api = &session.api;
    match command {
        FederationCommand::Add(args) => {
            let claims: Map<String, Value> = args
                .claims
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect();
            let mut body =
                json!({"issuer": args.issuer, "subject": args.subject, "claims": claims});
            if let Some(aud) = &args.audience {
                body["audience"] = json!(aud);
            }
            let made = api.add_federation(company, args.id, &body).await?;
            if ctx.out.json {
                return ctx.out.json_value(&made);
            }
            ctx.out.status(&format!(
                "✓ Service account {} trusts {} for sub '{}' (aud '{}'){} — federation {}",
                args.id,
                made["issuer"].as_str().unwrap_or(""),
                made["subject"].as_str().unwrap_or(""),
                made["audience"].as_str().unwrap_or(""),
                if claims.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", with {}",
                        claims
                            .iter()
                            .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                },
                made["id"]
            ));
            Ok(())
        }
        FederationCommand::List(args) => {
            let list = api.federations(company, args.id).await?;
            if ctx.out.json {
                return ctx.out.json_value(&list);
            }
            if list.is_empty() {
                ctx.out.status(&format!(
                    "Service account {} trusts no outside identity.",
                    args.id
                ));
                return Ok(());
            }
            let s = |v: &Value, k: &str| v[k].as_str().unwrap_or("").to_string();
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|f| {
                    let claims = f["claims"]
                        .as_object()
                        .map(|c| {
                            c.iter()
                                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
                                .collect::<Vec<_>>()
                                .join(",")
                        })
                        .unwrap_or_default();
                    vec![
                        f["id"].to_string(),
                        s(f, "issuer"),
                        s(f, "subject"),
                        s(f, "audience"),
                        claims,
                    ]
                })
                .collect();
            ctx.out
                .rows(&["ID", "ISSUER", "SUBJECT", "AUDIENCE", "CLAIMS"], &rows)
        }
        FederationCommand::Remove(args) => {
            api.remove_federation(company, args.id, args.federation_id)
                .await?;
            ctx.out.status(&format!(
                "✓ Service account {} no longer trusts federation {}",
                args.id, args.federation_id
            ));
            Ok(())
        }
        FederationCommand::Test(args) => {
            let assertion = crate::secret::from_file(&args.assertion_file, "assertion")?;
            let verdict = api.test_federation(company, args.id, &assertion).await?;
            if ctx.out.json {
                ctx.out.json_value(&verdict)?;
            } else if verdict["accepted"] == true {
                ctx.out.line(&format!(
                    "accepted: federation {} of service account {} would mint a token",
                    verdict["federation_id"], args.id
                ))?;
            } else {
                ctx.out.line(&format!(
                    "refused: {}",
                    verdict["reason"].as_str().unwrap_or("no reason given")
                ))?;
            }
            if verdict["accepted"] == true {
                Ok(())
            } else {
                Err(Error::auth(format!(
                    "the assertion would be refused: {}",
                    verdict["reason"].as_str().unwrap_or("no reason given")
                ))
                .with_hint("compare the token's claims with `svcacct sa federation list`"))
            }
        }
    }
}
