//! The browser sign-in's forms: `POST /oauth/authorize/login` (throttled) and
//! `POST /oauth/authorize/consent`, for the authorization code flow and the device flow alike.
//! The session, its cookie and CSRF token, the login check and the decision are in
//! `service::signin`; the pages in `pages`.

use std::collections::HashMap;

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::pages;
use crate::service::signin;
use crate::state::Shared;

pub async fn login(
    State(state): State<Shared>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let session = match signin::session(&state.db(), &headers, &form, state.clock.now()) {
        Ok(s) => s,
        Err(problem) => return pages::session_problem(problem),
    };
    let login = form.get("login").cloned().unwrap_or_default();
    let password = form.get("password").cloned().unwrap_or_default();
    if login.len() > super::throttle::MAX_LOGIN {
        return (
            StatusCode::BAD_REQUEST,
            Html(pages::login(
                &session.csrf,
                Some("Wrong login or password."),
            )),
        )
            .into_response();
    }
    if let Err(wait) = state.login_throttle.attempt(&login, peer.ip()) {
        let mut resp = (
            StatusCode::TOO_MANY_REQUESTS,
            Html(pages::login(
                &session.csrf,
                Some(&format!(
                    "Too many failed sign-ins for this account or from this address. Try again in {} minute(s).",
                    wait.div_ceil(60)
                )),
            )),
        )
            .into_response();
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return resp;
    }
    let check = match signin::password_check(&state.read(), &login) {
        Ok(check) => check,
        Err(e) => {
            return pages::server_error(e);
        }
    };
    // The slow hash holds no connection.
    state.end_lease();
    let verified = tokio::task::spawn_blocking(move || check.verify(&password))
        .await
        .unwrap_or(None);
    if verified.is_some() {
        state.login_throttle.succeeded(&login, peer.ip());
    }
    let Some((user_id, name)) = verified else {
        return (
            StatusCode::UNAUTHORIZED,
            Html(pages::login(
                &session.csrf,
                Some("Wrong login or password."),
            )),
        )
            .into_response();
    };
    let names = match signin::signed_in(&state.db(), &session, user_id) {
        Ok(names) => names,
        Err(e) => {
            return pages::server_error(e);
        }
    };
    Html(pages::consent(
        &session.csrf,
        &names.app,
        &name,
        &names.company,
        session.params.wants_credentials(),
        session.params.device_user_code.as_deref(),
    ))
    .into_response()
}

pub async fn consent(
    State(state): State<Shared>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let conn = state.db();
    let now = state.clock.now();
    let session = match signin::session(&conn, &headers, &form, now) {
        Ok(s) => s,
        Err(problem) => return pages::session_problem(problem),
    };
    let Some(user_id) = session.user_id else {
        return pages::error_page(
            StatusCode::BAD_REQUEST,
            "Not signed in",
            "Sign in before approving access.",
        );
    };
    let decision = form.get("decision").map(String::as_str);
    match signin::decide(&conn, &session, user_id, decision, now) {
        Ok(decision) => pages::decided(&session.params, decision),
        Err(e) => pages::server_error(e),
    }
}
