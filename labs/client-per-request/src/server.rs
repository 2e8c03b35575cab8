//! The API the sync job calls: the workspace's loopback HTTP/1.1 server, answering
//! `GET /items/<n>` with a small JSON body, and counting connections and requests.
//!
//! The server is [`loopback_http::Server`] unchanged: it binds `127.0.0.1:0`, keeps
//! connections alive (hyper's default), is bounded in connections and requests, and stops when
//! dropped. It counts what this lab is about from the server's side (connections accepted);
//! the client's side (sockets in `TIME_WAIT`, file descriptors) is read from the kernel by
//! [`crate::sockets`].

use loopback_http::{Limits, Server, text};

/// Starts the API with the server's default limits.
pub async fn start() -> std::io::Result<Server> {
    start_with(Limits::default()).await
}

/// Starts the API with the given limits.
pub async fn start_with(limits: Limits) -> std::io::Result<Server> {
    Server::start_with(limits, |_request| async { text(200, r#"{"item":"ok"}"#) }).await
}

/// The URL of item `n` on `server`.
pub fn item_url(server: &Server, n: usize) -> String {
    format!("{}items/{n}", server.url())
}
