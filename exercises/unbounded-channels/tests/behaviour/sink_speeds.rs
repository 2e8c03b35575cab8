//! The bound must hold whatever the sink's speed, not only at the speed the other tests use.
//!
//! `slow_consumer.rs` uses one sink, two milliseconds per event. A pipeline tuned to that
//! number (a `push` that sleeps two milliseconds, a rate limit, a timeout that gives up
//! waiting after a while and queues the event somewhere else) passes there and fails the
//! moment the database gets slower. Backpressure or shedding works for any sink, so the same
//! arrivals (one per millisecond) go here into sinks from a little slower to hundreds of times
//! slower, and into one whose cost jumps now and then. Every run must stay within the limit
//! and account for every event. Time is paused: a 250 ms sink costs no real time.

use std::time::Duration;

use crate::common::{assert_accounted, assert_bounded, run};
use exercise_unbounded_channels::Sink;

const EVENTS: u64 = 1_000;
const GAP: Duration = Duration::from_millis(1);

#[tokio::test(start_paused = true)]
async fn the_bound_holds_for_sinks_of_every_speed() {
    for cost_ms in [3, 10, 50, 250] {
        let what = format!("a {cost_ms} ms sink, an event every ms");
        let (finished, peak) = run(EVENTS, GAP, Sink::new(Duration::from_millis(cost_ms))).await;
        assert_bounded(peak, &what);
        assert_accounted(&finished, EVENTS, &what);
    }
}

#[tokio::test(start_paused = true)]
async fn the_bound_holds_for_a_sink_whose_speed_changes() {
    // Quick for a while, then very slow for a while: no fixed pace matches both.
    let mut costs = vec![Duration::from_micros(200); 50];
    costs.extend(vec![Duration::from_millis(40); 50]);
    let what = "a sink that alternates between 0.2 ms and 40 ms";
    let (finished, peak) = run(EVENTS, GAP, Sink::with_costs(costs)).await;
    assert_bounded(peak, what);
    assert_accounted(&finished, EVENTS, what);
}
