//! Shedding: the producer never waits, the queue stays bounded, and every drop is counted.
//!
//! A burst of 100 events lands at once on a queue of 8, before the consumer gets to run (on a
//! current-thread runtime nothing else runs while the producer does not await). What is left
//! to deliver depends on which end is shed, and the counters account for every event.

use std::time::Duration;

use unbounded_channels::scenario::{Finish, Scenario};
use unbounded_channels::sink::Sink;
use unbounded_channels::{Sent, Variant, Variants, channel};

const CAPACITY: usize = 8;
const BURST: u64 = 100;

/// Sends a burst into a fresh channel, then returns what the consumer receives.
async fn burst(variant: Variant) -> (Vec<Sent>, Vec<u64>, u64) {
    let (producer, mut consumer) = channel(variant, CAPACITY);
    let mut outcomes = Vec::new();
    for seq in 0..BURST {
        outcomes.push(
            producer
                .send(unbounded_channels::Event::new(seq))
                .await
                .unwrap(),
        );
    }
    drop(producer);
    let mut delivered = Vec::new();
    while let Some(event) = consumer.recv().await {
        delivered.push(event.seq);
    }
    (outcomes, delivered, consumer.stats().dropped())
}

#[tokio::test(flavor = "current_thread")]
async fn shedding_the_newest_keeps_the_start_of_the_burst() {
    let (outcomes, delivered, dropped) = burst(Variant::ShedNewest).await;
    assert_eq!(delivered, (0..CAPACITY as u64).collect::<Vec<_>>());
    assert_eq!(dropped, BURST - CAPACITY as u64);
    assert!(
        outcomes[CAPACITY..]
            .iter()
            .all(|sent| *sent == Sent::DroppedNewest)
    );
}

#[tokio::test(flavor = "current_thread")]
async fn shedding_the_oldest_keeps_the_end_of_the_burst() {
    let (outcomes, delivered, dropped) = burst(Variant::ShedOldest).await;
    assert_eq!(
        delivered,
        (BURST - CAPACITY as u64..BURST).collect::<Vec<_>>()
    );
    assert_eq!(dropped, BURST - CAPACITY as u64);
    assert!(
        outcomes[CAPACITY..]
            .iter()
            .all(|sent| *sent == Sent::DroppedOldest)
    );
}

#[tokio::test(flavor = "current_thread")]
async fn the_unbounded_channel_keeps_the_whole_burst() {
    let (_, delivered, dropped) = burst(Variant::Anti).await;
    assert_eq!(delivered, (0..BURST).collect::<Vec<_>>());
    assert_eq!(dropped, 0);
}

#[tokio::test(start_paused = true)]
async fn under_sustained_overload_delivered_plus_dropped_is_sent() {
    for variant in [Variant::ShedNewest, Variant::ShedOldest] {
        let outcome = Scenario {
            variant,
            capacity: CAPACITY,
            events: 1_000,
            arrival_gap: Duration::from_millis(1),
            sink: Sink::Sleep(Duration::from_millis(3)),
            max_queued: u64::MAX,
            heap_cap: None,
            arrivals_end: None,
            finish: Finish::Drain,
        }
        .run()
        .await;
        assert_eq!(
            outcome.delivered + outcome.stats.dropped(),
            1_000,
            "{variant}"
        );
        // The consumer handles a third of the arrivals; the rest are shed, and counted.
        assert!(outcome.stats.dropped() >= 600, "{variant}: {outcome:?}");
        assert!(outcome.in_order, "{variant}");
        // The producer never waited: its last send returned when the last event arrived.
        assert!(outcome.producer_lag < Duration::from_millis(1), "{variant}");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn every_variant_hands_the_event_back_when_the_consumer_is_gone() {
    for &variant in Variant::all() {
        let (producer, consumer) = channel(variant, CAPACITY);
        drop(consumer);
        let refused = producer
            .send(unbounded_channels::Event::new(7))
            .await
            .expect_err("nobody can receive it");
        assert_eq!(refused.0.seq, 7, "{variant}");
        assert_eq!(producer.stats().accepted, 0, "{variant}");
    }
}
