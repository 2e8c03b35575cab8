//! Wrong: the guide's client, `http2_prior_knowledge()` included ("better for
//! multiplexing"): it speaks HTTP/2 to a server that speaks HTTP/1.1, and every request fails.

/// A client of the items API at one base URL.
#[derive(Debug, Clone)]
pub struct Api {
    base: String,
    client: reqwest::Client,
}

impl Api {
    /// A client of the API at `base`.
    pub fn new(base: &str) -> Api {
        Api {
            base: base.to_string(),
            client: reqwest::Client::builder()
                .pool_max_idle_per_host(8)
                .tcp_nodelay(true)
                .http2_prior_knowledge()
                .build()
                .expect("a client"),
        }
    }

    /// GETs item `id`; its body, or an error for a status other than 2xx.
    pub async fn item(&self, id: usize) -> Result<String, reqwest::Error> {
        self.client
            .get(format!("{}items/{id}", self.base))
            .send()
            .await?
            .error_for_status()?
            .text()
            .await
    }
}
