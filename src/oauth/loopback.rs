//! The loopback redirect listener for the authorization code flow (RFC 8252 §7.3): one
//! `127.0.0.1` socket on a random port that waits for the browser's `/callback`.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::error::{Error, Result};

const CALLBACK_PATH: &str = "/callback";
const MAX_REQUEST: usize = 16 * 1024;

pub struct Loopback {
    listener: TcpListener,
    /// The redirect URI the provider sends the browser to, and the path it arrives on.
    redirect_uri: String,
    path: String,
}

/// What the browser brought back.
enum Callback {
    Code(String),
    Failed(Error),
}

impl Loopback {
    /// A random port on 127.0.0.1 (RFC 8252 §7.3), for providers that accept any loopback port.
    pub async fn bind() -> Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.map_err(|e| {
            Error::internal(format!(
                "cannot open a loopback port for the sign-in callback: {e}"
            ))
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| Error::internal(e.to_string()))?
            .port();
        Ok(Loopback {
            listener,
            redirect_uri: format!("http://127.0.0.1:{port}{CALLBACK_PATH}"),
            path: CALLBACK_PATH.to_string(),
        })
    }

    /// Exactly the registered redirect URI `http://localhost:PORT/PATH` (or 127.0.0.1, [::1]):
    /// providers such as Procore accept only the URI registered for the app, port and path
    /// included. Anything else is a usage error naming the accepted form.
    pub async fn bind_exact(redirect_uri: &str) -> Result<Self> {
        let form = "--redirect-uri for a browser sign-in must be the registered http://localhost:PORT/PATH (or 127.0.0.1, [::1]); for urn:ietf:wg:oauth:2.0:oob use --no-browser";
        let url = url::Url::parse(redirect_uri)
            .map_err(|_| Error::usage(format!("{form}; got '{redirect_uri}'")))?;
        let host = match url.host() {
            Some(url::Host::Domain("localhost")) => std::net::IpAddr::from([127, 0, 0, 1]),
            Some(url::Host::Ipv4(ip)) if ip.is_loopback() => ip.into(),
            Some(url::Host::Ipv6(ip)) if ip.is_loopback() => ip.into(),
            _ => return Err(Error::usage(format!("{form}; got '{redirect_uri}'"))),
        };
        let Some(port) = url.port().filter(|p| *p != 0) else {
            return Err(Error::usage(format!(
                "{form}; '{redirect_uri}' names no port"
            )));
        };
        if url.scheme() != "http" || url.query().is_some() || url.fragment().is_some() {
            return Err(Error::usage(format!("{form}; got '{redirect_uri}'")));
        }
        let listener = TcpListener::bind((host, port)).await.map_err(|e| {
            Error::usage(format!(
                "cannot listen on {host}:{port} for the sign-in callback ({e})"
            ))
            .with_hint("free that port (another program or svcacct is using it), or register another redirect URI")
        })?;
        Ok(Loopback {
            listener,
            redirect_uri: redirect_uri.to_string(),
            path: url.path().to_string(),
        })
    }

    pub fn redirect_uri(&self) -> String {
        self.redirect_uri.clone()
    }

    /// Wait for the callback carrying `expected_state`, answering the browser with a page.
    /// Requests for other paths (a favicon) get a 404 and the wait goes on.
    pub async fn wait_for_code(&self, expected_state: &str, timeout: Duration) -> Result<String> {
        let wait = async {
            loop {
                let (stream, _) = match self.listener.accept().await {
                    Ok(s) => s,
                    Err(_) => continue,
                };
                match handle(stream, &self.path, expected_state).await {
                    Some(Callback::Code(code)) => return Ok(code),
                    Some(Callback::Failed(e)) => return Err(e),
                    None => continue,
                }
            }
        };
        tokio::time::timeout(timeout, wait).await.unwrap_or_else(|_| {
            Err(Error::auth(format!("timed out after {} s waiting for the browser sign-in to finish", timeout.as_secs()))
                .with_hint("run `svcacct login` again, or use `svcacct login --no-browser` to paste the code"))
        })
    }
}

async fn handle(mut stream: TcpStream, path: &str, expected_state: &str) -> Option<Callback> {
    let mut buf = Vec::with_capacity(2048);
    let read = tokio::time::timeout(Duration::from_secs(5), async {
        let mut chunk = [0u8; 2048];
        while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < MAX_REQUEST {
            let n = stream.read(&mut chunk).await.ok()?;
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        Some(())
    })
    .await;
    if !matches!(read, Ok(Some(()))) {
        return None;
    }
    let text = String::from_utf8_lossy(&buf);
    let target = text.lines().next()?.split_whitespace().nth(1)?.to_string();
    let url = url::Url::parse(&format!("http://127.0.0.1{target}")).ok()?;
    if url.path() != path {
        respond(
            &mut stream,
            "404 Not Found",
            "Not found",
            "This is svcacct's sign-in listener.",
        )
        .await;
        return None;
    }
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let outcome = if param("state").as_deref() != Some(expected_state) {
        respond(&mut stream, "400 Bad Request", "Sign-in rejected", "The response did not match this sign-in attempt. Nothing was saved; run svcacct login again.").await;
        Callback::Failed(
            Error::auth("the sign-in callback's state does not match this login attempt (possible cross-site request forgery); nothing was saved")
                .with_hint("run `svcacct login` again"),
        )
    } else if let Some(error) = param("error") {
        let detail = param("error_description")
            .map(|d| format!(": {d}"))
            .unwrap_or_default();
        respond(
            &mut stream,
            "200 OK",
            "Sign-in failed",
            &format!("The server answered {error}{detail}. You can close this window."),
        )
        .await;
        // The provider's words are shown as it said them; access_denied is also what a server
        // answers when it grants nothing (a scope it needs was not asked for), so the hint
        // does not assume the user pressed Deny.
        let hint = if error == "access_denied" {
            "if you denied access, run `svcacct login` again and approve it; otherwise the provider refused: check the scopes asked for (--scope) and the app's registration"
        } else {
            "run `svcacct login` again"
        };
        Callback::Failed(
            Error::auth(format!("authorization failed: {error}{detail}")).with_hint(hint),
        )
    } else if let Some(code) = param("code") {
        respond(
            &mut stream,
            "200 OK",
            "Signed in",
            "svcacct is signed in. You can close this window and return to the terminal.",
        )
        .await;
        Callback::Code(code)
    } else {
        respond(
            &mut stream,
            "400 Bad Request",
            "Sign-in failed",
            "The response carried no code.",
        )
        .await;
        Callback::Failed(
            Error::auth("the sign-in callback carried neither a code nor an error")
                .with_hint("run `svcacct login` again"),
        )
    };
    Some(outcome)
}

async fn respond(stream: &mut TcpStream, status: &str, title: &str, text: &str) {
    // `text` may carry the server's (or an attacker's) `error_description`: escape it.
    let (title, text) = (html_escape(title), html_escape(text));
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} · svcacct</title></head>\
         <body style=\"font-family:system-ui,sans-serif;max-width:30rem;margin:4rem auto\"><h1>{title}</h1><p>{text}</p></body></html>"
    );
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nContent-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// Text made safe to put between HTML tags or in a quoted attribute.
fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Open `url` with `$BROWSER` (a command; `%s` stands for the URL, else it is appended) or the
/// desktop's opener. The browser runs on its own; we never wait for it.
pub fn open_browser(url: &str) -> std::result::Result<(), String> {
    let command = match crate::settings::var("BROWSER").filter(|b| !b.trim().is_empty()) {
        Some(b) => b
            .split(':')
            .find(|c| !c.trim().is_empty())
            .unwrap_or("")
            .to_string(),
        None if cfg!(target_os = "macos") => "open".to_string(),
        None => "xdg-open".to_string(),
    };
    let mut parts: Vec<String> = command.split_whitespace().map(str::to_string).collect();
    if parts.iter().any(|p| p.contains("%s")) {
        parts.iter_mut().for_each(|p| *p = p.replace("%s", url));
    } else {
        parts.push(url.to_string());
    }
    let (program, args) = parts.split_first().ok_or("BROWSER is empty")?;
    std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| format!("cannot start '{program}': {e}"))
}
