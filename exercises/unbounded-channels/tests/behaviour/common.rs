//! The producer every test drives the pipeline with, and the accounting every run must pass.
//!
//! The gauge ([`Held`]) lives in `support.rs` and is owned by the test: each event counts
//! itself from `Event::new` until it is dropped, wherever it waits, so the peak it reports is
//! the real number of events alive at once, whatever `pipeline.rs` does with them.

use std::time::Duration;

use exercise_unbounded_channels::support::Held;
use exercise_unbounded_channels::{Event, Finished, Sink, start};

/// Events the pipeline may hold at once, counting the one being pushed and the one in the sink.
pub const LIMIT: u64 = 64;

/// Pushes `events` events into a pipeline draining into `sink`, sleeping `gap` on the paused
/// clock after each `push` returns (`Duration::ZERO`: no sleep at all, a burst). Returns what
/// `finish` gave back and the most events that were alive at once.
pub async fn run(events: u64, gap: Duration, sink: Sink) -> (Finished, u64) {
    let held = Held::new();
    let pipeline = start(sink);
    for seq in 0..events {
        pipeline.push(Event::new(seq, &held)).await;
        if !gap.is_zero() {
            tokio::time::sleep(gap).await;
        }
    }
    let finished = pipeline.finish().await;
    assert_eq!(
        held.now(),
        0,
        "events still exist after finish returned: a task or queue still holds them"
    );
    (finished, held.peak())
}

/// Every event was handled in the order it arrived, or counted as dropped; `what` names the run.
pub fn assert_accounted(finished: &Finished, events: u64, what: &str) {
    let handled = finished.sink.handled();
    assert!(
        handled.windows(2).all(|pair| pair[0] < pair[1]),
        "{what}: the sink handled events out of order"
    );
    assert_eq!(
        handled.len() as u64 + finished.dropped,
        events,
        "{what}: {} events were handled and {} counted as dropped, but {events} were pushed",
        handled.len(),
        finished.dropped
    );
}

/// The peak stayed within [`LIMIT`]; `what` names the run.
pub fn assert_bounded(peak: u64, what: &str) {
    assert!(
        peak <= LIMIT,
        "{what}: the pipeline held {peak} events at once (the limit is {LIMIT}): events pile up \
         somewhere (a queue, a buffer, waiting tasks) while the sink is busy"
    );
}
