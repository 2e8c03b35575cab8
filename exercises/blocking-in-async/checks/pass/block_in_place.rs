//! Right on this service's multi-thread runtime: the worker hands its other tasks to a new
//! thread before it sleeps. (It would panic on a current-thread runtime.)

use crate::support::{Request, Response, answer};

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    #[expect(clippy::disallowed_methods, reason = "the runtime was told first")]
    tokio::task::block_in_place(|| std::thread::sleep(request.backoff));
    answer(request.key)
}
