//! A webhook receiver on 127.0.0.1 that records what it gets: for trying webhooks locally
//! (`svcacct-sandbox receive`), for tests and for the delivery benchmark. Its answer (status,
//! delay) can be changed while it runs; it can also be taken down and brought back.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU16, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use serde::Serialize;
use tokio::sync::{mpsc, oneshot};

#[derive(Clone, Debug, Serialize)]
pub struct Received {
    pub received_at_ms: i64,
    pub path: String,
    /// Lower-case names.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

struct Behaviour {
    status: AtomicU16,
    delay_ms: AtomicU64,
    log: Mutex<Vec<Received>>,
    feed: Option<mpsc::UnboundedSender<Received>>,
}

pub struct Receiver {
    pub addr: SocketAddr,
    behaviour: Arc<Behaviour>,
    shutdown: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Receiver {
    /// Listen on `addr` (port 0 picks one). With `feed`, each request is also sent there.
    pub async fn start(
        addr: SocketAddr,
        feed: Option<mpsc::UnboundedSender<Received>>,
    ) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let behaviour = Arc::new(Behaviour {
            status: AtomicU16::new(200),
            delay_ms: AtomicU64::new(0),
            log: Mutex::new(Vec::new()),
            feed,
        });
        let app = Router::new()
            .fallback(receive)
            .with_state(behaviour.clone());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Ok(Receiver {
            addr,
            behaviour,
            shutdown: Some(tx),
            task,
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}/hooks", self.addr)
    }

    /// Answer with this status from now on.
    pub fn set_status(&self, status: u16) {
        self.behaviour.status.store(status, Ordering::SeqCst);
    }

    /// Wait this long before answering, from now on.
    pub fn set_delay(&self, delay: Duration) {
        self.behaviour
            .delay_ms
            .store(delay.as_millis() as u64, Ordering::SeqCst);
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Received> {
        self.behaviour.log.lock().expect("receiver log").clone()
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }
}

async fn receive(State(b): State<Arc<Behaviour>>, req: Request) -> StatusCode {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, 4 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let got = Received {
        received_at_ms: crate::clock::system_now_ms(),
        path: parts.uri.path().to_string(),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect(),
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    if let Some(feed) = &b.feed {
        let _ = feed.send(got.clone());
    }
    b.log.lock().expect("receiver log").push(got);
    let delay = b.delay_ms.load(Ordering::SeqCst);
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    StatusCode::from_u16(b.status.load(Ordering::SeqCst)).unwrap_or(StatusCode::OK)
}
