//! Right: the sleep moves to Tokio's blocking pool, and the handler awaits it there.

use crate::support::{Request, Response, answer};

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    #[expect(
        clippy::disallowed_methods,
        reason = "on the blocking pool, where sleeping is allowed"
    )]
    tokio::task::spawn_blocking(move || std::thread::sleep(request.backoff))
        .await
        .expect("the sleep does not panic");
    answer(request.key)
}
