//! `svcacct login`: browser (authorization code + PKCE on a loopback listener), paste-the-code,
//! client credentials, or a personal access token from stdin.

use std::time::Duration;

use crate::api::Api;
use crate::api::models::Me;

use crate::config::{AuthKind, ClientAuthMethod, Endpoints, Profile, StorageKind};
use crate::context::Context;
use crate::credentials::profiles;
use crate::credentials::session::env_secret;
use crate::credentials::store::StoredCredential;
use crate::error::{Error, ErrorKind, Result};
use crate::oauth::loopback::{Loopback, open_browser};
use crate::oauth::{self, ClientIdentity, EndpointOverrides};
use crate::providers::{IdentityProbe, Provider};
use crate::secret::Secret;
use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AuthMethodArg {
    /// HTTP Basic (client_secret_basic)
    Basic,
    /// In the form body (client_secret_post)
    Post,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// A platform preset: its endpoints, redirect rules, token header and rate limits, so no
    /// endpoint flag is needed (default: discovery from --api; kept in the profile)
    #[arg(long, value_enum, value_name = "PROVIDER")]
    pub provider: Option<crate::providers::Provider>,
    /// Use the client credentials grant (a service account) instead of the browser
    #[arg(long, requires = "client_id", conflicts_with_all = ["with_token", "no_browser"])]
    pub client_credentials: bool,
    /// OAuth client id (default for browser login: svcacct-cli)
    #[arg(long, env = "SVCACCT_CLIENT_ID", value_name = "ID")]
    pub client_id: Option<String>,
    /// Read the client secret from stdin (client credentials: else SVCACCT_CLIENT_SECRET, else a
    /// hidden prompt; browser login: for confidential clients such as Procore or marketplace
    /// apps, else SVCACCT_CLIENT_SECRET; with --no-browser the first line, the code after it)
    #[arg(long)]
    pub client_secret_stdin: bool,
    /// How to send the client secret to the token endpoint (default: what the server supports, basic first)
    #[arg(long, value_enum, value_name = "METHOD")]
    pub auth_method: Option<AuthMethodArg>,
    /// Store a personal access token read from stdin
    #[arg(long, conflicts_with_all = ["no_browser", "client_secret_stdin"])]
    pub with_token: bool,
    /// Print the sign-in URL and read the pasted redirect URL or code from stdin
    #[arg(long, conflicts_with = "device")]
    pub no_browser: bool,
    /// Sign in with a code entered on any device (RFC 8628 device flow): for SSH sessions and
    /// containers. Without a flag, login picks: loopback on a desktop, the device flow over SSH
    /// or without a display (where offered), else paste-the-code
    #[arg(long, conflicts_with_all = ["redirect_uri", "client_credentials", "with_token"])]
    pub device: bool,
    /// The registered redirect URI: with --no-browser the one the provider shows the code on
    /// (default urn:ietf:wg:oauth:2.0:oob); for a browser sign-in an exact
    /// http://localhost:PORT/PATH, listened on at that port and path (default: any free port)
    #[arg(long, value_name = "URI")]
    pub redirect_uri: Option<String>,
    /// OAuth scope to request (repeatable)
    #[arg(long = "scope", value_name = "SCOPE")]
    pub scopes: Vec<String>,
    /// Authorization endpoint, for providers without RFC 8414 metadata
    #[arg(long, value_name = "URL")]
    pub authorize_url: Option<String>,
    /// Token endpoint, for providers without RFC 8414 metadata
    #[arg(long, value_name = "URL")]
    pub token_url: Option<String>,
    /// Revocation endpoint (RFC 7009), for providers without RFC 8414 metadata
    #[arg(long, value_name = "URL")]
    pub revocation_url: Option<String>,
    /// Keep credentials in a plaintext 0600 file instead of the OS keychain
    #[arg(long)]
    pub insecure_storage: bool,
    /// Seconds to wait for the browser sign-in (default 300), or at most for a device code's
    /// approval (default: the code's own lifetime)
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<u64>,
}

const DEFAULT_CLI_CLIENT: &str = "svcacct-cli";
const OOB: &str = "urn:ietf:wg:oauth:2.0:oob";
/// How long a browser sign-in is waited for unless --timeout says.
const BROWSER_WAIT: u64 = 300;

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
    let old = config.profiles.get(&name);
    // The preset asked for, else the one the profile already has (a re-login stays Procore).
    let provider = args.provider.or_else(|| {
        old.and_then(|p| p.provider)
            .filter(|_| ctx.settings.api.is_none())
    });
    let api = match (&ctx.settings.api, provider.and_then(Provider::default_api)) {
        (None, Some(default)) if old.and_then(|p| p.provider) != provider => {
            crate::http::client::parse_base_url(default, "the provider's API URL")?
        }
        _ => ctx.api_url(old)?,
    };
    let preset = provider.unwrap_or_default();
    preset.check_api(&api)?;
    let company = ctx.settings.company;
    preset.check_sign_in(args.with_token, company)?;
    let fixed = preset.fixed_endpoints(&api).unwrap_or_default();
    let overrides = EndpointOverrides {
        authorize_url: args
            .authorize_url
            .clone()
            .or(fixed.authorization_endpoint.clone()),
        token_url: args
            .token_url
            .clone()
            .or_else(|| (!fixed.token_endpoint.is_empty()).then(|| fixed.token_endpoint.clone())),
        revocation_url: args
            .revocation_url
            .clone()
            .or(fixed.revocation_endpoint.clone()),
    };
    // Where the credentials will be kept is decided — and checked — before any sign-in
    // starts: a headless box without a keychain hears so now, not after a finished sign-in.
    let storage = if args.insecure_storage {
        StorageKind::InsecureFile
    } else {
        StorageKind::Keyring
    };
    profiles::store_for(ctx, storage, &name, api.as_str()).check_usable()?;
    let signed_in = if args.with_token {
        with_token(ctx)?
    } else if args.client_credentials {
        client_credentials(ctx, args, preset, &api, &overrides).await?
    } else {
        authorization_code(ctx, args, preset, &api, &overrides).await?
    };
    let token = signed_in
        .credential
        .access_token
        .clone()
        .expect("every sign-in yields an access token");
    // The check call counts against the profile's request budget like any other.
    ctx.pace_as(preset, &name)?;
    let me = identify(ctx, preset, &api, &token, company).await?;

    // Secrets first, then the config: a failure leaves the old profile as it was — and the
    // tokens just issued, which nothing keeps, are revoked.
    let profile = Profile {
        api_url: api.to_string(),
        auth: signed_in.auth,
        client_id: signed_in.client_id.clone(),
        client_auth_method: signed_in.method,
        storage,
        endpoints: signed_in.endpoints.clone(),
        user: me.as_ref().map(|m| m.login.clone()),
        company_id: company.or(me.as_ref().and_then(|m| m.company_id)),
        provider,
    };
    let issued = profile.clone();
    let store = match profiles::save(ctx, &name, profile, &signed_in.credential, old) {
        Ok(store) => store,
        Err(e) => {
            let _ = crate::credentials::session::revoke_stored(ctx, &issued, &signed_in.credential)
                .await;
            return Err(e);
        }
    };
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

/// Who the new credentials act as, for the profile (display only).
struct Identity {
    login: String,
    name: String,
    company_id: Option<i64>,
}

/// Check the new token with one cheap call before anything is stored, and learn who it acts
/// as where the platform says: `GET /api/v1/me` (svcacct), `GET /rest/v1.0/me` (Procore),
/// `GET /{customer}/projects?pagesize=1` (PlanRadar: the key works for that customer). A
/// platform without such an endpoint (a plain OAuth provider) is fine; a rejected token is
/// not, and nothing is stored then.
async fn identify(
    ctx: &Context,
    preset: Provider,
    api: &url::Url,
    token: &Secret,
    company: Option<i64>,
) -> Result<Option<Identity>> {
    let auth = crate::credentials::session::auth_for(preset, token.clone(), company)?;
    let client = Api::with_auth(ctx.http()?, api.clone(), auth);
    let probe = preset.identity_probe();
    let found = match probe {
        IdentityProbe::ProcoreMe => client.procore_me().await.map(|me| Identity {
            login: me.login,
            name: me.name,
            company_id: None,
        }),
        IdentityProbe::PlanradarCustomer => {
            let customer = company.expect("checked before signing in");
            client
                .raw(
                    reqwest::Method::GET,
                    &format!("/{customer}/projects?pagesize=1"),
                    Default::default(),
                    None,
                )
                .await
                .and_then(|resp| {
                    if resp.status.is_success() {
                        Ok(Identity {
                            login: format!("customer {customer}"),
                            name: "PlanRadar personal access token".to_string(),
                            company_id: Some(customer),
                        })
                    } else {
                        Err(crate::api::error_from(&resp))
                    }
                })
        }
        IdentityProbe::Me => client.me().await.map(|me: Me| Identity {
            login: me.login,
            name: me.name,
            company_id: Some(me.company_id),
        }),
    };
    match found {
        Ok(me) => Ok(Some(me)),
        Err(e)
            if e.kind == ErrorKind::Auth
                || (probe.forbidden_means_rejected() && e.kind == ErrorKind::Permission) =>
        {
            Err(Error::auth(format!(
                "the server rejected the new credentials: {}",
                e.message
            ))
            .with_hint("check the token or client; nothing was saved"))
        }
        Err(e) if e.kind == ErrorKind::NotFound && !probe.required() => Ok(None),
        Err(e) if e.kind == ErrorKind::RateLimited => Err(e),
        Err(e) if probe.required() => Err(e.with_hint(
            "check --company (your PlanRadar customer id) and the key; nothing was saved",
        )),
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
    let token = crate::ui::input::secret("personal access token")?;
    Ok(SignedIn {
        auth: AuthKind::PersonalAccessToken,
        client_id: None,
        method: None,
        endpoints: None,
        credential: StoredCredential {
            access_token: Some(token),
            issued_at: Some(crate::clock::now()),
            ..Default::default()
        },
    })
}

fn client_secret(ctx: &Context, args: &LoginArgs, client_id: &str) -> Result<Secret> {
    if args.client_secret_stdin {
        return crate::ui::input::secret("client secret");
    }
    if let Some(secret) = env_secret("SVCACCT_CLIENT_SECRET") {
        return Ok(secret);
    }
    if ctx.out.can_prompt() {
        return crate::ui::input::hidden(&format!("Client secret for {client_id}"));
    }
    Err(
        Error::usage("no client secret given, and there is no terminal to ask for one")
            .with_hint("pipe it with --client-secret-stdin, or set SVCACCT_CLIENT_SECRET"),
    )
}

async fn client_credentials(
    ctx: &Context,
    args: &LoginArgs,
    preset: Provider,
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
    let asked = asked.or(preset.client_auth());
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
    preset: Provider,
    api: &url::Url,
    overrides: &EndpointOverrides,
) -> Result<SignedIn> {
    let client_id = args
        .client_id
        .clone()
        .unwrap_or_else(|| DEFAULT_CLI_CLIENT.to_string());
    let mut discovered = oauth::discover(ctx.http()?, api, overrides, !args.device).await?;
    if preset.wants_openid_scope() && discovered.default_scopes.is_empty() {
        discovered.default_scopes = vec!["openid".to_string()];
    }
    let flow = choose_flow(args, preset, discovered.device_endpoint.is_some())?;
    // A confidential client (a Procore app, a marketplace app) authenticates the code exchange:
    // its secret from stdin (when pasting a code, the first line; the pasted code follows), else
    // SVCACCT_CLIENT_SECRET when the client id was given; never from argv.
    let secret = match (args.client_secret_stdin, flow == Flow::Paste) {
        (true, false) => Some(crate::ui::input::secret("client secret")?),
        (true, true) => Some(first_line_secret("client secret")?),
        (false, _) if preset.needs_client_secret() => {
            let client_id = args.client_id.as_deref().ok_or_else(|| {
                Error::usage(format!(
                    "{} sign-in needs your app's client id",
                    preset.name()
                ))
                .with_hint("pass --client-id ID (the app's client id in the Developer Portal)")
            })?;
            Some(client_secret(ctx, args, client_id)?)
        }
        (false, _) if args.client_id.is_some() => {
            crate::credentials::session::env_secret("SVCACCT_CLIENT_SECRET")
        }
        (false, _) => None,
    };
    if preset.needs_exact_redirect() && flow == Flow::Loopback && args.redirect_uri.is_none() {
        return Err(Error::usage(format!(
            "{} accepts only the redirect URI registered for your app, so a browser sign-in needs it",
            preset.name()
        ))
        .with_hint("pass --redirect-uri http://localhost:PORT/PATH as registered, or use --no-browser (urn:ietf:wg:oauth:2.0:oob)"));
    }
    if flow == Flow::Device {
        let device = discovered
            .device_endpoint
            .clone()
            .expect("chosen only when offered");
        let credential =
            device_flow(ctx, args, &discovered, &device, &client_id, secret.as_ref()).await?;
        return Ok(SignedIn {
            auth: AuthKind::DeviceCode,
            client_id: Some(client_id),
            method: secret.as_ref().map(|_| ClientAuthMethod::ClientSecretBasic),
            endpoints: Some(discovered.endpoints),
            credential,
        });
    }
    let pkce = preset.uses_pkce();
    let (code, verifier, redirect_uri) = if flow == Flow::Paste {
        let redirect_uri = args.redirect_uri.clone().unwrap_or_else(|| OOB.to_string());
        let (url, state, verifier) = oauth::authorization_url(
            &discovered.endpoints,
            &client_id,
            &redirect_uri,
            &discovered.scopes_for_sign_in(&args.scopes),
            pkce,
        )?;
        ctx.out.status(&format!(
            "Open this URL in a browser, sign in and approve access:\n\n  {url}\n"
        ));
        ctx.out
            .prompt("Paste the code, or the whole URL the browser was sent to: ");
        let line = crate::ui::input::line(16 * 1024, "pasted code")?;
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
            pkce,
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
            args.timeout.unwrap_or(BROWSER_WAIT)
        ));
        let code = listener
            .wait_for_code(
                &state,
                Duration::from_secs(args.timeout.unwrap_or(BROWSER_WAIT)),
            )
            .await?;
        (code, verifier, redirect_uri)
    };
    // A confidential client (a marketplace app) authenticates the code exchange, and later
    // refreshes, with its secret; a public client (the CLI's own) relies on PKCE alone.
    let method = secret.as_ref().map(|_| {
        preset
            .client_auth()
            .unwrap_or(ClientAuthMethod::ClientSecretBasic)
    });
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

/// How a person signs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flow {
    /// A browser on this machine, back to a loopback listener (authorization code + PKCE).
    Loopback,
    /// The device flow (RFC 8628): a code to enter on any device.
    Device,
    /// Open the URL elsewhere, paste the code or the redirected URL.
    Paste,
}

/// Browsers that draw in the terminal: never launched for a sign-in.
fn is_text_browser(browser: &str) -> bool {
    let program = browser.split_whitespace().next().unwrap_or("");
    let name = std::path::Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    matches!(
        name,
        "lynx" | "w3m" | "links" | "links2" | "elinks" | "browsh" | "www-browser" | "carbonyl"
    )
}

/// `--device`, `--no-browser` and `--redirect-uri` decide; else loopback on a desktop session,
/// the device flow over SSH or without a display (when the server offers it), else paste.
fn choose_flow(args: &LoginArgs, preset: Provider, device_offered: bool) -> Result<Flow> {
    let env = |name: &str| crate::settings::nonempty(name).map(str::to_string);
    if args.device {
        if !device_offered {
            return Err(Error::usage(
                "this server offers no device flow (its metadata has no device_authorization_endpoint)",
            )
            .with_hint("sign in with `svcacct login --no-browser` (paste the code) instead"));
        }
        return Ok(Flow::Device);
    }
    if args.no_browser {
        return Ok(Flow::Paste);
    }
    if args.redirect_uri.is_some() {
        return Ok(Flow::Loopback);
    }
    let remote = env("SSH_CONNECTION").is_some() || env("SSH_TTY").is_some();
    let display = cfg!(any(target_os = "macos", target_os = "windows"))
        || env("DISPLAY").is_some()
        || env("WAYLAND_DISPLAY").is_some();
    let desktop = !remote
        && match env("BROWSER") {
            Some(b) => !is_text_browser(&b),
            None => display,
        };
    Ok(if desktop {
        Flow::Loopback
    } else if device_offered && preset.allows_device_flow() {
        Flow::Device
    } else {
        Flow::Paste
    })
}

/// The device authorization grant (RFC 8628): print the code and where to enter it, then poll
/// at the server's interval (slower after `slow_down`) until approved, denied or expired.
/// Ctrl-C stops it (exit 130) with nothing stored.
async fn device_flow(
    ctx: &Context,
    args: &LoginArgs,
    discovered: &oauth::Discovered,
    device_endpoint: &str,
    client_id: &str,
    secret: Option<&Secret>,
) -> Result<StoredCredential> {
    let who = ClientIdentity {
        client_id,
        secret,
        method: ClientAuthMethod::ClientSecretBasic,
    };
    // Listening for Ctrl-C before the code is shown: an early one must not kill the process.
    let mut interrupt = crate::ui::interrupt::Interrupt::install()?;
    let scopes = discovered.scopes_for_sign_in(&args.scopes);
    let started = oauth::device_authorization(ctx.http()?, device_endpoint, &who, &scopes).await?;
    let complete = started
        .verification_uri_complete
        .as_deref()
        .map(|u| format!("\n  (or open {u} to skip typing it)"))
        .unwrap_or_default();
    ctx.out.status(&format!(
        "To sign in, open {} on any device and enter this code:\n\n    {}\n{complete}\n",
        started.verification_uri, started.user_code
    ));
    let lifetime = started
        .expires_in
        .clamp(1, 3600)
        .min(args.timeout.unwrap_or(u64::MAX).max(1));
    ctx.out.status(&format!(
        "Waiting for approval (the code expires in {} min; Ctrl-C to cancel)…",
        lifetime.div_ceil(60)
    ));
    let deadline = std::time::Instant::now() + Duration::from_secs(lifetime);
    let mut interval = Duration::from_secs(started.interval.clamp(1, 60));
    loop {
        if std::time::Instant::now() + interval > deadline {
            return Err(Error::auth(
                "the device code expired before the sign-in was approved; nothing was saved",
            )
            .with_hint("run `svcacct login --device` again and approve sooner"));
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = interrupt.recv() => {
                return Err(Error::new(ErrorKind::Interrupted, "sign-in cancelled; nothing was saved"));
            }
        }
        match oauth::device_poll(
            ctx.http()?,
            &discovered.endpoints,
            &who,
            &started.device_code,
        )
        .await?
        {
            oauth::DevicePoll::Token(cred) => return Ok(cred),
            oauth::DevicePoll::Pending => {}
            oauth::DevicePoll::SlowDown => interval += Duration::from_secs(5),
        }
    }
}

/// A pasted redirect URL (checked like the loopback callback) or a bare code.
/// One line of stdin as a secret (the rest of stdin is left for what follows).
fn first_line_secret(what: &str) -> Result<crate::secret::Secret> {
    let line = crate::ui::input::line(16 * 1024, what)?;
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
