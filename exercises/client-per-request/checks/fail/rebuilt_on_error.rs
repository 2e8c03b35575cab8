//! Wrong: the client is stored, but replaced by a fresh one after every error ("a failed
//! request may have left the pool broken"): each 503 costs a new pool and a new connection.

use std::sync::{Arc, Mutex};

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
        let client = self.client.lock().expect("not poisoned").clone();
        let answer = async {
            client
                .get(format!("{}items/{id}", self.base))
                .send()
                .await?
                .error_for_status()?
                .text()
                .await
        }
        .await;
        if answer.is_err() {
            *self.client.lock().expect("not poisoned") = reqwest::Client::new();
        }
        answer
    }
}
