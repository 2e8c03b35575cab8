//! Properties that hold for any capacity, any arrival and handling times, any number of events.
//!
//! Each case runs on its own current-thread runtime with paused time, so a case is a pure
//! function of its inputs and a failure shrinks to a small, replayable example (proptest
//! keeps those in `proptest-regressions/`).
//!
//! - Blocking (`fixed`): every event is delivered, in order, and the queue never holds more
//!   than its capacity.
//! - Shedding (`shed-newest`, `shed-oldest`): delivered plus dropped equals sent, what is
//!   delivered is in order, and the queue never holds more than its capacity.

use std::time::Duration;

use proptest::prelude::*;
use unbounded_channels::stats::Snapshot;
use unbounded_channels::{Event, Variant, channel};

/// What one case observed.
struct Observed {
    delivered: Vec<u64>,
    deepest: u64,
    end: Snapshot,
}

/// Sends one event per entry of `gaps` (waiting that many ms before each) to a consumer that
/// spends `costs[i % len]` ms on its i-th event, and watches the queue's depth throughout.
fn run(variant: Variant, capacity: usize, gaps: &[u64], costs: &[u64]) -> Observed {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a current-thread runtime");
    runtime.block_on(async {
        let (producer, mut consumer) = channel(variant, capacity);
        let costs = costs.to_vec();
        let consumer = tokio::spawn(async move {
            let (mut delivered, mut deepest) = (Vec::new(), 0);
            while let Some(event) = consumer.recv().await {
                // +1: the event just taken out was in the queue a moment ago.
                deepest = deepest.max(consumer.stats().queued() + 1);
                let cost = costs[delivered.len() % costs.len()];
                delivered.push(event.seq);
                pause(cost).await;
            }
            (delivered, deepest, consumer.stats())
        });
        let mut deepest = 0;
        for (seq, &gap) in gaps.iter().enumerate() {
            pause(gap).await;
            producer.send(Event::new(seq as u64)).await.unwrap();
            deepest = deepest.max(producer.stats().queued());
        }
        drop(producer);
        let (delivered, consumer_deepest, end) = consumer.await.unwrap();
        Observed {
            delivered,
            deepest: deepest.max(consumer_deepest),
            end,
        }
    })
}

/// Waits `ms` of virtual time; zero still yields, so the other task gets a turn.
async fn pause(ms: u64) {
    if ms == 0 {
        tokio::task::yield_now().await;
    } else {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}

fn config() -> ProptestConfig {
    // Each case is cheap (virtual time), but the suite must stay fast on two cores.
    ProptestConfig {
        cases: 96,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn blocking_loses_nothing_keeps_order_and_stays_within_capacity(
        capacity in 1usize..12,
        gaps in prop::collection::vec(0u64..3, 0..150),
        costs in prop::collection::vec(0u64..4, 1..6),
    ) {
        let seen = run(Variant::Fixed, capacity, &gaps, &costs);
        let sent: Vec<u64> = (0..gaps.len() as u64).collect();
        prop_assert_eq!(&seen.delivered, &sent);
        prop_assert_eq!(seen.end.dropped(), 0);
        prop_assert!(seen.deepest <= capacity as u64, "held {} > {}", seen.deepest, capacity);
    }

    #[test]
    fn shedding_accounts_for_every_event_and_stays_within_capacity(
        newest in any::<bool>(),
        capacity in 1usize..12,
        gaps in prop::collection::vec(0u64..3, 0..150),
        costs in prop::collection::vec(0u64..4, 1..6),
    ) {
        let variant = if newest { Variant::ShedNewest } else { Variant::ShedOldest };
        let seen = run(variant, capacity, &gaps, &costs);
        prop_assert_eq!(seen.delivered.len() as u64 + seen.end.dropped(), gaps.len() as u64);
        prop_assert_eq!(seen.end.sent(), gaps.len() as u64);
        prop_assert!(seen.delivered.windows(2).all(|pair| pair[0] < pair[1]), "out of order");
        prop_assert!(seen.deepest <= capacity as u64, "held {} > {}", seen.deepest, capacity);
        // Shedding the newest never loses the first event; shedding the oldest never the last.
        if let (Some(first), Some(last)) = (seen.delivered.first(), seen.delivered.last()) {
            if newest {
                prop_assert_eq!(*first, 0);
            } else {
                prop_assert_eq!(*last, gaps.len() as u64 - 1);
            }
        }
    }
}
