//! The sync job's API client, fixed: one `reqwest::Client` per `Api`, built in `new`.
//!
//! A `Client` is an `Arc` around its connection pool, so the derived `Clone` shares the pool:
//! every clone of the `Api`, in every task, draws from the same idle connections.

/// A client of the items API at one base URL.
#[derive(Debug, Clone)]
pub struct Api {
    base: String,
    // Built once; its clones are reference counts on one pool.
    client: reqwest::Client,
}

impl Api {
    /// A client of the API at `base` (`http://127.0.0.1:<port>/`).
    pub fn new(base: &str) -> Api {
        Api {
            base: base.to_string(),
            client: reqwest::Client::new(),
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
