//! Wrong: the client built lazily on first use, in a `OnceLock` each `Api` owns: a clone
//! made before the first request copies an empty cell and builds a client of its own.

use std::sync::OnceLock;

/// A client of the items API at one base URL.
#[derive(Debug, Clone)]
pub struct Api {
    base: String,
    client: OnceLock<reqwest::Client>,
}

impl Api {
    /// A client of the API at `base`.
    pub fn new(base: &str) -> Api {
        Api {
            base: base.to_string(),
            client: OnceLock::new(),
        }
    }

    /// GETs item `id`; its body, or an error for a status other than 2xx.
    pub async fn item(&self, id: usize) -> Result<String, reqwest::Error> {
        self.client
            .get_or_init(reqwest::Client::new)
            .get(format!("{}items/{id}", self.base))
            .send()
            .await?
            .error_for_status()?
            .text()
            .await
    }
}
