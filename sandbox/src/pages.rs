//! The HTML a browser sees during sign-in. Plain forms, no scripts, labelled fields; and the
//! answers that carry them (status, cookie, redirect).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use url::Url;

use crate::service::signin::{
    AuthorizeParams, Decision, OOB, Opened, SESSION_COOKIE, SESSION_TTL, SessionProblem,
};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn layout(title: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · svcacct sandbox</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 26rem; margin: 4rem auto; padding: 0 1rem; color: #1d232a; }}
h1 {{ font-size: 1.4rem; }}
label {{ display: block; margin-top: 1rem; font-weight: 600; }}
input[type=text], input[type=password] {{ width: 100%; padding: .5rem; font-size: 1rem; box-sizing: border-box; }}
button {{ margin-top: 1.2rem; padding: .6rem 1.2rem; font-size: 1rem; }}
.error {{ color: #a4000f; background: #fde8ea; padding: .6rem; border-radius: 4px; }}
code {{ font-size: 1.05rem; word-break: break-all; background: #f1f3f5; padding: .4rem; display: block; }}
</style>
</head>
<body>
<h1>{title}</h1>
{body}
</body>
</html>
"#,
        title = escape(title)
    )
}

pub fn login(csrf: &str, error: Option<&str>) -> String {
    let error = error
        .map(|e| {
            format!(
                r#"<p class="error" role="alert" id="error">{}</p>"#,
                escape(e)
            )
        })
        .unwrap_or_default();
    layout(
        "Sign in to Acme Construction",
        &format!(
            r#"{error}
<form method="post" action="/oauth/authorize/login" id="login-form">
<input type="hidden" name="csrf" value="{csrf}">
<label for="login">Login</label>
<input type="text" id="login" name="login" autocomplete="username" required autofocus>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" id="sign-in">Sign in</button>
</form>"#,
            csrf = escape(csrf)
        ),
    )
}

pub fn consent(
    csrf: &str,
    app: &str,
    user: &str,
    company: &str,
    credentials: bool,
    device_code: Option<&str>,
) -> String {
    let credentials = if credentials {
        "<p><strong>It also asks to manage credentials for you</strong> (the <code>credentials</code> scope): personal access tokens, service accounts, webhooks and app installs.</p>"
    } else {
        ""
    };
    // A device sign-in can be started by anyone and sent as a link (RFC 8628 §5.4): say so,
    // and show the code to compare with the device's screen.
    let device = device_code
        .map(|code| {
            format!(
                r#"<p class="error" role="alert" id="device-warning">A device is asking to sign in as you. <strong>Approve only if you started this sign-in yourself and your device shows this code:</strong></p>
<code id="user-code">{}</code>
<p>If someone sent you this link, or the code differs, choose Deny.</p>"#,
                escape(code)
            )
        })
        .unwrap_or_default();
    layout(
        "Authorize access",
        &format!(
            r#"{device}<p><strong>{app}</strong> wants to act as <strong>{user}</strong> on {company}, with your permissions.</p>{credentials}
<form method="post" action="/oauth/authorize/consent" id="consent-form">
<input type="hidden" name="csrf" value="{csrf}">
<button type="submit" name="decision" value="approve" id="approve">Approve</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form>"#,
            app = escape(app),
            user = escape(user),
            company = escape(company),
            csrf = escape(csrf)
        ),
    )
}

pub fn oob_code(code: &str) -> String {
    layout(
        "Copy this code",
        &format!(
            r#"<p>Paste this code into the application that asked you to sign in:</p>
<code id="code">{}</code>"#,
            escape(code)
        ),
    )
}

/// The device flow's verification page: type the code the device shows.
pub fn device_code_form(error: Option<&str>) -> String {
    let error = error
        .map(|e| {
            format!(
                r#"<p class="error" role="alert" id="error">{}</p>"#,
                escape(e)
            )
        })
        .unwrap_or_default();
    layout(
        "Connect a device",
        &format!(
            r#"{error}
<p>Enter the code your terminal shows.</p>
<form method="get" action="/device" id="device-form">
<label for="user_code">Code</label>
<input type="text" id="user_code" name="user_code" autocomplete="one-time-code" autocapitalize="characters" required autofocus>
<button type="submit" id="continue">Continue</button>
</form>"#
        ),
    )
}

pub fn message(title: &str, detail: &str) -> String {
    layout(title, &format!("<p>{}</p>", escape(detail)))
}

/// A page with a title and a sentence, with `status`.
pub fn error_page(status: StatusCode, title: &str, detail: &str) -> Response {
    (status, Html(message(title, detail))).into_response()
}

/// The page of a store failure (500).
pub fn server_error(e: impl std::fmt::Display) -> Response {
    error_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Server error",
        &e.to_string(),
    )
}

/// Back to the client's redirect URI with `pairs` (and its state), or the out-of-band page.
pub fn redirect_with(params: &AuthorizeParams, pairs: &[(&str, &str)]) -> Response {
    if params.redirect_uri == OOB {
        let code = pairs.iter().find(|(k, _)| *k == "code").map(|(_, v)| *v);
        return match code {
            Some(code) => Html(oob_code(code)).into_response(),
            None => error_page(
                StatusCode::FORBIDDEN,
                "Access denied",
                "You denied access. You can close this window.",
            ),
        };
    }
    let mut url = Url::parse(&params.redirect_uri).expect("validated redirect_uri");
    {
        let mut q = url.query_pairs_mut();
        for (k, v) in pairs {
            q.append_pair(k, v);
        }
        if let Some(state) = &params.state {
            q.append_pair("state", state);
        }
    }
    Redirect::to(url.as_str()).into_response()
}

/// The login page of a sign-in session just opened, with its cookie.
pub fn login_started(opened: &Opened) -> Response {
    let mut resp = Html(login(&opened.csrf, None)).into_response();
    let cookie = format!(
        "{SESSION_COOKIE}={}; Path=/oauth; HttpOnly; SameSite=Lax; Max-Age={SESSION_TTL}",
        opened.session_id
    );
    resp.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).expect("ascii cookie"),
    );
    resp
}

/// The answer to a login or consent form without a usable session.
pub fn session_problem(problem: SessionProblem) -> Response {
    match problem {
        SessionProblem::Expired => error_page(
            StatusCode::BAD_REQUEST,
            "Session expired",
            "Your sign-in session is missing or expired. Start the sign-in again from the application.",
        ),
        SessionProblem::CsrfMismatch => error_page(
            StatusCode::FORBIDDEN,
            "Invalid form",
            "The form's CSRF token does not match your session. Start the sign-in again.",
        ),
        SessionProblem::Server(e) => server_error(e),
    }
}

/// The answer to a consent decision on a sign-in for `params`.
pub fn decided(params: &AuthorizeParams, decision: Decision) -> Response {
    match decision {
        Decision::Code(code) => redirect_with(params, &[("code", &code)]),
        Decision::Denied => redirect_with(
            params,
            &[
                ("error", "access_denied"),
                ("error_description", "the user denied access"),
            ],
        ),
        Decision::Device { approved: true } => Html(message(
            "Device approved",
            "You can close this window and return to your terminal.",
        ))
        .into_response(),
        Decision::Device { approved: false } => Html(message(
            "Access denied",
            "The device was not given access. You can close this window.",
        ))
        .into_response(),
        Decision::DeviceGone => error_page(
            StatusCode::BAD_REQUEST,
            "Code expired",
            "This sign-in expired or was used already. Start again on your device.",
        ),
        Decision::Invalid => error_page(
            StatusCode::BAD_REQUEST,
            "Invalid form",
            "decision must be approve or deny.",
        ),
    }
}
