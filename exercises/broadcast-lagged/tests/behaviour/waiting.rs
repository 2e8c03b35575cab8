//! The subscriber waits for the channel to wake it (it is polled once while nothing is
//! sent), returns exactly when the channel closes, and not while the publisher is quiet.

use std::time::Duration;

use exercise_broadcast_lagged::{End, Scenario, drive_paused, run};

fn quiet() -> Scenario {
    Scenario {
        capacity: 8,
        bursts: vec![3, 3],
        // Long pauses: a subscriber that gives up when nothing comes for a while shows it.
        pause: Duration::from_secs(60),
        per_event: Duration::from_millis(1),
    }
}

#[test]
fn waits_without_polling_and_returns_on_close() {
    let outcome = drive_paused(&quiet(), run);
    assert_eq!(outcome.end, End::Closed, "{outcome:?}");
    outcome.judge().unwrap();
}

#[test]
fn returns_on_close_right_after_a_lag() {
    // The channel closes while the ring still holds events for it: they come first.
    let scenario = Scenario {
        capacity: 4,
        bursts: vec![30],
        pause: Duration::ZERO,
        per_event: Duration::from_millis(1),
    };
    let outcome = drive_paused(&scenario, run);
    assert_eq!(outcome.end, End::Closed, "{outcome:?}");
    outcome.judge().unwrap();
    assert_eq!(outcome.handled, (26..30).collect::<Vec<_>>());
}
