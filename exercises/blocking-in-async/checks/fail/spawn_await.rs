//! Wrong: the spawned task is a task like any other, so the sleep still blocks a worker (on a
//! current-thread runtime, the only one; here, one per request until none is left).

use crate::support::{Request, Response, answer};

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    #[expect(clippy::disallowed_methods, reason = "a wrong fix kept as a check")]
    tokio::spawn(async move { std::thread::sleep(request.backoff) })
        .await
        .expect("the sleep does not panic");
    answer(request.key)
}
