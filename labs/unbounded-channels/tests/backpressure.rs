//! What a bounded channel with awaited sends does instead: it slows the producer down.
//!
//! Same overload as in `memory_bound.rs` (an event every 1 ms, 2 ms to handle one), on paused
//! time. Durations here are virtual: the scheduler's arithmetic, not a measurement of this
//! machine, so they are exact and the tests cannot flake.

use std::time::Duration;

use unbounded_channels::Variant;
use unbounded_channels::scenario::{Finish, Outcome, Scenario};
use unbounded_channels::sink::Sink;

const EVENTS: u64 = 500;
const CAPACITY: usize = 16;
const GAP: Duration = Duration::from_millis(1);
const COST: Duration = Duration::from_millis(2);

fn overload(variant: Variant) -> Scenario {
    Scenario {
        variant,
        capacity: CAPACITY,
        events: EVENTS,
        arrival_gap: GAP,
        sink: Sink::Sleep(COST),
        max_queued: u64::MAX,
        heap_cap: None,
        arrivals_end: None,
        finish: Finish::Drain,
    }
}

async fn run(variant: Variant) -> Outcome {
    overload(variant).run().await
}

#[tokio::test(start_paused = true)]
async fn a_full_bounded_channel_slows_the_producer_to_the_consumers_pace() {
    let fixed = run(Variant::Fixed).await;
    let anti = run(Variant::Anti).await;
    // The unbounded producer keeps the arrivals' pace: it is done when the last one arrives.
    assert!(anti.arrivals_took < GAP * (EVENTS as u32 + 1));
    assert!(anti.producer_lag < GAP);
    // The bounded producer can only send as fast as the consumer takes events out, so its
    // last send returns about (events - capacity) handling times after the start.
    let consumer_pace = COST * (EVENTS as u32 - CAPACITY as u32 - 2);
    assert!(
        fixed.arrivals_took >= consumer_pace,
        "{:?} < {consumer_pace:?}",
        fixed.arrivals_took
    );
    // ...which leaves it far behind the arrivals (the last one was due at EVENTS ms): the
    // backlog now waits upstream, in whatever feeds the producer.
    assert!(fixed.producer_lag >= consumer_pace - GAP * EVENTS as u32);
    // The consumer's total time is the same either way: the queue bought no throughput.
    let tolerance = COST * 2;
    assert!(
        fixed.took.abs_diff(anti.took) <= tolerance,
        "{:?} vs {:?}",
        fixed.took,
        anti.took
    );
}

#[tokio::test(start_paused = true)]
async fn backpressure_loses_nothing_and_keeps_order() {
    let outcome = run(Variant::Fixed).await;
    assert_eq!(outcome.delivered, EVENTS);
    assert_eq!(outcome.stats.dropped(), 0);
    assert!(outcome.in_order);
}

#[tokio::test(start_paused = true)]
async fn with_a_bound_the_wait_in_the_queue_is_bounded_too() {
    let fixed = run(Variant::Fixed).await;
    let anti = run(Variant::Anti).await;
    // At most a full queue ahead of an event (plus the one in hand, plus timer rounding).
    let bound = COST * (CAPACITY as u32 + 2);
    assert!(
        fixed.latency.max <= bound,
        "{:?} > {bound:?}",
        fixed.latency.max
    );
    // Unbounded, the last event arrives while about half of the run is still queued ahead
    // of it: it waits (COST - GAP) for each event that arrived before it.
    assert!(
        anti.latency.max >= (COST - GAP) * (EVENTS as u32 * 9 / 10),
        "{:?}",
        anti.latency.max
    );
    assert!(anti.latency.max > 10 * fixed.latency.max);
}

#[tokio::test(start_paused = true)]
async fn an_end_to_the_arrivals_stops_a_waiting_producer_on_time_and_counts_what_it_never_sent() {
    // Without an end, `fixed` sends all 500 events at the consumer's pace, about a second
    // after the last one arrived. With one, the producer stops when the arrivals do.
    let end = GAP * 200;
    let outcome = Scenario {
        arrivals_end: Some(end),
        finish: Finish::Abandon,
        ..overload(Variant::Fixed)
    }
    .run()
    .await;
    assert_eq!(
        outcome.arrivals_took, end,
        "the producer stopped exactly at the end"
    );
    // The consumer finishes the event in hand, no more.
    assert!(outcome.took <= end + COST, "{:?}", outcome.took);
    // Events 0..200 were due; what the producer did not send is the backlog upstream.
    assert_eq!(outcome.arrived, 200);
    assert_eq!(outcome.stats.sent() + outcome.unsent, 200);
    assert!(
        outcome.unsent >= 200 - (200 / 2 + CAPACITY as u64 + 2),
        "{outcome:?}"
    );
    assert!(!outcome.stopped_at_cap);
}

#[tokio::test(start_paused = true)]
async fn a_producer_that_keeps_pace_has_sent_everything_due_when_the_arrivals_end() {
    let outcome = Scenario {
        arrivals_end: Some(GAP * 200),
        finish: Finish::Abandon,
        ..overload(Variant::Anti)
    }
    .run()
    .await;
    assert_eq!(outcome.arrived, 200);
    assert_eq!(outcome.unsent, 0);
}
