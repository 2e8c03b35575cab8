//! The sync job's API client: `Api::item(id)` GETs `<base>items/<id>` and returns the body.
//!
//! The job calls it hundreds of times, from several tasks at once, each holding a clone of
//! the `Api`. As written, every call builds its own `reqwest::Client`, so every call opens a
//! new TCP connection and closes it again. Make the connections the job opens follow how many
//! requests it has in flight, not how many it makes, and keep every answer as it is: the body
//! on a 2xx, an `Err` on any other status.

/// A client of the items API at one base URL.
#[derive(Debug, Clone)]
pub struct Api {
    base: String,
}

impl Api {
    /// A client of the API at `base` (`http://127.0.0.1:<port>/`).
    pub fn new(base: &str) -> Api {
        Api {
            base: base.to_string(),
        }
    }

    /// GETs item `id`; its body, or an error for a status other than 2xx.
    pub async fn item(&self, id: usize) -> Result<String, reqwest::Error> {
        let client = reqwest::Client::new();
        client
            .get(format!("{}items/{id}", self.base))
            .send()
            .await?
            .error_for_status()?
            .text()
            .await
    }
}
