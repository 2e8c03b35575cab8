//! The second symptom of a `std::sync::Mutex` guard held across an `.await`: on a
//! current-thread runtime, two deposits running together deadlock its only thread.
//!
//! A paused clock and `tokio::time::timeout` cannot catch this one, and the test shows why.
//! The runtime runs on a thread of its own; each deposit task reports when it starts. The
//! first starts, takes the lock and suspends at its round trip. The second starts and calls
//! `lock()`, which blocks the thread. From the test's thread we then see that the lock is
//! still held. That is already a proof: only the first deposit can release it, only the
//! runtime's thread can poll the first deposit, and that thread is waiting for the lock.
//! Watching a little longer shows the consequence: the one-second timeout around the
//! deposits, on a paused clock that would jump to it the moment the runtime was idle, never
//! fires. The thread is left blocked; the process reclaims it when the tests end.

use std::sync::{Arc, mpsc};
use std::time::Duration;

use locks_across_await::Remote;
use locks_across_await::anti::StdMutexLedger;
use tokio::runtime::Builder;
use tokio::task::{LocalSet, spawn_local};

#[derive(Debug, PartialEq, Eq)]
enum Event {
    Started(&'static str),
    Deposited(&'static str),
    TimedOut,
    Finished,
}

#[tokio::test(start_paused = true)]
async fn deposits_one_at_a_time_are_fine() {
    let ledger = StdMutexLedger::new(2, Remote::default());
    ledger.deposit(0, 5).await;
    ledger.deposit(0, 7).await;
    ledger.deposit(1, 1).await;
    assert_eq!(ledger.balances().await, [12, 1]);
}

#[test]
fn two_deposits_together_block_the_only_thread_and_no_timeout_can_fire() {
    let ledger = Arc::new(StdMutexLedger::new(1, Remote::default()));
    let (events_tx, events) = mpsc::channel();
    let shared = Arc::clone(&ledger);
    std::thread::spawn(move || {
        let runtime = Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap();
        LocalSet::new().block_on(&runtime, async move {
            let deposit = |name: &'static str, amount| {
                let (ledger, events) = (Arc::clone(&shared), events_tx.clone());
                spawn_local(async move {
                    events.send(Event::Started(name)).unwrap();
                    ledger.deposit(0, amount).await;
                    events.send(Event::Deposited(name)).unwrap();
                })
            };
            let both = async {
                let (first, second) = (deposit("first", 5), deposit("second", 7));
                first.await.unwrap();
                second.await.unwrap();
            };
            let outcome = tokio::time::timeout(Duration::from_secs(1), both).await;
            let _ = events_tx.send(match outcome {
                Ok(()) => Event::Finished,
                Err(_) => Event::TimedOut,
            });
        });
    });

    // A bound on how long to wait for each step, not a measurement: on a paused clock every
    // step takes microseconds, and the test fails loudly if one never comes.
    let next = || events.recv_timeout(Duration::from_secs(10));
    assert_eq!(next(), Ok(Event::Started("first")));
    assert_eq!(next(), Ok(Event::Started("second")));
    assert!(
        ledger.is_locked(),
        "the first deposit holds the lock while it waits for its round trip"
    );
    // Nothing more can happen. Watch for a moment to see it.
    assert_eq!(
        events.recv_timeout(Duration::from_millis(500)),
        Err(mpsc::RecvTimeoutError::Timeout),
        "the deposits went on, or the timeout fired: the thread was not blocked"
    );
    assert!(ledger.is_locked());
}
