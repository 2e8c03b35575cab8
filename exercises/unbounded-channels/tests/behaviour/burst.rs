//! A burst: a thousand events pushed back to back, with no pause between them.
//!
//! In `slow_consumer.rs` the producer sleeps a millisecond after every push, so the sink gets
//! a turn between any two of them. A burst gives it none unless the pipeline makes one:
//! `push` is awaited a thousand times in a row, and whenever it returns at once the next event
//! is created at once. A bound that only holds because the producer happens to pause (or one
//! that trusts the scheduler to run the consumer "soon enough") is exposed here: the peak
//! must stay within the limit while the burst lasts, and every event must still be handled in
//! order or counted as dropped. Time is paused, so the sink's costs take no real time.

use std::time::Duration;

use crate::common::{assert_accounted, assert_bounded, run};
use exercise_unbounded_channels::Sink;

const EVENTS: u64 = 1_000;

#[tokio::test(start_paused = true)]
async fn a_burst_into_a_slow_sink_stays_bounded() {
    let (finished, peak) = run(EVENTS, Duration::ZERO, Sink::new(Duration::from_millis(2))).await;
    assert_bounded(peak, "a burst of 1000 into a 2 ms sink");
    assert_accounted(&finished, EVENTS, "a burst of 1000 into a 2 ms sink");
}

#[tokio::test(start_paused = true)]
async fn a_burst_into_a_sink_that_stalls_stays_bounded() {
    // Mostly quick, but every tenth event takes a second: the backlog builds during a stall.
    let mut costs = vec![Duration::from_micros(100); 9];
    costs.push(Duration::from_secs(1));
    let (finished, peak) = run(EVENTS, Duration::ZERO, Sink::with_costs(costs)).await;
    assert_bounded(peak, "a burst of 1000 into a sink that stalls");
    assert_accounted(&finished, EVENTS, "a burst of 1000 into a sink that stalls");
}
