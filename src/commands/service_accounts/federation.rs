//! `svcacct sa federation add|list|remove|test`: the outside identities (CI systems' OpenID
//! tokens) that may mint tokens for a service account without a secret (RFC 7523).

use serde_json::{Map, Value, json};

use super::shared::SaIdArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use clap::{Args, Subcommand};
use clap_complete::engine::ArgValueCandidates;

#[derive(Debug, Subcommand)]
pub enum FederationCommand {
    /// Trust tokens from ISSUER whose sub (and aud, and --claim values) match
    Add(FederationAddArgs),
    /// List the identities the account trusts
    List(SaIdArgs),
    /// Stop trusting one
    Remove(FederationRemoveArgs),
    /// Say whether an assertion would be accepted, and if not which check failed
    Test(FederationTestArgs),
}

/// NAME=VALUE, a claim that must match exactly.
fn claim(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!(
            "'{s}' is not NAME=VALUE (e.g. environment=production)"
        )),
    }
}

#[derive(Debug, Args)]
pub struct FederationAddArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::commands::complete::service_account_ids))]
    pub id: u64,
    /// The token issuer, e.g. https://token.actions.githubusercontent.com
    #[arg(long, value_name = "URL")]
    pub issuer: String,
    /// The sub claim to trust, e.g. repo:acme/erp-sync:ref:refs/heads/main
    #[arg(long, value_name = "SUBJECT")]
    pub subject: String,
    /// The aud claim expected (default: the platform's API URL)
    #[arg(long, value_name = "AUD")]
    pub audience: Option<String>,
    /// Another claim that must match exactly (repeatable), e.g. environment=production
    #[arg(long = "claim", value_name = "NAME=VALUE", value_parser = claim)]
    pub claims: Vec<(String, String)>,
}

#[derive(Debug, Args)]
pub struct FederationRemoveArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::commands::complete::service_account_ids))]
    pub id: u64,
    /// Federation id (see `svcacct sa federation list ID`)
    pub federation_id: u64,
}

#[derive(Debug, Args)]
pub struct FederationTestArgs {
    /// Service account id
    #[arg(add = ArgValueCandidates::new(crate::commands::complete::service_account_ids))]
    pub id: u64,
    /// A file holding the assertion (an OpenID token from the CI system)
    #[arg(long, value_name = "PATH")]
    pub assertion_file: std::path::PathBuf,
}

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
