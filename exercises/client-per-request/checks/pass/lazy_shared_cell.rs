//! Right: built lazily on first use, but in an `Arc<OnceLock>` that every clone shares, so
//! there is one client however early the clones are made.

use std::sync::{Arc, OnceLock};

/// A client of the items API at one base URL.
#[derive(Debug, Clone)]
pub struct Api {
    base: String,
    client: Arc<OnceLock<reqwest::Client>>,
}

impl Api {
    /// A client of the API at `base`.
    pub fn new(base: &str) -> Api {
        Api {
            base: base.to_string(),
            client: Arc::new(OnceLock::new()),
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
