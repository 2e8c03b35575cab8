//! What each subscriber received, and when it stopped, after a burst larger than the ring.
//!
//! Paused time on a current-thread runtime: the publisher's first burst is sent before any
//! subscriber is polled, so the lag is certain, and every instant below is exact.

use std::time::Duration;

use broadcast_lagged::{Ended, Run, Scenario, Variant, Variants};

const PAUSE: Duration = Duration::from_secs(1);

/// A ring of 8, a burst of 20 before the subscriber first looks, then a second burst of 5.
fn burst() -> Scenario {
    Scenario {
        capacity: 8,
        bursts: vec![20, 5],
        pause: PAUSE,
        subscribers: vec![Duration::ZERO],
    }
}

async fn run(variant: Variant, scenario: &Scenario) -> Run {
    variant.run(scenario).await
}

#[tokio::test(start_paused = true)]
async fn the_anti_pattern_stops_at_the_first_lag_having_read_nothing() {
    let run = run(Variant::Anti, &burst()).await;
    let report = &run.reports[0];
    assert_eq!(report.ended, Ended::Quit);
    assert!(report.delivered.is_empty(), "{:?}", report.delivered);
    assert_eq!(report.ended_at, Duration::ZERO, "it quit at its first poll");
    // Its receiver was the only one: once it is gone, every send of the second burst fails.
    assert_eq!(run.send_errors, 5);
}

#[tokio::test(start_paused = true)]
async fn the_fix_counts_the_overwritten_events_and_reads_the_rest() {
    let run = run(Variant::Fixed, &burst()).await;
    let report = &run.reports[0];
    assert_eq!(report.skipped, 12, "20 sent into 8 slots");
    assert_eq!(report.delivered, (12..25).collect::<Vec<_>>());
    assert_eq!(report.ended, Ended::Closed);
    assert_eq!(
        report.ended_at, run.publisher_done_at,
        "it ends when the channel closes"
    );
    assert_eq!(run.publisher_done_at, PAUSE * 2);
    assert_eq!(run.send_errors, 0);
}

#[tokio::test(start_paused = true)]
async fn resubscribing_drops_the_ring_and_says_nothing() {
    let run = run(Variant::Resubscribe, &burst()).await;
    let report = &run.reports[0];
    // The 8 events still in the ring went with the old receiver.
    assert_eq!(report.delivered, (20..25).collect::<Vec<_>>());
    assert_eq!(report.skipped, 0);
    assert_eq!(report.ended, Ended::Closed);
}

#[tokio::test(start_paused = true)]
async fn a_watch_keeps_the_newest_and_counts_the_gaps() {
    let run = run(Variant::Latest, &burst()).await;
    let report = &run.reports[0];
    assert_eq!(
        report.delivered,
        vec![19, 24],
        "the newest after each burst"
    );
    assert_eq!(report.skipped, 23);
    assert_eq!(report.ended, Ended::Closed);
}

#[tokio::test(start_paused = true)]
async fn a_queue_per_subscriber_delivers_everything() {
    let run = run(Variant::FanOut, &burst()).await;
    assert_eq!(run.reports[0].delivered, (0..25).collect::<Vec<_>>());
    assert_eq!(run.reports[0].skipped, 0);
}

/// One fast subscriber and one that takes 10 ms an event, three events every 10 ms, a ring of 4.
fn one_slow() -> Scenario {
    Scenario {
        capacity: 4,
        bursts: vec![3; 10],
        pause: Duration::from_millis(10),
        subscribers: vec![Duration::ZERO, Duration::from_millis(10)],
    }
}

#[tokio::test(start_paused = true)]
async fn only_the_slow_subscriber_quits_and_the_publisher_never_knows() {
    let run = run(Variant::Anti, &one_slow()).await;
    let (fast, slow) = (&run.reports[0], &run.reports[1]);
    assert_eq!(fast.delivered, (0..30).collect::<Vec<_>>());
    assert_eq!(fast.ended, Ended::Closed);
    assert_eq!(slow.ended, Ended::Quit);
    assert!(slow.delivered.len() < 30, "{:?}", slow.delivered);
    assert!(slow.ended_at < run.publisher_done_at);
    assert_eq!(
        run.send_errors, 0,
        "the fast receiver keeps every send succeeding"
    );
}

#[tokio::test(start_paused = true)]
async fn queues_per_subscriber_make_the_publisher_wait_for_the_slowest() {
    let broadcast = run(Variant::Fixed, &one_slow()).await;
    let fan_out = run(Variant::FanOut, &one_slow()).await;
    assert_eq!(fan_out.reports[1].delivered.len(), 30);
    assert!(
        fan_out.publisher_done_at > broadcast.publisher_done_at,
        "fan-out {:?}, broadcast {:?}",
        fan_out.publisher_done_at,
        broadcast.publisher_done_at
    );
}

#[tokio::test(start_paused = true)]
async fn every_variant_has_the_faults_it_declares() {
    for &variant in Variant::all() {
        for scenario in [burst(), one_slow()] {
            let run = run(variant, &scenario).await;
            let faults = variant.faults();
            let quit = run.reports.iter().any(|r| r.ended == Ended::Quit);
            let lost = run.reports.iter().any(|r| !r.accounts_for(run.sent));
            assert_eq!(quit, faults.quits, "{variant} quits");
            assert_eq!(lost, faults.loses_silently, "{variant} loses silently");
        }
    }
}

/// The bench's workload: bursts of half the ring, subscribers that handle events at no cost.
fn keeps_up(subscribers: usize) -> Scenario {
    Scenario {
        capacity: 64,
        bursts: vec![32; 16],
        pause: Duration::ZERO,
        subscribers: vec![Duration::ZERO; subscribers],
    }
}

#[tokio::test]
async fn in_the_bench_nothing_lags_and_the_floor_takes_every_event() {
    let scenario = keeps_up(16);
    assert_eq!(broadcast_lagged::limit::run(&scenario).await, 16 * 512);
    for &variant in Variant::all() {
        let run = run(variant, &scenario).await;
        for report in &run.reports {
            assert_eq!(report.ended, Ended::Closed, "{variant}");
            assert!(report.accounts_for(run.sent), "{variant}");
            // `latest` reads the newest of each burst; everything else gets all of them.
            if variant != Variant::Latest {
                assert_eq!(
                    report.skipped, 0,
                    "{variant} lagged in the bench's workload"
                );
            }
        }
    }
}
