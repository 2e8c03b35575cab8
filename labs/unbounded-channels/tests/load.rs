//! The benches' workload delivers what the bench says it measures.
//!
//! A burst through a channel that waits or queues must reach the consumer whole, from one
//! producer or several; a shedding channel delivers part of it and never more. (Counts, not
//! timings: the bench measures the time.)

use unbounded_channels::Variant;
use unbounded_channels::load::Load;
use unbounded_channels::sink::Sink;

const MESSAGES: u64 = 2_048;

#[test]
fn waiting_and_queueing_channels_deliver_the_whole_burst() {
    let load = Load::new(2, 64);
    for variant in [Variant::Anti, Variant::Fixed, Variant::SpawnedSend] {
        for producers in [1, 4] {
            assert_eq!(
                load.burst(variant, producers, MESSAGES, Sink::Work(2)),
                MESSAGES,
                "{variant} with {producers} producers"
            );
        }
    }
}

#[test]
fn the_bare_channel_under_the_bench_delivers_the_whole_burst_too() {
    let load = Load::new(2, 64);
    for producers in [1, 4] {
        assert_eq!(
            load.limit_burst(producers, MESSAGES, Sink::Work(2)),
            MESSAGES
        );
    }
}

#[test]
fn shedding_channels_deliver_at_most_the_burst_and_at_least_a_full_queue() {
    let load = Load::new(2, 64);
    for variant in [Variant::ShedNewest, Variant::ShedOldest] {
        let delivered = load.burst(variant, 1, MESSAGES, Sink::Work(2));
        assert!(
            (64..=MESSAGES).contains(&delivered),
            "{variant}: {delivered}"
        );
    }
}
