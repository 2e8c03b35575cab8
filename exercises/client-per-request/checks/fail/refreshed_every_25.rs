//! Wrong: a shared client, rebuilt every 25 requests ("so connections never go stale"):
//! right for a short job, a new pool (and connections) every 25 requests for a long one.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// A client of the items API at one base URL.
#[derive(Debug, Clone)]
pub struct Api {
    base: String,
    client: Arc<Mutex<reqwest::Client>>,
    calls: Arc<AtomicUsize>,
}

impl Api {
    /// A client of the API at `base`.
    pub fn new(base: &str) -> Api {
        Api {
            base: base.to_string(),
            client: Arc::new(Mutex::new(reqwest::Client::new())),
            calls: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// GETs item `id`; its body, or an error for a status other than 2xx.
    pub async fn item(&self, id: usize) -> Result<String, reqwest::Error> {
        let client = {
            let mut client = self.client.lock().expect("not poisoned");
            if self.calls.fetch_add(1, Ordering::Relaxed) % 25 == 24 {
                *client = reqwest::Client::new();
            }
            client.clone()
        };
        client
            .get(format!("{}items/{id}", self.base))
            .send()
            .await?
            .error_for_status()?
            .text()
            .await
    }
}
