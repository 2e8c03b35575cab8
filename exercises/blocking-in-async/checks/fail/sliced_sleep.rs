//! Wrong: still sleeps the worker thread, only in 10 ms slices with a `yield_now` between
//! them, so other tasks get a turn every 10 ms. The heartbeat keeps beating; the worker is
//! still asleep for the whole backoff, polled two hundred times per request. Caught by
//! `polls.rs`.

use std::time::{Duration, Instant};

use crate::support::{Request, Response, answer};

const SLICE: Duration = Duration::from_millis(10);

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    let deadline = Instant::now() + request.backoff;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        #[expect(clippy::disallowed_methods, reason = "a wrong fix kept as a check")]
        std::thread::sleep(left.min(SLICE));
        tokio::task::yield_now().await;
    }
    answer(request.key)
}
