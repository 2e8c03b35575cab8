//! Wrong: one client per `Api`, but a hand-written `Clone` that builds a new one ("each
//! clone gets its own, to be safe"): a clone per request is a client per request.

/// A client of the items API at one base URL.
#[derive(Debug)]
pub struct Api {
    base: String,
    client: reqwest::Client,
}

impl Clone for Api {
    fn clone(&self) -> Api {
        Api::new(&self.base)
    }
}

impl Api {
    /// A client of the API at `base`.
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
