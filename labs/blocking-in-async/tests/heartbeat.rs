//! The heartbeat counts every deadline, including the ones it could not see.

use std::time::Duration;

use blocking_in_async::heartbeat::{Heartbeat, Lateness};

const MS: Duration = Duration::from_millis(1);

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_freeze_makes_every_deadline_inside_it_late_not_just_one() {
    let heartbeat = Heartbeat::start(MS);
    // Jump the paused clock 10 ms ahead in one go: to the heartbeat this looks exactly like a
    // runtime that could not run it for 10 ms.
    tokio::time::advance(10 * MS).await;
    tokio::task::yield_now().await;
    let lateness = heartbeat.stop();
    // Deadlines at 1, 2, ..., 10 ms, all seen at 10 ms: late by 9, 8, ..., 0 ms. A heartbeat
    // that timed only the tick it took would report a single sample.
    let expected: Vec<Duration> = (0..10).map(|ms| ms * MS).collect();
    assert_eq!(lateness, Lateness::from_samples(expected));
}

#[test]
fn stopping_counts_the_deadlines_the_heartbeat_never_saw() {
    let runtime = blocking_in_async::Flavor::CurrentThread.runtime().unwrap();
    let lateness = runtime.block_on(async {
        let heartbeat = Heartbeat::start(MS);
        block_this_thread(5 * MS);
        heartbeat.stop()
    });
    // The heartbeat never ran, yet at least the deadlines at 1..=5 ms had passed when it was
    // stopped, and the first of them by at least 4 ms. (Lower bounds only: a sleep may last
    // longer, never shorter.)
    assert!(lateness.len() >= 5, "{} deadlines", lateness.len());
    assert!(lateness.max() >= 4 * MS, "{:?}", lateness.max());
}

#[expect(
    clippy::disallowed_methods,
    reason = "the test blocks its runtime on purpose"
)]
fn block_this_thread(duration: Duration) {
    std::thread::sleep(duration);
}

#[test]
fn quantiles_are_nearest_rank() {
    let lateness = Lateness::from_samples((1..=100).rev().map(|ms| ms * MS).collect());
    assert_eq!(lateness.p50(), 50 * MS);
    assert_eq!(lateness.p99(), 99 * MS);
    assert_eq!(lateness.max(), 100 * MS);
    assert_eq!(lateness.quantile(0.0), MS);
    let empty = Lateness::default();
    assert!(empty.is_empty());
    assert_eq!((empty.p50(), empty.max()), (Duration::ZERO, Duration::ZERO));
}
