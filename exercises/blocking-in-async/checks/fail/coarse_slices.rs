//! Wrong: `sliced_sleep.rs` with 300 ms slices, few enough yields to stay under the poll
//! budget of `polls.rs`. But then every worker is asleep 300 ms at a time, and the heartbeat
//! gets one beat per slice. Caught by `heartbeat.rs`, which needs twenty beats before the
//! one-second backoff is over.

use std::time::{Duration, Instant};

use crate::support::{Request, Response, answer};

const SLICE: Duration = Duration::from_millis(300);

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
