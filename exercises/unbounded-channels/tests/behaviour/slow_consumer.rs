//! A sink slower than the arrivals: the pipeline must hold a bounded number of events, and
//! account for every one of them.
//!
//! An event arrives every millisecond (after the previous `push` returns) and the sink needs
//! two per event. Time is paused, so the sink's "two milliseconds" cost no real time and
//! every run is the same.

use std::time::Duration;

use exercise_unbounded_channels::support::Held;
use exercise_unbounded_channels::{Event, Finished, Sink, start};

const EVENTS: u64 = 1_000;
/// Events the pipeline may hold at once, counting the one being pushed and the one in the sink.
const LIMIT: u64 = 64;

/// Pushes `EVENTS` events, one per `gap`, into a pipeline whose sink takes `cost` per event.
async fn run(gap: Duration, cost: Duration) -> (Finished, u64) {
    let held = Held::new();
    let pipeline = start(Sink::new(cost));
    for seq in 0..EVENTS {
        pipeline.push(Event::new(seq, &held)).await;
        tokio::time::sleep(gap).await;
    }
    let finished = pipeline.finish().await;
    (finished, held.peak())
}

#[tokio::test(start_paused = true)]
async fn the_pipeline_holds_at_most_64_events_with_a_slow_sink() {
    let (_, peak) = run(Duration::from_millis(1), Duration::from_millis(2)).await;
    assert!(
        peak <= LIMIT,
        "the pipeline held {peak} events at once (the limit is {LIMIT}): events pile up \
         somewhere while the sink is busy; bound the queue"
    );
}

#[tokio::test(start_paused = true)]
async fn every_event_is_handled_in_order_or_counted_as_dropped() {
    let (finished, _) = run(Duration::from_millis(1), Duration::from_millis(2)).await;
    let handled = finished.sink.handled();
    assert!(
        handled.windows(2).all(|pair| pair[0] < pair[1]),
        "the sink handled events out of order"
    );
    assert_eq!(
        handled.len() as u64 + finished.dropped,
        EVENTS,
        "{} events were handled and {} counted as dropped, but {EVENTS} were pushed: \
         every event you drop must be counted in `Finished::dropped`",
        handled.len(),
        finished.dropped
    );
}

#[tokio::test(start_paused = true)]
async fn when_the_sink_keeps_up_nothing_is_dropped() {
    // Arrivals every 2 ms, 1 ms to handle each: the sink is never behind.
    let (finished, _) = run(Duration::from_millis(2), Duration::from_millis(1)).await;
    assert_eq!(
        finished.dropped, 0,
        "dropped events although the sink kept up"
    );
    assert_eq!(
        finished.sink.handled(),
        (0..EVENTS).collect::<Vec<_>>(),
        "with a sink that keeps up, every event must be handled, in order"
    );
}

#[tokio::test(start_paused = true)]
async fn nothing_is_left_behind_after_finish() {
    let held = Held::new();
    let pipeline = start(Sink::new(Duration::from_millis(2)));
    for seq in 0..100 {
        pipeline.push(Event::new(seq, &held)).await;
    }
    let finished = pipeline.finish().await;
    assert_eq!(
        held.now(),
        0,
        "events still exist after finish returned: a task or queue still holds them"
    );
    assert_eq!(finished.sink.handled().len() as u64 + finished.dropped, 100);
}
