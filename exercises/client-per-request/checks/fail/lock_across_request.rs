//! Wrong: one client behind an async `Mutex` held for the whole request ("one request at a
//! time uses one connection"): one connection indeed, and the job's concurrency gone.

use std::sync::Arc;

use tokio::sync::Mutex;

/// A client of the items API at one base URL.
#[derive(Debug, Clone)]
pub struct Api {
    base: String,
    client: Arc<Mutex<reqwest::Client>>,
}

impl Api {
    /// A client of the API at `base`.
    pub fn new(base: &str) -> Api {
        Api {
            base: base.to_string(),
            client: Arc::new(Mutex::new(reqwest::Client::new())),
        }
    }

    /// GETs item `id`; its body, or an error for a status other than 2xx.
    pub async fn item(&self, id: usize) -> Result<String, reqwest::Error> {
        let client = self.client.lock().await;
        client
            .get(format!("{}items/{id}", self.base))
            .send()
            .await?
            .error_for_status()?
            .text()
            .await
    }
}
