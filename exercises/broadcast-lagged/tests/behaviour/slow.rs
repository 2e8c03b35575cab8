//! A subscriber slower than the publisher, lagging again and again in the middle of the
//! stream: events in order, each handled once or counted, and it ends only on close.

use std::time::Duration;

use exercise_broadcast_lagged::{Scenario, drive_paused, run};

#[test]
fn a_slow_subscriber_keeps_order_and_accounts_for_every_event() {
    for (capacity, per_event_ms) in [(2, 7), (8, 5), (8, 30), (32, 3)] {
        let scenario = Scenario {
            capacity,
            bursts: vec![6; 25],
            pause: Duration::from_millis(10),
            per_event: Duration::from_millis(per_event_ms),
        };
        let outcome = drive_paused(&scenario, run);
        if let Err(e) = outcome.judge() {
            panic!("capacity {capacity}, {per_event_ms} ms an event: {e}");
        }
        assert!(
            outcome.skipped.unwrap_or(0) > 0,
            "capacity {capacity}, {per_event_ms} ms an event: the scenario must lag: {outcome:?}"
        );
    }
}
