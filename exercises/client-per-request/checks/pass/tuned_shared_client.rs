//! Right: one shared client with settings of its own (timeouts, a larger idle cap than the
//! job's concurrency), checking the status by hand instead of `error_for_status`.

use std::time::Duration;

/// A client of the items API at one base URL.
#[derive(Debug, Clone)]
pub struct Api {
    base: String,
    client: reqwest::Client,
}

impl Api {
    /// A client of the API at `base`.
    pub fn new(base: &str) -> Api {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(64)
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .build()
            .expect("a client with no TLS builds");
        Api {
            base: base.to_string(),
            client,
        }
    }

    /// GETs item `id`; its body, or an error for a status other than 2xx.
    pub async fn item(&self, id: usize) -> Result<String, reqwest::Error> {
        let response = self
            .client
            .get(format!("{}items/{id}", self.base))
            .send()
            .await?;
        match response.error_for_status_ref() {
            Ok(_) => response.text().await,
            Err(error) => Err(error),
        }
    }
}
