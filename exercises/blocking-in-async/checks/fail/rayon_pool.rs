//! Wrong, though it leaves the workers free: the sleep runs on rayon's pool and the handler
//! awaits a oneshot. Rayon keeps one thread per core, for CPU work; sleeps parked there wait
//! in line for a thread, so with more waiting requests than cores the backoffs run one batch
//! after another. Caught by `concurrent_waits.rs` (the short backoff comes out behind the
//! long ones), on any machine with fewer than 64 cores.

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
