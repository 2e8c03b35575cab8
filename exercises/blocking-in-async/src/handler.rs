//! # Exercise: blocking in async code
//!
//! This is a request handler in a service that runs on a multi-thread Tokio runtime, next to
//! many other requests and a heartbeat the load balancer watches. Before answering, the
//! handler must wait out the backoff its upstream asked for. It waits with
//! `std::thread::sleep`, which puts the whole worker thread to sleep: with a few slow requests
//! in flight every worker is asleep, and the heartbeat stops.
//!
//! Make the tests pass (`cargo workshop` runs them):
//! - while every worker has a request waiting out a long backoff, the heartbeat keeps beating;
//! - every response is right, and none comes before its backoff is over.
//!
//! Stuck? `cargo workshop hint blocking-in-async`.

use crate::support::{Request, Response, answer};

/// Waits out the request's backoff, then answers it.
#[expect(
    clippy::disallowed_methods,
    reason = "the starter is the anti-pattern: once fixed, delete this attribute"
)]
pub async fn handle(request: Request) -> Response {
    std::thread::sleep(request.backoff);
    answer(request.key)
}
