//! Wrong: a Tokio timer, but behind one `tokio::sync::Mutex` for the whole service ("the
//! upstream is rate-limited anyway"). No worker is ever blocked, and every request waits for
//! every earlier one's backoff before its own begins. Caught by `concurrent_waits.rs`.

use tokio::sync::Mutex;

use crate::support::{Request, Response, answer};

/// One backoff at a time.
static UPSTREAM: Mutex<()> = Mutex::const_new(());

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    let _turn = UPSTREAM.lock().await;
    tokio::time::sleep(request.backoff).await;
    answer(request.key)
}
