//! Ctrl-C, listened for from the moment it is installed (a signal that arrives before the
//! first `.await` is not lost, and does not kill the process): `--follow` loops and the device
//! sign-in stop cleanly on it.

use crate::error::{Error, Result};

/// Ctrl-C, listened for from the moment this is created.
pub struct Interrupt {
    #[cfg(unix)]
    signal: tokio::signal::unix::Signal,
}

impl Interrupt {
    pub fn install() -> Result<Self> {
        #[cfg(unix)]
        {
            let signal = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
                .map_err(|e| Error::internal(format!("cannot listen for Ctrl-C: {e}")))?;
            Ok(Interrupt { signal })
        }
        #[cfg(not(unix))]
        Ok(Interrupt {})
    }

    pub async fn recv(&mut self) {
        #[cfg(unix)]
        self.signal.recv().await;
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}
