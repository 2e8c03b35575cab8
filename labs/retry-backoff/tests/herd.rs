//! The thundering herd on a paused clock: with no jitter every retry is a wave of the whole
//! herd; with full jitter the waves spread out and more of the herd gets served.

use retry_backoff::Variant;
use retry_backoff::herd::{self, Herd};

fn stampede(variant: Variant) -> herd::Stampede {
    herd::paused_runtime().block_on(herd::run(variant, Herd::USUAL))
}

#[test]
fn without_jitter_each_retry_is_the_whole_herd_and_with_it_a_fraction() {
    let lockstep = stampede(Variant::U32Pow);
    let jittered = stampede(Variant::Fixed);
    assert_eq!(
        lockstep.peak,
        Herd::USUAL.clients,
        "every client in one window"
    );
    assert!(
        jittered.peak * 3 <= lockstep.peak,
        "jitter spreads the retries: peak {} against {}",
        jittered.peak,
        lockstep.peak
    );
    assert!(
        jittered.served > lockstep.served,
        "{jittered:?} against {lockstep:?}"
    );
    assert_eq!(jittered.served, Herd::USUAL.clients, "{jittered:?}");
}

#[test]
fn the_herd_is_the_same_on_every_run() {
    assert_eq!(stampede(Variant::Fixed), stampede(Variant::Fixed));
}
