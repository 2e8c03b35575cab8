//! Right, if odd for a pause: the sleep runs on rayon's pool and the handler awaits a oneshot.

use crate::support::{Request, Response, answer};

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    let (tx, rx) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        #[expect(
            clippy::disallowed_methods,
            reason = "on rayon's pool, not on a Tokio worker"
        )]
        std::thread::sleep(request.backoff);
        let _ = tx.send(answer(request.key));
    });
    rx.await.expect("the rayon job does not panic")
}
