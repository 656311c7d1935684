//! `svcacct login`: browser (authorization code + PKCE on a loopback listener), paste-the-code,
//! client credentials, or a personal access token from stdin.

use std::io::{BufRead, Read};
use std::time::Duration;

use crate::api::Api;
use crate::api::models::Me;
use crate::auth::loopback::{Loopback, open_browser};
use crate::auth::oauth::{self, ClientIdentity, EndpointOverrides};
use crate::auth::session::env_secret;
use crate::auth::store::{CredentialStore, StoredCredential};
use crate::cli::{AuthMethodArg, LoginArgs};
use crate::config::{AuthKind, ClientAuthMethod, Endpoints, Profile, StorageKind};
use crate::context::Context;
use crate::error::{Error, ErrorKind, Result};
use crate::secret::Secret;

const DEFAULT_CLI_CLIENT: &str = "svcacct-cli";
const OOB: &str = "urn:ietf:wg:oauth:2.0:oob";

/// The outcome of one sign-in method, before anything is stored.
struct SignedIn {
    auth: AuthKind,
    client_id: Option<String>,
    method: Option<ClientAuthMethod>,
    endpoints: Option<Endpoints>,
    credential: StoredCredential,
}

pub async fn run(ctx: &Context, args: &LoginArgs) -> Result<()> {
    // Read the config first: a corrupt file stops us before anything changes.
    let config = ctx.config.load()?;
    let name = ctx.profile_name(&config);
    let api = ctx.api_url(config.profiles.get(&name))?;
    let overrides = EndpointOverrides {
        authorize_url: args.authorize_url.clone(),
        token_url: args.token_url.clone(),
        revocation_url: args.revocation_url.clone(),
    };
    let signed_in = if args.with_token {
        with_token(ctx)?
    } else if args.client_credentials {
        client_credentials(ctx, args, &api, &overrides).await?
    } else {
        authorization_code(ctx, args, &api, &overrides).await?
    };
    let token = signed_in
        .credential
        .access_token
        .clone()
        .expect("every sign-in yields an access token");
    let me = identify(ctx, &api, &token).await?;

    let storage = if args.insecure_storage {
        StorageKind::InsecureFile
    } else {
        StorageKind::Keyring
    };
    let store = CredentialStore::for_profile(storage, ctx.config.dir(), &name, api.as_str());
    // Secrets first, then the config: a failure leaves the old profile as it was.
    store.save(&signed_in.credential)?;
    if let Some(old) = config.profiles.get(&name) {
        let old_store =
            CredentialStore::for_profile(old.storage, ctx.config.dir(), &name, &old.api_url);
        if old.storage != storage || old.api_url != api.as_str() {
            let _ = old_store.delete();
        }
    }
    let profile = Profile {
        api_url: api.to_string(),
        auth: signed_in.auth,
        client_id: signed_in.client_id,
        client_auth_method: signed_in.method,
        storage,
        endpoints: signed_in.endpoints,
        user: me.as_ref().map(|m| m.login.clone()),
        company_id: me.as_ref().map(|m| m.company_id),
    };
    ctx.config.update(|c| {
        c.profiles.insert(name.clone(), profile);
    })?;
    let who = me
        .map(|m| format!(" as {} ({})", m.login, m.name))
        .unwrap_or_default();
    ctx.out.status(&format!(
        "✓ Logged in to {api}{who} — profile '{name}', credentials in the {}",
        store.describe()
    ));
    if storage == StorageKind::InsecureFile {
        ctx.out.warn(
            "credentials are stored in a plaintext file; anyone who can read it can act as you",
        );
    }
    Ok(())
}

/// `GET /api/v1/me` with the new token. A platform that has no such endpoint (a plain OAuth
/// provider) is fine; a rejected token is not, and nothing is stored then.
async fn identify(ctx: &Context, api: &url::Url, token: &Secret) -> Result<Option<Me>> {
    match Api::new(ctx.http()?, api.clone(), token.clone()).me().await {
        Ok(me) => Ok(Some(me)),
        Err(e) if e.kind == ErrorKind::Auth => Err(Error::auth(format!(
            "the server rejected the new credentials: {}",
            e.message
        ))
        .with_hint("check the token or client; nothing was saved")),
        Err(e) if e.kind == ErrorKind::NotFound => Ok(None),
        Err(e) => {
            ctx.out.warn(&format!(
                "signed in, but could not look up the user: {}",
                e.message
            ));
            Ok(None)
        }
    }
}

fn with_token(ctx: &Context) -> Result<SignedIn> {
    if ctx.out.stdin_is_terminal() {
        ctx.out
            .prompt("Paste the personal access token, then press Enter and Ctrl-D: ");
    }
    let token = crate::secret::from_stdin("personal access token")?;
    Ok(SignedIn {
        auth: AuthKind::PersonalAccessToken,
        client_id: None,
        method: None,
        endpoints: None,
        credential: StoredCredential {
            access_token: Some(token),
            issued_at: Some(oauth::unix_now()),
            ..Default::default()
        },
    })
}

fn client_secret(ctx: &Context, args: &LoginArgs, client_id: &str) -> Result<Secret> {
    if args.client_secret_stdin {
        return crate::secret::from_stdin("client secret");
    }
    if let Some(secret) = env_secret("SVCACCT_CLIENT_SECRET") {
        return Ok(secret);
    }
    if ctx.out.can_prompt() {
        return crate::secret::prompt(&format!("Client secret for {client_id}"));
    }
    Err(
        Error::usage("no client secret given, and there is no terminal to ask for one")
            .with_hint("pipe it with --client-secret-stdin, or set SVCACCT_CLIENT_SECRET"),
    )
}

async fn client_credentials(
    ctx: &Context,
    args: &LoginArgs,
    api: &url::Url,
    overrides: &EndpointOverrides,
) -> Result<SignedIn> {
    let client_id = args
        .client_id
        .clone()
        .ok_or_else(|| Error::usage("--client-credentials needs --client-id"))?;
    let secret = client_secret(ctx, args, &client_id)?;
    let discovered = oauth::discover(ctx.http()?, api, overrides, false).await?;
    let asked = args.auth_method.map(|m| match m {
        AuthMethodArg::Basic => ClientAuthMethod::ClientSecretBasic,
        AuthMethodArg::Post => ClientAuthMethod::ClientSecretPost,
    });
    let method = oauth::choose_auth_method(&discovered.auth_methods, asked);
    let who = ClientIdentity {
        client_id: &client_id,
        secret: Some(&secret),
        method,
    };
    let credential = oauth::client_credentials(ctx.http()?, &discovered.endpoints, &who).await?;
    Ok(SignedIn {
        auth: AuthKind::ClientCredentials,
        client_id: Some(client_id),
        method: Some(method),
        endpoints: Some(discovered.endpoints),
        credential,
    })
}

async fn authorization_code(
    ctx: &Context,
    args: &LoginArgs,
    api: &url::Url,
    overrides: &EndpointOverrides,
) -> Result<SignedIn> {
    let client_id = args
        .client_id
        .clone()
        .unwrap_or_else(|| DEFAULT_CLI_CLIENT.to_string());
    // A confidential client (a Procore app, a marketplace app) authenticates the code exchange:
    // its secret from stdin (with --no-browser, the first line; the pasted code follows), else
    // SVCACCT_CLIENT_SECRET when the client id was given; never from argv.
    let secret = match (args.client_secret_stdin, args.no_browser) {
        (true, false) => Some(crate::secret::from_stdin("client secret")?),
        (true, true) => Some(first_line_secret("client secret")?),
        (false, _) if args.client_id.is_some() => {
            crate::auth::session::env_secret("SVCACCT_CLIENT_SECRET")
        }
        (false, _) => None,
    };
    let discovered = oauth::discover(ctx.http()?, api, overrides, true).await?;
    let (code, verifier, redirect_uri) = if args.no_browser {
        let redirect_uri = args.redirect_uri.clone().unwrap_or_else(|| OOB.to_string());
        let (url, state, verifier) = oauth::authorization_url(
            &discovered.endpoints,
            &client_id,
            &redirect_uri,
            &discovered.scopes_for_sign_in(&args.scopes),
        )?;
        ctx.out.status(&format!(
            "Open this URL in a browser, sign in and approve access:\n\n  {url}\n"
        ));
        ctx.out
            .prompt("Paste the code, or the whole URL the browser was sent to: ");
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .take(16 * 1024)
            .read_line(&mut line)
            .map_err(|e| Error::usage(format!("cannot read the pasted code: {e}")))?;
        (pasted_code(line.trim(), &state)?, verifier, redirect_uri)
    } else {
        let listener = match &args.redirect_uri {
            Some(exact) => Loopback::bind_exact(exact).await?,
            None => Loopback::bind().await?,
        };
        let redirect_uri = listener.redirect_uri();
        let (url, state, verifier) = oauth::authorization_url(
            &discovered.endpoints,
            &client_id,
            &redirect_uri,
            &discovered.scopes_for_sign_in(&args.scopes),
        )?;
        match open_browser(url.as_str()) {
            Ok(()) => ctx.out.status(&format!(
                "Opening your browser to sign in. If it does not open, visit:\n\n  {url}\n"
            )),
            Err(e) => ctx.out.status(&format!(
                "Could not open a browser ({e}). Open this URL to sign in:\n\n  {url}\n"
            )),
        }
        ctx.out.status(&format!(
            "Waiting for the sign-in to finish (up to {} s)…",
            args.timeout
        ));
        let code = listener
            .wait_for_code(&state, Duration::from_secs(args.timeout))
            .await?;
        (code, verifier, redirect_uri)
    };
    // A confidential client (a marketplace app) authenticates the code exchange, and later
    // refreshes, with its secret; a public client (the CLI's own) relies on PKCE alone.
    let method = secret.as_ref().map(|_| ClientAuthMethod::ClientSecretBasic);
    let who = ClientIdentity {
        client_id: &client_id,
        secret: secret.as_ref(),
        method: method.unwrap_or(ClientAuthMethod::ClientSecretPost),
    };
    let credential = oauth::exchange_code(
        ctx.http()?,
        &discovered.endpoints,
        &who,
        &code,
        verifier,
        &redirect_uri,
    )
    .await?;
    Ok(SignedIn {
        auth: AuthKind::AuthorizationCode,
        client_id: Some(client_id),
        method,
        endpoints: Some(discovered.endpoints),
        credential,
    })
}

/// A pasted redirect URL (checked like the loopback callback) or a bare code.
/// One line of stdin as a secret (the rest of stdin is left for what follows).
fn first_line_secret(what: &str) -> Result<crate::secret::Secret> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .take(16 * 1024)
        .read_line(&mut line)
        .map_err(|e| Error::usage(format!("cannot read the {what} from stdin: {e}")))?;
    let line = line.trim();
    if line.is_empty() {
        return Err(Error::usage(format!("no {what} on stdin"))
            .with_hint("put it on the first line of stdin; the pasted code follows on the next"));
    }
    Ok(crate::secret::Secret::new(line.to_string()))
}

fn pasted_code(pasted: &str, expected_state: &str) -> Result<String> {
    if pasted.is_empty() {
        return Err(Error::usage("nothing was pasted")
            .with_hint("paste the code shown by the browser, or the URL it was sent to"));
    }
    let Ok(url) = url::Url::parse(pasted) else {
        return Ok(pasted.to_string());
    };
    if url.scheme() == "urn" {
        return Ok(pasted.to_string());
    }
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    if param("state").as_deref() != Some(expected_state) {
        return Err(Error::auth(
            "the pasted URL's state does not match this login attempt; nothing was saved",
        )
        .with_hint("paste the URL from this sign-in, or run `svcacct login --no-browser` again"));
    }
    if let Some(error) = param("error") {
        let detail = param("error_description")
            .map(|d| format!(": {d}"))
            .unwrap_or_default();
        return Err(
            Error::auth(format!("authorization failed: {error}{detail}"))
                .with_hint("run `svcacct login` again"),
        );
    }
    param("code").ok_or_else(|| {
        Error::usage("the pasted URL has no code parameter")
            .with_hint("paste the URL the browser was sent to after approving")
    })
}

#[cfg(test)]
mod tests {
    use super::pasted_code;

    #[test]
    fn pasted_input_forms() {
        assert_eq!(pasted_code("sbc_abc", "s").unwrap(), "sbc_abc");
        assert_eq!(
            pasted_code("http://127.0.0.1:9/callback?code=c1&state=s", "s").unwrap(),
            "c1"
        );
        assert!(pasted_code("http://127.0.0.1:9/callback?code=c1&state=other", "s").is_err());
        assert!(
            pasted_code(
                "http://127.0.0.1:9/callback?error=access_denied&state=s",
                "s"
            )
            .is_err()
        );
        assert!(pasted_code("", "s").is_err());
    }
}
