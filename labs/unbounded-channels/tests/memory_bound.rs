//! How much each variant holds when the consumer is slower than the producer.
//!
//! Events arrive every millisecond and the consumer needs two per event, so half of every
//! second's arrivals cannot be handled in that second. Time is paused: Tokio's clock jumps
//! from timer to timer, the runs take no real time, and every run is the same.

use std::time::Duration;

use unbounded_channels::Variant;
use unbounded_channels::scenario::{Finish, Outcome, Scenario};
use unbounded_channels::sink::Sink;

const EVENTS: u64 = 1_000;
const CAPACITY: usize = 32;

/// Arrivals at twice the rate the consumer can handle.
fn overload(variant: Variant) -> Scenario {
    Scenario {
        variant,
        capacity: CAPACITY,
        events: EVENTS,
        arrival_gap: Duration::from_millis(1),
        sink: Sink::Sleep(Duration::from_millis(2)),
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
async fn the_unbounded_queue_grows_for_as_long_as_the_overload_lasts() {
    let running = overload(Variant::Anti).start();
    let counters = running.counters();
    // Read the depth every 100 ms of (virtual) time while events arrive.
    let mut depths = Vec::new();
    for _ in 0..9 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        depths.push(counters.snapshot().queued());
    }
    let outcome = running.finish().await;
    assert!(
        depths.windows(2).all(|pair| pair[1] > pair[0]),
        "the queue should grow at every reading: {depths:?}"
    );
    // Half of the arrivals cannot have been handled by the time the last one arrives.
    assert!(
        outcome.max_queued >= EVENTS * 45 / 100,
        "{}",
        outcome.max_queued
    );
    // It loses nothing: it only makes every event wait longer.
    assert_eq!(outcome.delivered, EVENTS);
    assert_eq!(outcome.stats.dropped(), 0);
}

#[tokio::test(start_paused = true)]
async fn bounded_variants_never_hold_more_than_their_capacity() {
    for variant in [Variant::Fixed, Variant::ShedNewest, Variant::ShedOldest] {
        let outcome = run(variant).await;
        assert!(
            outcome.max_queued <= CAPACITY as u64,
            "{variant} held {} events",
            outcome.max_queued
        );
        // And it was full at some point: the bound is what held the queue back.
        assert_eq!(outcome.max_queued, CAPACITY as u64, "{variant}");
    }
}

#[tokio::test(start_paused = true)]
async fn spawning_each_send_holds_as_much_as_the_unbounded_queue() {
    let disguised = run(Variant::SpawnedSend).await;
    let unbounded = run(Variant::Anti).await;
    // The channel is bounded, but the events waiting in spawned tasks are held all the same.
    assert!(
        disguised.max_queued >= unbounded.max_queued * 9 / 10,
        "spawned-send held {} events, the unbounded channel {}",
        disguised.max_queued,
        unbounded.max_queued
    );
    assert!(disguised.max_queued > 10 * CAPACITY as u64);
}

#[tokio::test(start_paused = true)]
async fn the_seatbelt_stops_the_anti_pattern_at_its_cap() {
    let outcome = Scenario {
        max_queued: 100,
        finish: Finish::Abandon,
        ..overload(Variant::Anti)
    }
    .run()
    .await;
    assert!(outcome.stopped_at_cap);
    assert!(outcome.arrived < EVENTS);
    assert_eq!(outcome.left_queued, 100);
}
