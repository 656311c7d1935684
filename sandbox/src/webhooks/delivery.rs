//! The delivery engine: a background task that POSTs due deliveries, records every attempt,
//! and retries with exponential backoff. At-least-once: a delivery claimed but not finished
//! (a crash, `kill -9`) is sent again after the next start.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::{Notify, Semaphore, watch};

use super::destination;
use crate::clock::rfc3339_ms;
use crate::state::Shared;
use crate::store::deliveries::{self, Due};

/// Timing of deliveries; the defaults are the platform's (SPEC "Webhooks").
#[derive(Clone, Debug)]
pub struct DeliveryConfig {
    /// How long a receiver has to answer.
    pub timeout: Duration,
    /// The first retry delay; it doubles on each failure…
    pub retry_base: Duration,
    /// …up to this.
    pub retry_max: Duration,
    /// A delivery still failing this long after its event is discarded.
    pub max_age: Duration,
    /// Deliveries in flight at once.
    pub concurrency: usize,
    /// Deliver to loopback receivers (local testing only; `--allow-loopback-webhooks`).
    pub allow_loopback: bool,
    /// Deliver to destinations off this machine (`--no-external-webhooks` turns it off, for
    /// test suites and fuzzing: attempts elsewhere are recorded as not sent).
    pub external: bool,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        DeliveryConfig {
            timeout: Duration::from_secs(5),
            retry_base: Duration::from_secs(1),
            retry_max: Duration::from_secs(3600),
            max_age: Duration::from_secs(12 * 3600),
            concurrency: 32,
            allow_loopback: false,
            external: true,
        }
    }
}

/// The delay before attempt `attempts + 1`, after `attempts` failures.
pub fn backoff(config: &DeliveryConfig, attempts: u32) -> Duration {
    let factor = 1u32 << attempts.saturating_sub(1).min(20);
    config
        .retry_base
        .saturating_mul(factor)
        .min(config.retry_max)
}

/// What one attempt came to.
#[derive(Debug, Clone)]
pub struct AttemptResult {
    pub status_code: Option<u16>,
    pub duration_ms: i64,
    pub error: Option<String>,
}

impl AttemptResult {
    pub fn succeeded(&self) -> bool {
        self.status_code.is_some_and(|c| (200..300).contains(&c))
    }
}

pub async fn run(state: Shared, notify: Arc<Notify>, mut shutdown: watch::Receiver<bool>) {
    {
        if let Err(e) = deliveries::resume(&state.db()) {
            crate::log_line!("webhook deliveries: cannot resume: {e}");
        }
    }
    let config = state.delivery.clone();
    let client = reqwest::Client::builder()
        .timeout(config.timeout)
        .redirect(reqwest::redirect::Policy::none())
        // A proxy from the environment would resolve names itself, past the resolver below.
        .no_proxy()
        .dns_resolver(Arc::new(destination::GuardedResolver {
            allow_loopback: config.allow_loopback,
        }))
        .user_agent(concat!(
            "svcacct-sandbox-webhooks/",
            env!("CARGO_PKG_VERSION")
        ))
        .build()
        .expect("HTTP client");
    let slots = Arc::new(Semaphore::new(config.concurrency));
    loop {
        if *shutdown.borrow() {
            return;
        }
        let (due, next_at) = {
            let (state, limit) = (state.clone(), slots.available_permits().max(1));
            tokio::task::spawn_blocking(move || claim(&state, limit))
                .await
                .unwrap_or_default()
        };
        for d in due {
            let permit = slots.clone().acquire_owned().await.expect("semaphore open");
            let (state, client, notify) = (state.clone(), client.clone(), notify.clone());
            tokio::spawn(async move {
                deliver(&state, &client, d).await;
                drop(permit);
                notify.notify_one();
            });
        }
        let wait = next_at
            .map(|at| Duration::from_millis((at - state.clock.now_ms()).clamp(0, 1000) as u64))
            .unwrap_or(Duration::from_secs(1));
        tokio::select! {
            _ = notify.notified() => {}
            _ = tokio::time::sleep(wait) => {}
            _ = shutdown.changed() => {}
        }
    }
}

/// Mark up to `limit` due deliveries as sending; also say when the next one falls due.
fn claim(state: &Shared, limit: usize) -> (Vec<Due>, Option<i64>) {
    deliveries::claim(&state.db(), state.clock.now_ms(), limit).unwrap_or_else(|e| {
        crate::log_line!("webhook deliveries: {e}");
        (Vec::new(), None)
    })
}

struct Target {
    url: String,
    basic: Option<(String, String)>,
    headers: Vec<(String, String)>,
    body: Value,
}

fn load_target(state: &Shared, event_id: &str, webhook_id: i64) -> Result<Option<Target>, String> {
    let conn = state.db();
    let event = crate::store::events::get(&conn, event_id)
        .map_err(|e| e.to_string())?
        .ok_or("the event is gone")?;
    let company_id = event.company_id;
    // The webhook of the event's own company, or none: never another company's.
    let Some(hook) =
        crate::store::webhooks::get(&conn, company_id, webhook_id).map_err(|e| e.to_string())?
    else {
        return Ok(None);
    };
    let mut plain = Vec::new();
    for h in hook.headers {
        let value = match (&h.value, &h.secret) {
            (Some(v), _) => v.clone(),
            (None, Some(sealed)) => state
                .seal
                .open(sealed)
                .ok_or("a hidden header value cannot be decrypted")?,
            (None, None) => continue,
        };
        plain.push((h.name, value));
    }
    let basic = match (hook.basic_user, hook.sealed_password) {
        (Some(u), Some(sealed)) => Some((
            u,
            state
                .seal
                .open(&sealed)
                .ok_or("the basic-auth password cannot be decrypted")?,
        )),
        (Some(u), None) => Some((u, String::new())),
        _ => None,
    };
    let body = json!({
        "id": event_id,
        "type": event.event_type,
        "occurred_at": rfc3339_ms(event.occurred_at_ms),
        "company_id": company_id,
        "data": serde_json::from_str::<Value>(&event.data).unwrap_or(Value::Null),
    });
    Ok(Some(Target {
        url: hook.url,
        basic,
        headers: plain,
        body,
    }))
}

/// One HTTP attempt.
pub async fn attempt(
    client: &reqwest::Client,
    config: &DeliveryConfig,
    url: &str,
    basic: Option<&(String, String)>,
    headers: &[(String, String)],
    body: &Value,
    extra: &[(&str, String)],
) -> AttemptResult {
    let started = Instant::now();
    let target = match destination::check(url, config.allow_loopback) {
        Ok(target) => target,
        Err(why) => {
            return AttemptResult {
                status_code: None,
                duration_ms: 0,
                error: Some(format!("destination not allowed: {why}")),
            };
        }
    };
    if !config.external && !destination::is_loopback(&target) {
        return AttemptResult {
            status_code: None,
            duration_ms: 0,
            error: Some(
                "not sent: this sandbox delivers only to loopback receivers (--no-external-webhooks)"
                    .into(),
            ),
        };
    }
    let mut req = client.post(url).json(body);
    if let Some((u, p)) = basic {
        req = req.basic_auth(u, Some(p));
    }
    for (name, value) in headers {
        req = req.header(name.as_str(), value.as_str());
    }
    for (name, value) in extra {
        req = req.header(*name, value.as_str());
    }
    let outcome = req.send().await;
    let duration_ms = started.elapsed().as_millis() as i64;
    match outcome {
        Ok(resp) => {
            let code = resp.status().as_u16();
            drain_prefix(resp).await;
            let error =
                (!(200..300).contains(&code)).then(|| format!("receiver answered HTTP {code}"));
            AttemptResult {
                status_code: Some(code),
                duration_ms,
                error,
            }
        }
        Err(e) => {
            let what = if e.is_timeout() {
                "no answer within the timeout".to_string()
            } else if e.is_connect() {
                "could not connect".to_string()
            } else {
                e.to_string()
            };
            AttemptResult {
                status_code: None,
                duration_ms,
                error: Some(what),
            }
        }
    }
}

/// The most of a receiver's answer that is read: the body is not kept, and a huge (or endless)
/// answer must not fill the memory.
const ANSWER_PREFIX: usize = 64 * 1024;

async fn drain_prefix(mut resp: reqwest::Response) {
    let mut read = 0;
    while read < ANSWER_PREFIX {
        match resp.chunk().await {
            Ok(Some(chunk)) => read += chunk.len(),
            _ => break,
        }
    }
}

async fn deliver(state: &Shared, client: &reqwest::Client, d: Due) {
    let attempt_no = d.attempts + 1;
    let started_ms = state.clock.now_ms();
    let target = {
        let (state, due) = (state.clone(), (d.event_id.clone(), d.webhook_id));
        tokio::task::spawn_blocking(move || load_target(&state, &due.0, due.1))
            .await
            .unwrap_or_else(|_| Err("the delivery could not be prepared".into()))
    };
    let result = match target {
        Ok(Some(t)) => {
            let extra = [
                ("x-webhook-id", d.webhook_id.to_string()),
                ("x-event-id", d.event_id.clone()),
                (
                    "x-event-type",
                    t.body["type"].as_str().unwrap_or_default().to_string(),
                ),
                ("x-delivery-id", d.id.to_string()),
                ("x-delivery-attempt", attempt_no.to_string()),
            ];
            attempt(
                client,
                &state.delivery,
                &t.url,
                t.basic.as_ref(),
                &t.headers,
                &t.body,
                &extra,
            )
            .await
        }
        Ok(None) => AttemptResult {
            status_code: None,
            duration_ms: 0,
            error: Some("the webhook was deleted".into()),
        },
        Err(e) => AttemptResult {
            status_code: None,
            duration_ms: 0,
            error: Some(e),
        },
    };
    let state = state.clone();
    let _ =
        tokio::task::spawn_blocking(move || record(&state, &d, attempt_no, started_ms, &result))
            .await;
}

fn record(state: &Shared, d: &Due, attempt_no: u32, started_ms: i64, r: &AttemptResult) {
    let config = &state.delivery;
    let now = state.clock.now_ms();
    let status = if r.succeeded() {
        "succeeded"
    } else if now - d.created_at_ms >= config.max_age.as_millis() as i64
        || r.error.as_deref() == Some("the webhook was deleted")
    {
        "discarded"
    } else {
        "failed"
    };
    let next = now + backoff(config, attempt_no).as_millis() as i64;
    let attempt = deliveries::Attempt {
        number: attempt_no,
        started_at_ms: started_ms,
        status_code: r.status_code,
        duration_ms: r.duration_ms,
        error: r.error.as_deref(),
    };
    let result = deliveries::record(&state.db(), d.id, &attempt, status, next, now);
    if let Err(e) = result {
        crate::log_line!(
            "webhook deliveries: cannot record attempt of delivery {}: {e}",
            d.id
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_one_second_to_an_hour() {
        let c = DeliveryConfig::default();
        assert_eq!(backoff(&c, 1), Duration::from_secs(1));
        assert_eq!(backoff(&c, 2), Duration::from_secs(2));
        assert_eq!(backoff(&c, 5), Duration::from_secs(16));
        assert_eq!(backoff(&c, 13), Duration::from_secs(3600));
        assert_eq!(backoff(&c, 40), Duration::from_secs(3600));
    }
}
