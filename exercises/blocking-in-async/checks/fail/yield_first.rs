//! Wrong: yielding once before blocking gives the other tasks one turn, then blocks anyway.

use crate::support::{Request, Response, answer};

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    tokio::task::yield_now().await;
    #[expect(clippy::disallowed_methods, reason = "a wrong fix kept as a check")]
    std::thread::sleep(request.backoff);
    answer(request.key)
}
