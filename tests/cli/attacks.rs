//! Issue 19: strangers cannot lock users out. Each attack is replayed over real HTTP from many
//! loopback source addresses (all of 127.0.0.0/8 is this machine on Linux), in bounded loops,
//! and a legitimate user signs in during or after it.

use std::net::{IpAddr, Ipv4Addr};

use crate::device::{device_login, fast_sandbox};
use crate::harness::*;

/// `count` requests built by `build` from each of `sources` loopback addresses (127.0.0.2…),
/// one after another; the status codes seen, by count (0: no answer).
fn flood(
    sources: u32,
    count: u32,
    build: impl Fn(&reqwest::Client, u32, u32) -> reqwest::RequestBuilder,
) -> std::collections::BTreeMap<u16, u32> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut seen = std::collections::BTreeMap::new();
        for s in 0..sources {
            let addr = IpAddr::V4(Ipv4Addr::from(0x7f00_0002 + s));
            let client = reqwest::Client::builder()
                .local_address(addr)
                .timeout(std::time::Duration::from_secs(30))
                .build()
                .unwrap();
            for i in 0..count {
                let status = build(&client, s, i)
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
                    .unwrap_or(0);
                *seen.entry(status).or_insert(0) += 1;
            }
        }
        seen
    })
}

/// The old attack: 480 addresses × 20 random device codes filled the one global sign-in table,
/// and then the owner's right password got 429 for 15 minutes. Now lookups count per address
/// only, a source's own entries are what it loses, and the owner signs in.
#[test]
fn random_device_codes_from_480_addresses_lock_nobody_out() {
    let sb = fast_sandbox();
    let url = sb.url();
    let seen = flood(480, 20, |c, s, i| {
        c.get(format!("{url}/device"))
            .query(&[("user_code", format!("BCDF-{:04}", (s * 20 + i) % 10_000))])
    });
    assert_eq!(seen.get(&0), None, "every request answered: {seen:?}");
    // Each address is still limited on its own: a 21st guess from one is refused.
    let again = flood(1, 21, |c, _, _| {
        c.get(format!("{url}/device"))
            .query(&[("user_code", "BCDF-GHJK")])
    });
    assert!(again.contains_key(&429), "{again:?}");
    let owner = sb.bootstrap().user("owner").clone();
    let (m, _) = signed_in_as(&sb, &owner.login, &owner.password);
    m.run(&["status"]).ok();
    let admin = sb.bootstrap().user("admin").clone();
    signed_in_as(&sb, &admin.login, &admin.password);
}

/// 500 device authorizations from one address: after its 10 live codes it is told to slow
/// down, and a user elsewhere still gets a code and signs in with it.
#[test]
fn one_address_cannot_take_every_device_code() {
    let sb = fast_sandbox();
    let url = sb.url();
    let seen = flood(1, 500, |c, _, _| {
        c.post(format!("{url}/oauth/device_authorization"))
            .form(&[("client_id", "svcacct-cli")])
    });
    assert_eq!(seen.get(&200), Some(&10), "{seen:?}");
    assert_eq!(
        seen.get(&400),
        Some(&490),
        "slow_down for the rest: {seen:?}"
    );
    let m = Machine::new();
    let (code, out) = device_login(&m, &sb, &["login", "--api", &url, "--device"], "approve");
    assert_eq!(code, 0, "{out}");
}

/// 2,000 unauthenticated `/oauth/authorize` requests from one address used to evict everyone's
/// sign-in in progress; now they evict only that address's own (20 kept per source).
#[test]
fn a_flood_of_authorize_requests_evicts_only_the_flooders_sign_ins() {
    let sb = Sandbox::start();
    let url = sb.url();
    let authorize = format!(
        "{url}/oauth/authorize?response_type=code&client_id=svcacct-cli&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcallback&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s"
    );
    // A user starts signing in…
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("cookies");
    let jar = jar.to_str().unwrap();
    let (status, page) = curl(&["-c", jar, "-b", jar, &authorize]);
    assert_eq!(status, 200, "{page}");
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a csrf field")
        .to_string();
    // …a stranger floods the endpoint…
    let seen = flood(1, 2_000, |c, _, _| c.get(&authorize));
    assert_eq!(seen.get(&200), Some(&2_000), "{seen:?}");
    let conn = rusqlite::Connection::open(sb.data_dir().join("sandbox.sqlite3")).unwrap();
    let held: i64 = conn
        .query_row("SELECT COUNT(*) FROM login_sessions", [], |r| r.get(0))
        .unwrap();
    assert!(held <= 21, "{held} sessions kept");
    // …and the user's sign-in goes on.
    let owner = sb.bootstrap().user("owner").clone();
    let (status, consent) = curl(&[
        "-c",
        jar,
        "-b",
        jar,
        "--data-urlencode",
        &format!("csrf={csrf}"),
        "--data-urlencode",
        &format!("login={}", owner.login),
        "--data-urlencode",
        &format!("password={}", owner.password),
        &format!("{url}/oauth/authorize/login"),
    ]);
    assert_eq!(status, 200, "{consent}");
    assert!(
        consent.contains("Allow") || consent.contains("Approve"),
        "{consent}"
    );
}

/// A refresh whose answer was lost (kill -9, a timeout) used to end the session for good: the
/// retry reused the old refresh token and the grant was revoked. Within the grace window (30 s
/// by default, 2 s here) the retry gets a fresh pair that retires the lost one; later, or once
/// the lost pair is used, a reuse is theft and the grant ends — and so it does when the retired
/// refresh token comes back.
#[test]
fn a_lost_refresh_answer_gets_a_grace_but_theft_still_ends_the_grant() {
    let sb = Sandbox::start_with(|c| c.refresh_reuse_window_secs = 2);
    let url = sb.url();
    let refresh = |token: &str| -> (u16, serde_json::Value) {
        let (status, body) = curl(&[
            "-d",
            "grant_type=refresh_token",
            "-d",
            "client_id=svcacct-cli",
            "--data-urlencode",
            &format!("refresh_token={token}"),
            &format!("{url}/oauth/token"),
        ]);
        (status, serde_json::from_str(&body).unwrap_or_default())
    };
    let me = |access: &serde_json::Value| -> u16 {
        api(
            access.as_str().unwrap(),
            "GET",
            &format!("{url}/api/v1/me"),
            None,
        )
        .0
    };
    let signed_in = |login: &str| -> String {
        let user = sb.bootstrap().user(login).clone();
        let mut m = Machine::new();
        login_browser_at(
            &mut m,
            &url,
            &user.login,
            &user.password,
            &["--insecure-storage"],
        )
        .ok();
        stored_credential(&m, "default")["refresh_token"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let r0 = signed_in("owner");
    let (status, lost) = refresh(&r0);
    assert_eq!(status, 200, "{lost}");
    let (status, retry) = refresh(&r0);
    assert_eq!(status, 200, "the retry within the window: {retry}");
    assert_eq!(me(&lost["access_token"]), 401, "the lost pair is retired");
    assert_eq!(me(&retry["access_token"]), 200);
    let (status, next) = refresh(retry["refresh_token"].as_str().unwrap());
    assert_eq!(status, 200, "{next}");
    // The retired refresh token comes back: two parties hold the grant; it ends.
    let (status, _) = refresh(lost["refresh_token"].as_str().unwrap());
    assert_eq!(status, 400);
    assert_eq!(me(&next["access_token"]), 401, "the grant was revoked");

    // After the window, a reuse is theft.
    let r0 = signed_in("admin");
    let (status, first) = refresh(&r0);
    assert_eq!(status, 200);
    sb.running().advance_clock(3);
    let (status, body) = refresh(&r0);
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "invalid_grant");
    assert_eq!(me(&first["access_token"]), 401, "the grant was revoked");
    // And once the new pair was used, even a quick reuse is theft.
    let r0 = signed_in("manager");
    let (_, first) = refresh(&r0);
    let (status, _) = refresh(first["refresh_token"].as_str().unwrap());
    assert_eq!(status, 200);
    let (status, _) = refresh(&r0);
    assert_eq!(status, 400);
}
