//! The anti-pattern: a new `reqwest::Client` for every request.
//!
//! It reads naturally: the function needs a client, so it makes one, uses it and lets it go.
//! But a `Client` *is* a connection pool. A new one starts empty, so the request opens a new
//! TCP connection (and, over HTTPS, runs a TLS handshake, and looks the host up in DNS again);
//! then the function returns, the `Client` is dropped, and its pool closes the connection. The
//! side that closes first keeps the socket in `TIME_WAIT` for a minute (Linux's 60 s), holding
//! its ephemeral port: a job of ten thousand requests leaves ten thousand of them behind.

use crate::contract::{ApiClient, Fetch};

/// A client built, used once and dropped, per request.
#[derive(Debug, Default)]
pub struct PerRequest;

impl ApiClient for PerRequest {
    fn fetch<'a>(&'a self, url: &'a str) -> Fetch<'a> {
        Box::pin(async move {
            // The cost is on this line: an empty pool, so a new connection every call.
            // scan: expect(client-per-request)
            let client = reqwest::Client::new();
            let body = client
                .get(url)
                .send()
                .await?
                .error_for_status()?
                .bytes()
                .await?;
            Ok(body.len())
            // `client` is dropped here, and with it the connection it just opened.
        })
    }
}
