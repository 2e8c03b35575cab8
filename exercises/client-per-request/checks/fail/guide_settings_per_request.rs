//! Wrong: the guide's tuned builder, but still inside the request: keep-alive and an idle
//! pool of eight mean nothing to a pool that is dropped after one request.

use std::time::Duration;

/// A client of the items API at one base URL.
#[derive(Debug, Clone)]
pub struct Api {
    base: String,
}

impl Api {
    /// A client of the API at `base`.
    pub fn new(base: &str) -> Api {
        Api {
            base: base.to_string(),
        }
    }

    /// GETs item `id`; its body, or an error for a status other than 2xx.
    pub async fn item(&self, id: usize) -> Result<String, reqwest::Error> {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(8)
            .pool_idle_timeout(Duration::from_secs(90))
            .tcp_keepalive(Duration::from_secs(60))
            .tcp_nodelay(true)
            .build()?;
        client
            .get(format!("{}items/{id}", self.base))
            .send()
            .await?
            .error_for_status()?
            .text()
            .await
    }
}
