//! The bench's floor: a `broadcast` channel and subscribers that only count what they get.
//!
//! The same publisher as [`crate::scenario`] (bursts, then a yield), and subscribers with no
//! report, no handler and no error handling: the bare cost of a send into the ring and one
//! `recv` (a clone of the event) per subscriber. A fix cannot beat this. It panics on a lag:
//! the bench sends bursts of half the ring, and a floor that lost events would be no floor.

use tokio::sync::broadcast::{self, error::RecvError};

use crate::contract::Event;
use crate::scenario::Scenario;

/// Runs `scenario` with counting subscribers; returns the events they took in all.
pub async fn run(scenario: &Scenario) -> u64 {
    let (tx, _) = broadcast::channel(scenario.capacity);
    let counters: Vec<_> = scenario
        .subscribers
        .iter()
        .map(|_| {
            let mut rx = tx.subscribe();
            tokio::spawn(async move {
                let mut taken = 0_u64;
                loop {
                    match rx.recv().await {
                        Ok(event) => {
                            std::hint::black_box(event);
                            taken += 1;
                        }
                        Err(RecvError::Closed) => break taken,
                        // The bench's bursts are half the ring: a lag means a broken bench.
                        Err(RecvError::Lagged(n)) => panic!("the floor's subscriber lagged by {n}"),
                    }
                }
            })
        })
        .collect();
    let mut seq = 0;
    for &burst in &scenario.bursts {
        for _ in 0..burst {
            let _ = tx.send(Event(seq));
            seq += 1;
        }
        tokio::task::yield_now().await;
    }
    drop(tx);
    let mut taken = 0;
    for counter in counters {
        taken += counter.await.expect("no counter panics");
    }
    taken
}
