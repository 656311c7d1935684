//! Issue 12, secretless CI: a service account trusts an outside issuer, and `svcacct token`
//! mints with that issuer's OpenID token (RFC 7523 client assertion) instead of a secret.
//! The issuer here is a test server on 127.0.0.1 (OpenID discovery + JWKS) with ES256 keys
//! made in the test; GitHub Actions' token service is a double of its documented interface
//! (`ACTIONS_ID_TOKEN_REQUEST_URL` + `&audience=`, `Authorization: bearer
//! ACTIONS_ID_TOKEN_REQUEST_TOKEN`, answer `{"value": JWT}` — docs.github.com, "About security
//! hardening with OpenID Connect").

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use serde_json::{Value, json};

use crate::doubles::{Double, json_reply};
use crate::harness::*;

const SUBJECT: &str = "repo:acme/erp-sync:ref:refs/heads/main";

/// An ES256 key pair: the PKCS#8 document to sign with, and the public JWK.
struct Key {
    pkcs8: Vec<u8>,
    jwk: Value,
}

impl Key {
    fn new(kid: &str) -> Self {
        let rng = ring::rand::SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .unwrap()
            .as_ref()
            .to_vec();
        let pair =
            EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &pkcs8, &rng).unwrap();
        let point = pair.public_key().as_ref();
        let jwk = json!({
            "kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": kid,
            "x": URL_SAFE_NO_PAD.encode(&point[1..33]),
            "y": URL_SAFE_NO_PAD.encode(&point[33..65]),
        });
        Key { pkcs8, jwk }
    }

    fn sign(&self, claims: &Value) -> String {
        let mut header = Header::new(Algorithm::ES256);
        header.kid = self.jwk["kid"].as_str().map(str::to_string);
        jsonwebtoken::encode(&header, claims, &EncodingKey::from_ec_der(&self.pkcs8)).unwrap()
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// An OpenID issuer on 127.0.0.1 publishing `key`.
struct Issuer {
    double: Double,
    key: Key,
}

impl Issuer {
    fn start() -> Self {
        Self::start_publishing(|jwk| json!({"keys": [jwk]}))
    }

    /// An issuer whose JWK set is `publish` of its key's JWK.
    fn start_publishing(publish: impl Fn(Value) -> Value) -> Self {
        let key = Key::new("ci-key-1");
        let jwks = publish(key.jwk.clone());
        let url: Arc<Mutex<String>> = Arc::default();
        let u = url.clone();
        let double = Double::start(Arc::new(move |req| {
            let base = u.lock().unwrap().clone();
            match req.path.as_str() {
                "/.well-known/openid-configuration" => json_reply(
                    200,
                    json!({"issuer": base, "jwks_uri": format!("{base}/jwks"),
                           "id_token_signing_alg_values_supported": ["ES256"]}),
                ),
                "/jwks" => json_reply(200, jwks.clone()),
                _ => json_reply(404, json!({})),
            }
        }));
        *url.lock().unwrap() = double.url();
        Issuer { double, key }
    }

    fn url(&self) -> String {
        self.double.url()
    }

    /// A token as a CI system issues it: this issuer, `sub`, `aud`, 5 minutes, a fresh jti.
    fn token(&self, aud: &str, extra: Value) -> String {
        let mut claims = json!({
            "iss": self.url(), "sub": SUBJECT, "aud": aud,
            "iat": now(), "nbf": now() - 5, "exp": now() + 300,
            "jti": format!("jti-{:x}", rand::random::<u64>()),
            "repository": "acme/erp-sync", "environment": "production",
        });
        for (k, v) in extra.as_object().unwrap() {
            claims[k] = v.clone();
        }
        self.key.sign(&claims)
    }
}

/// The client-credentials grant with `assertion` (RFC 7523), straight at the token endpoint.
fn assertion_grant(sb: &Sandbox, client_id: &str, assertion: &str) -> (u16, String) {
    curl(&[
        "-d",
        "grant_type=client_credentials",
        "-d",
        &format!("client_id={client_id}"),
        "-d",
        "client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "--data-urlencode",
        &format!("client_assertion={assertion}"),
        &format!("{}/oauth/token", sb.url()),
    ])
}

fn test_verdict(m: &Machine, dir: &std::path::Path, id: &str, assertion: &str) -> Run {
    let path = dir.join(format!("a-{:x}.jwt", rand::random::<u32>()));
    std::fs::write(&path, assertion).unwrap();
    m.run(&[
        "sa",
        "federation",
        "test",
        id,
        "--assertion-file",
        path.to_str().unwrap(),
    ])
}

#[test]
fn federated_service_account_mints_without_a_secret() {
    let sb = Sandbox::start();
    let issuer = Issuer::start();
    let owner = sb.bootstrap().user("owner").clone();
    let (admin, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let created = create_service_account(&admin, "ERP sync (CI)", "erp-ci@acme.example", &[]);
    let id = created["id"].as_i64().unwrap().to_string();
    let client_id = created["client_id"].as_str().unwrap().to_string();
    let added = admin
        .run(&[
            "sa",
            "federation",
            "add",
            &id,
            "--issuer",
            &issuer.url(),
            "--subject",
            SUBJECT,
            "--claim",
            "environment=production",
            "--json",
        ])
        .ok();
    let fed: Value = serde_json::from_str(&added.stdout).unwrap();
    assert_eq!(
        fed["audience"],
        sb.url(),
        "the default audience is the API URL"
    );
    // Plain http only on loopback; a reserved claim cannot be a matcher.
    admin
        .run(&[
            "sa",
            "federation",
            "add",
            &id,
            "--issuer",
            "http://issuer.example.com",
            "--subject",
            SUBJECT,
        ])
        .fails_with(2)
        .one_line_error("http");
    admin
        .run(&[
            "sa",
            "federation",
            "add",
            &id,
            "--issuer",
            &issuer.url(),
            "--subject",
            SUBJECT,
            "--claim",
            "aud=x",
        ])
        .fails_with(2);
    let list = admin.run(&["sa", "federation", "list", &id]).ok();
    assert!(list.stdout.contains(SUBJECT), "{}", list.stdout);

    // `svcacct token` in a CI job: client id and an assertion file, no secret anywhere.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("id-token.jwt");
    let first = issuer.token(&sb.url(), json!({}));
    std::fs::write(&file, &first).unwrap();
    let mut ci = Machine::new();
    ci.set("SVCACCT_API_URL", sb.url())
        .set("SVCACCT_CLIENT_ID", &client_id)
        .set("SVCACCT_CLIENT_ASSERTION_FILE", file.to_str().unwrap());
    let run = ci.run(&["token", "-vv"]).ok();
    let token = run.stdout.trim().to_string();
    assert!(
        run.stderr.contains("client_assertion=[redacted]"),
        "{}",
        run.stderr
    );
    assert_no_secret(&run.all().replace(&token, ""), &[&first]);
    let (status, me) = api(&token, "GET", &format!("{}/api/v1/me", sb.url()), None);
    assert_eq!(status, 200);
    assert_eq!(
        me["email"], created["email"],
        "acts as the service account: {me}"
    );
    assert_eq!(me["kind"], "service_account");
    // Cached like any other token: no second request.
    let mints = sb.token_requests("client_credentials");
    assert_eq!(ci.run(&["token"]).ok().stdout.trim(), token);
    assert_eq!(sb.token_requests("client_credentials"), mints);
    // The cache is keyed by who the assertion names: another job's assertion (another
    // environment) does not get this token; it is checked, and refused.
    let staging = dir.path().join("staging.jwt");
    std::fs::write(
        &staging,
        issuer.token(&sb.url(), json!({"environment": "staging"})),
    )
    .unwrap();
    ci.set("SVCACCT_CLIENT_ASSERTION_FILE", staging.to_str().unwrap());
    let refused = ci.run(&["token"]);
    refused.fails_with(4);
    assert!(refused.stderr.contains("environment"), "{}", refused.stderr);
    ci.set("SVCACCT_CLIENT_ASSERTION_FILE", file.to_str().unwrap());
    // Not in a child's environment either.
    // (The token itself is meant for the child; the assertion is not.)
    // Nor the variables that made the token (issue 17): the child gets the token alone.
    let env = ci
        .run(&["exec", "--", "sh", "-c", "env | grep -v '^SVCACCT_TOKEN='"])
        .ok();
    assert!(!env.stdout.contains("SVCACCT_CLIENT_ID="), "{}", env.stdout);
    assert!(
        !env.stdout.contains("SVCACCT_CLIENT_ASSERTION_FILE="),
        "{}",
        env.stdout
    );
    assert!(env.stdout.contains("SVCACCT_API_URL="), "{}", env.stdout);
    assert_no_secret(&env.stdout, &[&first]);

    // The file is read again on every mint (CI systems rotate it): once the token expires,
    // the next mint uses the new file — the old assertion, already used, would be refused.
    let second = issuer.token(&sb.url(), json!({}));
    std::fs::write(&file, &second).unwrap();
    sb.running().set_token_ttl(2);
    let mut ci2 = {
        let mut m = Machine::new();
        m.set("SVCACCT_API_URL", sb.url())
            .set("SVCACCT_CLIENT_ID", &client_id)
            .set("SVCACCT_CLIENT_ASSERTION_FILE", file.to_str().unwrap());
        m
    };
    let short = ci2.run(&["token"]).ok().stdout.trim().to_string();
    ci2.advance_clock(2); // the 2 s token has expired for the CLI
    let third = issuer.token(&sb.url(), json!({}));
    std::fs::write(&file, &third).unwrap();
    let renewed = ci2.run(&["token"]).ok().stdout.trim().to_string();
    assert_ne!(short, renewed, "re-minted from the rewritten file");
    sb.running().set_token_ttl(3600);

    // A replayed assertion is refused at the token endpoint, naming jti.
    let (code, body) = curl(&[
        "-d",
        "grant_type=client_credentials",
        "-d",
        &format!("client_id={client_id}"),
        "-d",
        "client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "--data-urlencode",
        &format!("client_assertion={first}"),
        &format!("{}/oauth/token", sb.url()),
    ]);
    assert_eq!(code, 401, "{body}");
    assert!(body.contains("jti"), "{body}");
    assert!(!body.contains(&first), "never echoes the token");

    // Each wrong assertion is refused with the check that failed (federation test: exit 4).
    let other = Key::new("ci-key-1");
    let forged = {
        let mut claims: Value = serde_json::from_slice(
            &URL_SAFE_NO_PAD
                .decode(
                    issuer
                        .token(&sb.url(), json!({}))
                        .split('.')
                        .nth(1)
                        .unwrap(),
                )
                .unwrap(),
        )
        .unwrap();
        claims["jti"] = json!("forged");
        other.sign(&claims)
    };
    let stranger = Issuer::start();
    let cases = [
        (
            issuer.token("https://api.elsewhere.example", json!({})),
            "aud",
        ),
        (
            issuer.token(
                &sb.url(),
                json!({"sub": "repo:acme/erp-sync:ref:refs/heads/dev"}),
            ),
            "sub",
        ),
        (
            issuer.token(
                &sb.url(),
                json!({"exp": now() - 120, "iat": now() - 600, "nbf": now() - 600}),
            ),
            "exp",
        ),
        (
            issuer.token(&sb.url(), json!({"environment": "staging"})),
            "environment",
        ),
        (forged, "signature"),
        (stranger.token(&sb.url(), json!({})), "not trusted"),
    ];
    for (assertion, reason) in &cases {
        let run = test_verdict(&admin, dir.path(), &id, assertion);
        run.fails_with(4);
        assert!(run.all().contains(reason), "{reason}: {}", run.all());
        assert_no_secret(&run.all(), &[assertion]);
        // And the token endpoint refuses it the same way.
        let mut m = Machine::new();
        let f = dir.path().join("case.jwt");
        std::fs::write(&f, assertion).unwrap();
        m.set("SVCACCT_API_URL", sb.url())
            .set("SVCACCT_CLIENT_ID", &client_id)
            .set("SVCACCT_CLIENT_ASSERTION_FILE", f.to_str().unwrap());
        let refused = m.run(&["token"]);
        refused.fails_with(4);
        assert!(
            refused.stderr.contains(reason),
            "{reason}: {}",
            refused.stderr
        );
        // The public token endpoint names the check, never what the federation expects.
        for expected in [SUBJECT, "\"production\"", "expects"] {
            assert!(
                !refused.stderr.contains(expected),
                "{reason}: {}",
                refused.stderr
            );
        }
        assert_no_secret(&refused.all(), &[assertion]);
    }
    let good = test_verdict(&admin, dir.path(), &id, &issuer.token(&sb.url(), json!({}))).ok();
    assert!(good.stdout.contains("accepted"), "{}", good.stdout);
    // A federation belongs to its account: another account of the same company, trusting
    // nothing, does not mint with an assertion this one accepts.
    let other = create_service_account(&admin, "No federation", "nofed@acme.example", &[]);
    let other_file = dir.path().join("other.jwt");
    std::fs::write(&other_file, issuer.token(&sb.url(), json!({}))).unwrap();
    let mut stranger_job = Machine::new();
    stranger_job
        .set("SVCACCT_API_URL", sb.url())
        .set("SVCACCT_CLIENT_ID", other["client_id"].as_str().unwrap())
        .set(
            "SVCACCT_CLIENT_ASSERTION_FILE",
            other_file.to_str().unwrap(),
        );
    let refused = stranger_job.run(&["token"]);
    refused.fails_with(4);
    assert!(
        refused.stderr.contains("no federation"),
        "{}",
        refused.stderr
    );

    // Removing the federation stops it.
    admin
        .run(&["sa", "federation", "remove", &id, &fed["id"].to_string()])
        .ok();
    test_verdict(&admin, dir.path(), &id, &issuer.token(&sb.url(), json!({}))).fails_with(4);
    // … and the tokens minted through it stop.
    let (status, _) = api(&token, "GET", &format!("{}/api/v1/me", sb.url()), None);
    assert_eq!(status, 401, "a token minted through a removed federation");
}

#[test]
fn github_actions_id_token_is_the_assertion() {
    let sb = Sandbox::start();
    let issuer = Arc::new(Issuer::start());
    let owner = sb.bootstrap().user("owner").clone();
    let (admin, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let created = create_service_account(&admin, "Deploy (GitHub)", "deploy-gh@acme.example", &[]);
    let id = created["id"].as_i64().unwrap().to_string();
    let client_id = created["client_id"].as_str().unwrap().to_string();
    admin
        .run(&[
            "sa",
            "federation",
            "add",
            &id,
            "--issuer",
            &issuer.url(),
            "--subject",
            SUBJECT,
        ])
        .ok();
    // GitHub's token service: checks the request token, issues for the asked audience.
    let request_token = "ghrt_5f0e2c9a7b";
    let iss = issuer.clone();
    let github = Double::start(Arc::new(move |req| {
        if req.header("authorization") != Some(&format!("bearer {request_token}"))
            && req.header("authorization") != Some(&format!("Bearer {request_token}"))
        {
            return json_reply(401, json!({"message": "bad request token"}));
        }
        let aud = req
            .query_pairs()
            .get("audience")
            .cloned()
            .unwrap_or_default();
        json_reply(
            200,
            json!({"count": 1, "value": iss.token(&aud, json!({}))}),
        )
    }));
    let mut ci = Machine::new();
    ci.set("SVCACCT_API_URL", sb.url())
        .set("SVCACCT_CLIENT_ID", &client_id)
        .set(
            "ACTIONS_ID_TOKEN_REQUEST_URL",
            format!("{}/token?api-version=2.0", github.url()),
        )
        .set("ACTIONS_ID_TOKEN_REQUEST_TOKEN", request_token);
    let run = ci.run(&["token", "-vv"]).ok();
    assert!(run.stdout.trim().starts_with("sba_"), "{}", run.stdout);
    let asked = github.seen().pop().unwrap();
    assert_eq!(
        asked.query_pairs()["audience"],
        sb.url(),
        "the API URL by default"
    );
    assert_eq!(asked.query_pairs()["api-version"], "2.0");
    assert!(!run.stderr.contains(request_token), "{}", run.stderr);
    assert!(
        run.stderr.contains("value") && run.stderr.contains("[redacted]"),
        "{}",
        run.stderr
    );
    // SVCACCT_AUDIENCE names another audience: the federation expects the default, so refused.
    let mut elsewhere = Machine::new();
    elsewhere
        .set("SVCACCT_API_URL", sb.url())
        .set("SVCACCT_CLIENT_ID", &client_id)
        .set("SVCACCT_AUDIENCE", "https://api.elsewhere.example")
        .set(
            "ACTIONS_ID_TOKEN_REQUEST_URL",
            format!("{}/token?api-version=2.0", github.url()),
        )
        .set("ACTIONS_ID_TOKEN_REQUEST_TOKEN", request_token);
    let refused = elsewhere.run(&["token"]);
    refused.fails_with(4);
    assert!(refused.stderr.contains("aud"), "{}", refused.stderr);
    // Without the id-token permission GitHub answers 401/403: said so.
    let mut no_perm = Machine::new();
    no_perm
        .set("SVCACCT_API_URL", sb.url())
        .set("SVCACCT_CLIENT_ID", &client_id)
        .set(
            "ACTIONS_ID_TOKEN_REQUEST_URL",
            format!("{}/token", github.url()),
        )
        .set("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "wrong");
    let denied = no_perm.run(&["token"]);
    denied.fails_with(4);
    assert!(
        denied.stderr.contains("id-token: write"),
        "{}",
        denied.stderr
    );
}

/// A CI container has no keychain: the federated token is cached in a private file, shared by
/// concurrent processes under one lock — 5 parallel `svcacct token`, one token request, one
/// token (each assertion is accepted once, so without the cache 4 of 5 failed).
#[test]
fn federated_ci_without_a_keychain_shares_one_token() {
    let sb = Sandbox::start();
    let issuer = Issuer::start();
    let owner = sb.bootstrap().user("owner").clone();
    let (admin, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let created = create_service_account(&admin, "ERP sync (CI)", "erp-ci@acme.example", &[]);
    let id = created["id"].as_i64().unwrap().to_string();
    let client_id = created["client_id"].as_str().unwrap().to_string();
    admin
        .run(&[
            "sa",
            "federation",
            "add",
            &id,
            "--issuer",
            &issuer.url(),
            "--subject",
            SUBJECT,
        ])
        .ok();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("id-token.jwt");
    std::fs::write(&file, issuer.token(&sb.url(), json!({}))).unwrap();
    let mut ci = Machine::new();
    ci.set("SVCACCT_API_URL", sb.url())
        .set("SVCACCT_CLIENT_ID", &client_id)
        .set("SVCACCT_CLIENT_ASSERTION_FILE", file.to_str().unwrap())
        .set("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .set("SVCACCT_TEST_NO_KEYCTL", "1");
    let before = sb.token_requests("client_credentials");
    let children: Vec<_> = (0..5)
        .map(|_| {
            ci.command(&["token"])
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let tokens: Vec<String> = children
        .into_iter()
        .map(|c| {
            let out = wait_bounded(c, std::time::Duration::from_secs(60));
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap().trim().to_string()
        })
        .collect();
    assert!(tokens.iter().all(|t| t == &tokens[0]), "{tokens:?}");
    assert_eq!(sb.token_requests("client_credentials") - before, 1);
    // The job's next command: the same token, from the file cache.
    assert_eq!(ci.run(&["token"]).ok().stdout.trim(), tokens[0]);
    let cache = ci.home.path().join(".cache/svcacct/tokens");
    let files: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(files.len(), 1, "one cache file in {}", cache.display());
}

/// Issue 19: key fetches cannot be multiplied. 20 parallel token requests whose `kid` the
/// issuer does not publish make one discovery and one key fetch at most after the first
/// (the old code: 40); an issuer that is down is not asked again for every request; and an
/// account trusts at most 20 federations.
#[test]
fn key_fetches_are_single_flight_cached_and_bounded() {
    let sb = Sandbox::start();
    let issuer = Issuer::start();
    let owner = sb.bootstrap().user("owner").clone();
    let (admin, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let created = create_service_account(&admin, "ERP sync (CI)", "erp-ci@acme.example", &[]);
    let id = created["id"].as_i64().unwrap().to_string();
    let client_id = created["client_id"].as_str().unwrap().to_string();
    admin
        .run(&[
            "sa",
            "federation",
            "add",
            &id,
            "--issuer",
            &issuer.url(),
            "--subject",
            SUBJECT,
        ])
        .ok();
    let post = |assertion: &str| assertion_grant(&sb, &client_id, assertion);
    // A key the issuer does not publish.
    let unknown = Key::new("not-published");
    let assertions: Vec<String> = (0..20)
        .map(|_| {
            let mut claims = json!({"iss": issuer.url(), "sub": SUBJECT, "aud": sb.url(),
                "iat": now(), "exp": now() + 300,
                "jti": format!("jti-{:x}", rand::random::<u64>())});
            claims["nbf"] = json!(now() - 5);
            unknown.sign(&claims)
        })
        .collect();
    std::thread::scope(|scope| {
        let threads: Vec<_> = assertions
            .iter()
            .map(|a| scope.spawn(|| post(a).0))
            .collect();
        for t in threads {
            assert_eq!(t.join().unwrap(), 401);
        }
    });
    let fetches = issuer.double.seen_at("/jwks").len();
    assert!(fetches <= 2, "{fetches} key fetches for 20 requests");

    // An issuer that is down: asked once, then not again for a while.
    let down = Double::start(Arc::new(|_: &crate::doubles::Seen| {
        json_reply(503, json!({}))
    }));
    let other = create_service_account(&admin, "Down", "down@acme.example", &[]);
    let other_id = other["id"].as_i64().unwrap().to_string();
    let other_client = other["client_id"].as_str().unwrap().to_string();
    admin
        .run(&[
            "sa",
            "federation",
            "add",
            &other_id,
            "--issuer",
            &down.url(),
            "--subject",
            SUBJECT,
        ])
        .ok();
    for _ in 0..10 {
        let claims = json!({"iss": down.url(), "sub": SUBJECT, "aud": sb.url(),
            "iat": now(), "nbf": now() - 5, "exp": now() + 300,
            "jti": format!("jti-{:x}", rand::random::<u64>())});
        let (status, _) = assertion_grant(&sb, &other_client, &unknown.sign(&claims));
        assert_eq!(status, 401);
    }
    assert_eq!(down.seen().len(), 1, "a failed fetch is remembered");

    // 20 federations per account at most.
    for n in 1..20 {
        admin
            .run(&[
                "sa",
                "federation",
                "add",
                &id,
                "--issuer",
                &issuer.url(),
                "--subject",
                &format!("repo:acme/other-{n}:ref:refs/heads/main"),
            ])
            .ok();
    }
    admin
        .run(&[
            "sa",
            "federation",
            "add",
            &id,
            "--issuer",
            &issuer.url(),
            "--subject",
            "one-too-many",
        ])
        .fails_with(2)
        .one_line_error("at most 20");
}

/// Issue 19: JOSE strictness — a time claim that is not a number, a `crit` header, and an
/// algorithm other than the one the key is published for are refused; the public token
/// endpoint says the same for "no federation" and "another issuer"; and retiring a rotated
/// secret leaves the tokens of a federation alone.
#[test]
fn strict_assertions_generic_refusals_and_rotation_leaves_federated_tokens() {
    let sb = Sandbox::start();
    // The key is published for ES384, and the assertions are ES256.
    let es384 = Issuer::start_publishing(|mut jwk| {
        jwk["alg"] = json!("ES384");
        json!({"keys": [jwk]})
    });
    let issuer = Issuer::start();
    let owner = sb.bootstrap().user("owner").clone();
    let (admin, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let created = create_service_account(&admin, "ERP sync (CI)", "erp-ci@acme.example", &[]);
    let id = created["id"].as_i64().unwrap().to_string();
    let client_id = created["client_id"].as_str().unwrap().to_string();
    for i in [&issuer, &es384] {
        admin
            .run(&[
                "sa",
                "federation",
                "add",
                &id,
                "--issuer",
                &i.url(),
                "--subject",
                SUBJECT,
            ])
            .ok();
    }
    let post = |assertion: &str| assertion_grant(&sb, &client_id, assertion);
    let (status, body) = post(&issuer.token(&sb.url(), json!({"nbf": "soon"})));
    assert_eq!(status, 401);
    assert!(body.contains("nbf"), "{body}");
    let crit = {
        let mut header = Header::new(Algorithm::ES256);
        header.kid = Some("ci-key-1".into());
        let text = jsonwebtoken::encode(
            &header,
            &json!({"iss": issuer.url(), "sub": SUBJECT, "aud": sb.url(), "iat": now(),
                    "exp": now() + 300, "jti": "crit-1"}),
            &EncodingKey::from_ec_der(&issuer.key.pkcs8),
        )
        .unwrap();
        // Re-sign with a header that carries `crit` (jsonwebtoken's Header has no field).
        let header = URL_SAFE_NO_PAD.encode(
            json!({"alg": "ES256", "kid": "ci-key-1", "crit": ["exp"], "exp": 1}).to_string(),
        );
        let payload = text.split('.').nth(1).unwrap();
        let signing_input = format!("{header}.{payload}");
        let rng = ring::rand::SystemRandom::new();
        let pair =
            EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &issuer.key.pkcs8, &rng)
                .unwrap();
        let sig = pair.sign(&rng, signing_input.as_bytes()).unwrap();
        format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(sig.as_ref()))
    };
    let (status, body) = post(&crit);
    assert_eq!(status, 401);
    assert!(body.contains("crit"), "{body}");
    let (status, body) = post(&es384.token(&sb.url(), json!({})));
    assert_eq!(status, 401);
    assert!(body.contains("alg"), "{body}");
    // The public endpoint: the same words for an untrusted issuer and for no federation.
    let stranger = Issuer::start();
    let (_, untrusted) = post(&stranger.token(&sb.url(), json!({})));
    let lone = create_service_account(&admin, "Lone", "lone@acme.example", &[]);
    let (_, none) = assertion_grant(
        &sb,
        lone["client_id"].as_str().unwrap(),
        &issuer.token(&sb.url(), json!({})),
    );
    let description =
        |b: &str| serde_json::from_str::<Value>(b).unwrap()["error_description"].clone();
    assert_eq!(
        description(&untrusted),
        description(&none),
        "{untrusted} / {none}"
    );

    // A federated token survives the retirement of a rotated secret; the old secret's dies.
    let (status, body) = post(&issuer.token(&sb.url(), json!({})));
    assert_eq!(status, 200, "{body}");
    let federated = serde_json::from_str::<Value>(&body).unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let secret = created["client_secret"].as_str().unwrap();
    let old = client_credentials_token(&sb, &client_id, secret, &[]).unwrap();
    admin.run(&["sa", "rotate-secret", &id, "--json"]).ok();
    admin
        .run(&["sa", "rotate-secret", &id, "--finish", "--force"])
        .ok();
    let me = |t: &str| api(t, "GET", &format!("{}/api/v1/me", sb.url()), None).0;
    assert_eq!(me(&old), 401, "the retired secret's token is revoked");
    assert_eq!(me(&federated), 200, "the federation's token is not");
}
