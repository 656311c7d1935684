//! A fresh sandbox for one page: in this process, on 127.0.0.1:0, with its own data directory,
//! set up as `svcacct-sandbox serve --explore` is (the docs' examples assume it), and reaching
//! nothing off this machine.

use svcacct_sandbox::receiver::Receiver;
use svcacct_sandbox::{Bootstrap, Config, Running};
use tempfile::TempDir;

pub struct Sandbox {
    rt: tokio::runtime::Runtime,
    running: Option<Running>,
    receiver: Option<Receiver>,
    _data: TempDir,
}

impl Sandbox {
    pub fn start() -> Self {
        let data = tempfile::tempdir().expect("temp dir");
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let mut config = Config::ephemeral(data.path());
        // --explore: at least 600 requests a minute, webhooks and issuers on loopback.
        config.rate_limit_per_minute = 600;
        config.delivery.allow_loopback = true;
        config.allow_loopback_issuers = true;
        // A test never delivers off this machine (hooks.example.com is recorded as not sent).
        config.delivery.external = false;
        let running = rt
            .block_on(svcacct_sandbox::start(config))
            .expect("sandbox starts");
        Sandbox {
            rt,
            running: Some(running),
            receiver: None,
            _data: data,
        }
    }

    fn running(&self) -> &Running {
        self.running.as_ref().expect("running")
    }

    pub fn url(&self) -> &str {
        &self.running().base_url
    }

    /// Its data directory (SQLite, bootstrap.json).
    pub fn data_dir(&self) -> &std::path::Path {
        self._data.path()
    }

    /// A webhook receiver on 127.0.0.1 that answers 200 (`svcacct-sandbox receive`): its
    /// address.
    pub fn receiver_addr(&mut self) -> String {
        if self.receiver.is_none() {
            let r = self
                .rt
                .block_on(Receiver::start(([127, 0, 0, 1], 0).into(), None))
                .expect("receiver starts");
            self.receiver = Some(r);
        }
        self.receiver.as_ref().unwrap().addr.to_string()
    }

    pub fn bootstrap(&self) -> &Bootstrap {
        &self.running().bootstrap
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(r) = self.receiver.take() {
            self.rt.block_on(r.stop());
        }
        if let Some(r) = self.running.take() {
            self.rt.block_on(r.stop());
        }
    }
}
