//! Wrong: an `async` block around the sleep changes nothing; it still runs on the worker.

use crate::support::{Request, Response, answer};

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    #[expect(clippy::disallowed_methods, reason = "a wrong fix kept as a check")]
    async {
        std::thread::sleep(request.backoff);
    }
    .await;
    answer(request.key)
}
