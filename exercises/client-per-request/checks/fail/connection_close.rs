//! Wrong: one client, but every request says `Connection: close` ("the server should
//! not keep sockets for us"): the server closes each connection after its answer.

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
            client: {
                let mut headers = reqwest::header::HeaderMap::new();
                headers.insert(
                    reqwest::header::CONNECTION,
                    reqwest::header::HeaderValue::from_static("close"),
                );
                reqwest::Client::builder()
                    .default_headers(headers)
                    .build()
                    .expect("a client")
            },
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
