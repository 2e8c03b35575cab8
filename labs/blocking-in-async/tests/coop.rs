//! Tokio's cooperative budget: why a loop over Tokio's own resources yields by itself and a
//! loop over other always-ready futures does not.

use blocking_in_async::ITEM_ROUNDS;
use blocking_in_async::fixed::yield_now::YIELD_EVERY;
use blocking_in_async::witness::Witness;
use blocking_in_async::{Job, Variant};

/// Tokio's budget per task poll (`tokio::task::coop`).
const BUDGET: u64 = 128;
const ITEMS: u64 = 10 * BUDGET;

#[tokio::test(flavor = "current_thread")]
async fn a_loop_over_a_ready_tokio_channel_yields_when_its_budget_runs_out() {
    let witness = Witness::spawn();
    let (tx, mut rx) = tokio::sync::mpsc::channel(ITEMS as usize);
    for i in 0..ITEMS {
        tx.try_send(i).unwrap();
    }
    drop(tx);
    let drain = async move {
        let mut received = 0;
        while rx.recv().await.is_some() {
            received += 1;
        }
        received
    };
    let (received, turns) = tokio::spawn(witness.turns_during(drain)).await.unwrap();
    assert_eq!(received, ITEMS);
    // Every message was ready, yet the receiver returned Pending once per 128 of them.
    assert!(turns >= ITEMS / BUDGET - 1, "the witness ran {turns} times");
}

#[tokio::test(flavor = "current_thread")]
async fn a_loop_over_other_ready_futures_never_yields() {
    let witness = Witness::spawn();
    let spin = async {
        let mut sum = 0u64;
        for i in 0..ITEMS {
            sum += std::future::ready(i).await;
        }
        sum
    };
    let (_, turns) = tokio::spawn(witness.turns_during(spin)).await.unwrap();
    assert_eq!(turns, 0);
}

#[tokio::test(flavor = "current_thread")]
async fn the_loop_fixes_yield_once_per_slice() {
    let witness = Witness::spawn();
    for (variant, slice) in [
        (Variant::YieldNow, YIELD_EVERY),
        (Variant::ConsumeBudget, BUDGET),
    ] {
        let job = Job::new(1).with_rounds(ITEMS * ITEM_ROUNDS);
        let (answer, turns) = tokio::spawn(witness.turns_during(variant.handle(job)))
            .await
            .unwrap();
        answer.unwrap();
        // Each slice ends with the thread handed back. The witness takes most of those turns,
        // not necessarily all: when both tasks are ready, the scheduler picks the order.
        let slices = ITEMS / slice;
        assert!(
            turns >= slices / 2 && turns <= slices,
            "{variant}: {turns} turns for {slices} slices"
        );
    }
}
