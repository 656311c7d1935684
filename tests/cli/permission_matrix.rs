//! The permission matrix: every operation of the API (read from the OpenAPI document, which
//! other tests keep equal to the router in both directions, so a new route cannot be forgotten)
//! × every kind of principal, each asserted allowed or refused. A principal is allowed when the
//! answer is 2xx (or 409/422: it got past authorization), refused when it is 401, 403 or 404.
//! Every cell gets fresh resources where the operation needs or destroys one.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::harness::*;

const PRINCIPALS: &[&str] = &[
    "owner",    // account owner (also company admin, user manager)
    "admin",    // Admin level on the company Admin tool
    "manager",  // user management, no admin
    "viewer",   // a plain user, no API access
    "pat",      // the owner's personal access token
    "sa",       // a service account with no permissions
    "sa+perms", // a service account with directory: read, documents: read, tickets: standard on project 1
    "dmsa",     // an installed app's service user (SiteSync ERP's manifest)
    "app",      // a marketplace app's user token for the owner (third party, no scope)
    "other",    // the owner of another company
];

/// Who may do each operation (keyed "METHOD /path"). Everyone else must be refused.
fn expectations() -> BTreeMap<&'static str, &'static [&'static str]> {
    const ALL: &[&str] = PRINCIPALS;
    const MEMBERS: &[&str] = &[
        "owner", "admin", "manager", "viewer", "pat", "sa", "sa+perms", "dmsa", "app",
    ];
    const ADMINS: &[&str] = &["owner", "admin", "pat"];
    const OWNERS: &[&str] = &["owner", "pat"];
    const USER_MANAGERS: &[&str] = &["owner", "manager", "pat"];
    const USER_MANAGERS_AND_SELF: &[&str] = &["owner", "manager", "pat", "admin"];
    const PEOPLE_FIRST_PARTY: &[&str] = &["owner", "admin", "manager", "viewer", "pat"];
    const PAT_HOLDERS: &[&str] = &["owner", "admin", "manager", "pat", "other"];
    const DIRECTORY: &[&str] = &[
        "owner", "admin", "manager", "viewer", "pat", "app", "sa+perms", "dmsa",
    ];
    const DOCUMENTS: &[&str] = &["owner", "admin", "pat", "app", "sa+perms", "dmsa"];
    const TICKETS: &[&str] = &["owner", "admin", "pat", "app", "sa+perms"];
    const TICKETS_ADMIN: &[&str] = &["owner", "admin", "pat", "app"];
    let c = "/api/v1/companies/{company_id}";
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    BTreeMap::from([
        ("GET /api/v1/me", ALL),
        ("GET /api/v1/companies", ALL),
        ("GET /api/v1/webhook-events", ALL),
        ("GET /api/v1/apps", ALL),
        (
            "GET /api/v1/me/tokens",
            &["owner", "admin", "manager", "viewer", "pat", "other"][..],
        ),
        ("POST /api/v1/me/tokens", PAT_HOLDERS),
        ("DELETE /api/v1/me/tokens/{id}", PAT_HOLDERS),
        (leak(format!("GET {c}/projects")), MEMBERS),
        (
            leak(format!("GET {c}/projects/{{project_id}}/documents")),
            DOCUMENTS,
        ),
        (leak(format!("GET {c}/service-accounts")), ADMINS),
        (leak(format!("POST {c}/service-accounts")), ADMINS),
        (leak(format!("GET {c}/service-accounts/{{id}}")), ADMINS),
        (leak(format!("PATCH {c}/service-accounts/{{id}}")), ADMINS),
        (leak(format!("DELETE {c}/service-accounts/{{id}}")), ADMINS),
        (
            leak(format!("POST {c}/service-accounts/{{id}}/reset-secret")),
            ADMINS,
        ),
        (
            leak(format!("POST {c}/service-accounts/{{id}}/rotate-secret")),
            ADMINS,
        ),
        (
            leak(format!(
                "POST {c}/service-accounts/{{id}}/rotate-secret/finish"
            )),
            ADMINS,
        ),
        (
            leak(format!("GET {c}/service-accounts/{{id}}/federations")),
            ADMINS,
        ),
        (
            leak(format!("POST {c}/service-accounts/{{id}}/federations")),
            ADMINS,
        ),
        (
            leak(format!("POST {c}/service-accounts/{{id}}/federations/test")),
            ADMINS,
        ),
        (
            leak(format!(
                "DELETE {c}/service-accounts/{{id}}/federations/{{federation_id}}"
            )),
            ADMINS,
        ),
        (leak(format!("GET {c}/users")), DIRECTORY),
        (leak(format!("GET {c}/users/{{id}}")), DIRECTORY),
        (leak(format!("PATCH {c}/users/{{id}}")), USER_MANAGERS),
        // The target is the admin: user managers, and the admin itself (its own tokens).
        (
            leak(format!("GET {c}/users/{{user_id}}/tokens")),
            USER_MANAGERS_AND_SELF,
        ),
        (
            leak(format!("DELETE {c}/users/{{user_id}}/tokens/{{id}}")),
            USER_MANAGERS_AND_SELF,
        ),
        (leak(format!("GET {c}/apps")), PEOPLE_FIRST_PARTY),
        (leak(format!("POST {c}/apps")), PEOPLE_FIRST_PARTY),
        (leak(format!("GET {c}/apps/{{id}}")), PEOPLE_FIRST_PARTY),
        (leak(format!("DELETE {c}/apps/{{id}}")), ADMINS),
        (leak(format!("POST {c}/apps/{{id}}/approve")), ADMINS),
        (leak(format!("POST {c}/apps/{{id}}/deny")), ADMINS),
        (leak(format!("GET {c}/webhooks")), OWNERS),
        (leak(format!("POST {c}/webhooks")), OWNERS),
        (leak(format!("GET {c}/webhooks/{{id}}")), OWNERS),
        (leak(format!("PATCH {c}/webhooks/{{id}}")), OWNERS),
        (leak(format!("DELETE {c}/webhooks/{{id}}")), OWNERS),
        (leak(format!("POST {c}/webhooks/{{id}}/test")), OWNERS),
        (leak(format!("GET {c}/webhooks/{{id}}/deliveries")), OWNERS),
        (
            leak(format!(
                "POST {c}/webhooks/{{id}}/deliveries/{{delivery_id}}/redeliver"
            )),
            OWNERS,
        ),
        (
            leak(format!("POST {c}/projects/{{project_id}}/tickets")),
            TICKETS,
        ),
        (
            leak(format!("PATCH {c}/projects/{{project_id}}/tickets/{{id}}")),
            TICKETS,
        ),
        (
            leak(format!("DELETE {c}/projects/{{project_id}}/tickets/{{id}}")),
            TICKETS_ADMIN,
        ),
        (
            leak(format!(
                "POST {c}/projects/{{project_id}}/tickets/{{id}}/photos"
            )),
            TICKETS,
        ),
    ])
}

struct World<'a> {
    sb: &'a Sandbox,
    tokens: BTreeMap<&'static str, String>,
    ids: BTreeMap<&'static str, i64>,
    receiver_url: String,
    serial: std::cell::Cell<u32>,
}

impl World<'_> {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sb.url())
    }

    fn call(&self, who: &str, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        api(&self.tokens[who], method, &self.url(path), body)
    }

    fn next(&self) -> u32 {
        self.serial.set(self.serial.get() + 1);
        self.serial.get()
    }

    /// `who` makes something and gets its id (panics if it cannot: fixtures must work).
    fn make(&self, who: &str, path: &str, body: Value) -> i64 {
        let (code, made) = self.call(who, "POST", path, Some(body));
        assert!(
            code == 201 || code == 200,
            "fixture POST {path}: {code} {made}"
        );
        made["id"].as_i64().unwrap()
    }

    /// A pending install of Field Forms (closing any open one first).
    fn fresh_install(&self) -> i64 {
        let (code, body) = self.call(
            "owner",
            "POST",
            "/api/v1/companies/1/apps",
            Some(json!({"app": "field-forms"})),
        );
        if code == 201 {
            return body["id"].as_i64().unwrap();
        }
        let message = body["error"]["message"].as_str().unwrap_or_default();
        let open: i64 = message
            .rsplit("install ")
            .next()
            .and_then(|s| s.trim_end_matches(')').parse().ok())
            .unwrap_or_else(|| panic!("fixture: {body}"));
        let (code, _) = self.call(
            "owner",
            "DELETE",
            &format!("/api/v1/companies/1/apps/{open}"),
            None,
        );
        if code != 204 && code != 200 {
            self.call(
                "owner",
                "POST",
                &format!("/api/v1/companies/1/apps/{open}/deny"),
                Some(json!({})),
            );
        }
        self.fresh_install()
    }

    /// The concrete path and body for `who` doing `op` (fresh resources where needed).
    fn request(&self, who: &str, op: &str) -> (String, String, Option<Value>) {
        let (method, template) = op.split_once(' ').unwrap();
        let n = self.next();
        let mut path = template
            .replace("{company_id}", "1")
            .replace("{project_id}", "1");
        let c = "/api/v1/companies/1";
        let mut body = None;
        let sa =
            || {
                self.make("admin", &format!("{c}/service-accounts"),
            json!({"name": format!("Matrix {n}"), "email": format!("matrix-{n}@acme.example")}))
            };
        let hook = || {
            self.make(
                "owner",
                &format!("{c}/webhooks"),
                json!({"url": self.receiver_url, "events": ["ticket.created"]}),
            )
        };
        let ticket = || {
            self.make(
                "owner",
                &format!("{c}/projects/1/tickets"),
                json!({"title": format!("t{n}")}),
            )
        };
        if template.contains("/federations/{federation_id}") {
            let id = sa();
            let fed = self.make(
                "admin",
                &format!("{c}/service-accounts/{id}/federations"),
                json!({"issuer": "https://token.actions.githubusercontent.com", "subject": format!("repo:acme/erp:ref:refs/heads/m{n}")}),
            );
            path = path
                .replace("{id}", &id.to_string())
                .replace("{federation_id}", &fed.to_string());
        } else if template.contains("/service-accounts/{id}") {
            path = path.replace("{id}", &sa().to_string());
        } else if template.contains("/users/{user_id}/tokens/{id}") {
            let pat = self.make(
                "admin",
                "/api/v1/me/tokens",
                json!({"name": format!("p{n}")}),
            );
            path = path
                .replace("{user_id}", &self.ids["admin"].to_string())
                .replace("{id}", &pat.to_string());
        } else if template.contains("/users/{user_id}/tokens") {
            path = path.replace("{user_id}", &self.ids["admin"].to_string());
        } else if template.contains("/users/{id}") {
            // PATCH grants API access: to the manager, who has it already, so that no later
            // cell sees the viewer changed.
            let target = if method == "PATCH" {
                "manager"
            } else {
                "viewer"
            };
            path = path.replace("{id}", &self.ids[target].to_string());
        } else if template == "/api/v1/me/tokens/{id}" {
            // Its own fresh token where it may make one, else the owner's (not its to revoke).
            let (code, made) = self.call(
                who,
                "POST",
                "/api/v1/me/tokens",
                Some(json!({"name": format!("own{n}")})),
            );
            let id = if code == 201 {
                made["id"].as_i64().unwrap()
            } else {
                self.make(
                    "owner",
                    "/api/v1/me/tokens",
                    json!({"name": format!("own{n}")}),
                )
            };
            path = path.replace("{id}", &id.to_string());
        } else if template.contains("/apps/{id}") {
            path = path.replace("{id}", &self.fresh_install().to_string());
        } else if template.contains("/deliveries/{delivery_id}") {
            let id = hook();
            let (code, sent) = self.call("owner", "POST", &format!("{c}/webhooks/{id}/test"), None);
            assert_eq!(code, 200, "fixture test send: {sent}");
            path = path
                .replace("{id}", &id.to_string())
                .replace("{delivery_id}", &sent["id"].as_i64().unwrap().to_string());
        } else if template.contains("/webhooks/{id}") {
            path = path.replace("{id}", &hook().to_string());
        } else if template.contains("/tickets/{id}") {
            path = path.replace("{id}", &ticket().to_string());
        }
        if method == "POST" || method == "PATCH" {
            body = Some(match template {
                t if t.ends_with("/service-accounts") => {
                    json!({"name": format!("Made {n}"), "email": format!("made-{n}@acme.example")})
                }
                t if t.ends_with("/service-accounts/{id}") => json!({"description": "changed"}),
                t if t.ends_with("/rotate-secret") => json!({"grace_seconds": 60}),
                t if t.ends_with("/federations") => json!({
                    "issuer": "https://token.actions.githubusercontent.com",
                    "subject": format!("repo:acme/erp:ref:refs/heads/b{n}"),
                }),
                t if t.ends_with("/federations/test") => json!({"assertion": "not.a.jwt"}),
                t if t.ends_with("/users/{id}") => json!({"api_access": true}),
                "/api/v1/me/tokens" => json!({"name": format!("m{n}")}),
                t if t.ends_with("/apps") => json!({"app": "photovault"}),
                t if t.ends_with("/approve") => json!({"project_ids": [1]}),
                t if t.ends_with("/deny") => json!({"reason": "matrix"}),
                t if t.ends_with("/webhooks") => {
                    json!({"url": self.receiver_url, "events": ["ticket.created"]})
                }
                t if t.ends_with("/webhooks/{id}") => json!({"active": true}),
                t if t.ends_with("/tickets") => json!({"title": format!("new {n}")}),
                t if t.ends_with("/tickets/{id}") => json!({"title": format!("edited {n}")}),
                t if t.ends_with("/photos") => json!({"filename": "crack.jpg"}),
                _ => json!({}),
            });
        }
        (method.to_string(), path, body)
    }
}

fn client_credentials(sb: &Sandbox, client_id: &str, secret: &str, extra: &[&str]) -> String {
    client_credentials_token(sb, client_id, secret, extra).expect("a client-credentials token")
}

fn cli_token(sb: &Sandbox, login: &str, password: &str) -> String {
    signed_in_as(sb, login, password).1
}

#[test]
fn every_operation_by_every_kind_of_principal() {
    let sb = Sandbox::start();
    let rx = sb.receiver();
    let boot = sb.bootstrap().clone();
    let other = sb.add_company("Borealis Builders", "b-");
    let mut tokens = BTreeMap::new();
    for who in ["owner", "admin", "manager", "viewer"] {
        let u = boot.user(who);
        tokens.insert(who, cli_token(&sb, &u.login, &u.password));
    }
    let (code, pat) = api(
        &tokens["owner"],
        "POST",
        &format!("{}/api/v1/me/tokens", sb.url()),
        Some(json!({"name": "matrix"})),
    );
    assert_eq!(code, 201, "{pat}");
    tokens.insert("pat", pat["token"].as_str().unwrap().to_string());
    for (who, perms) in [
        ("sa", json!({})),
        (
            "sa+perms",
            json!({"company": {"directory": "read", "documents": "read"}, "projects": {"1": {"tickets": "standard"}}}),
        ),
    ] {
        let (code, sa) = api(
            &tokens["admin"],
            "POST",
            &format!("{}/api/v1/companies/1/service-accounts", sb.url()),
            Some(
                json!({"name": who, "email": format!("{}@acme.example", who.replace('+', "-")), "permissions": perms}),
            ),
        );
        assert_eq!(code, 201, "{sa}");
        tokens.insert(
            who,
            client_credentials(
                &sb,
                sa["client_id"].as_str().unwrap(),
                sa["client_secret"].as_str().unwrap(),
                &[],
            ),
        );
    }
    let (code, install) = api(
        &tokens["admin"],
        "POST",
        &format!("{}/api/v1/companies/1/apps", sb.url()),
        Some(json!({"app": "sitesync-erp"})),
    );
    assert_eq!(code, 201, "{install}");
    let (code, approved) = api(
        &tokens["admin"],
        "POST",
        &format!(
            "{}/api/v1/companies/1/apps/{}/approve",
            sb.url(),
            install["id"]
        ),
        Some(json!({"project_ids": [1]})),
    );
    assert_eq!(code, 200, "{approved}");
    let erp = &boot.apps["sitesync-erp"];
    tokens.insert(
        "dmsa",
        client_credentials(&sb, &erp.client_id, &erp.client_secret, &["company_id=1"]),
    );
    // A third-party app's user token for the owner (authorization code through its client).
    let forms = &boot.apps["field-forms"];
    let mut m = Machine::new();
    m.with_browser(&boot.user("owner").login, &boot.user("owner").password);
    let url = sb.url();
    m.run_with_stdin(
        &[
            "login",
            "--api",
            &url,
            "--client-id",
            &forms.client_id,
            "--client-secret-stdin",
            "--timeout",
            "60",
        ],
        &forms.client_secret,
    )
    .ok();
    tokens.insert("app", m.run(&["token"]).ok().stdout.trim().to_string());
    let b = &other.users["owner"];
    tokens.insert("other", cli_token(&sb, &b.login, &b.password));
    let ids = BTreeMap::from([
        ("admin", boot.user("admin").id),
        ("viewer", boot.user("viewer").id),
        ("manager", boot.user("manager").id),
    ]);
    let world = World {
        sb: &sb,
        tokens,
        ids,
        receiver_url: rx.url(),
        serial: std::cell::Cell::new(0),
    };

    let doc: Value = serde_json::from_str(svcacct_sandbox::OPENAPI_JSON).unwrap();
    let expected = expectations();
    let mut seen = BTreeSet::new();
    let mut wrong = Vec::new();
    let mut cells = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !path.starts_with("/api/v1") {
            continue; // the OAuth endpoints and the document itself are not bearer-authorized
        }
        for method in ["get", "post", "patch", "put", "delete"] {
            if item.get(method).is_none() {
                continue;
            }
            let op = format!("{} {path}", method.to_uppercase());
            let allowed = expected
                .get(op.as_str())
                .unwrap_or_else(|| panic!("no expectation for {op}: add it to the matrix"));
            seen.insert(op.clone());
            for who in PRINCIPALS {
                let (method, concrete, body) = world.request(who, &op);
                let (code, answer) = world.call(who, &method, &concrete, body);
                cells += 1;
                let got_in = (200..300).contains(&code) || code == 409 || code == 422;
                let refused = matches!(code, 401 | 403 | 404);
                let want_in = allowed.contains(who);
                if code >= 500 || !(got_in || refused) || got_in != want_in {
                    wrong.push(format!(
                        "{op} as {who}: {code} (expected {}) {answer}",
                        if want_in { "allowed" } else { "refused" }
                    ));
                }
            }
        }
    }
    let unused: Vec<_> = expected.keys().filter(|k| !seen.contains(**k)).collect();
    assert!(
        unused.is_empty(),
        "expectations for operations the API does not have: {unused:?}"
    );
    assert!(cells >= 350, "only {cells} cells");
    assert!(
        wrong.is_empty(),
        "{} of {cells} cells are wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    sb.stop_receiver(rx);
}
