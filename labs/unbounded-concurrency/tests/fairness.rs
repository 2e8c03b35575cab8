//! Tokio's semaphore is FIFO: waiters get permits in the order they asked, proven by event
//! order, never by timing. And the same fairness means a large `acquire_many` at the head of
//! the queue holds back a small `acquire` behind it, even when a permit is free.

use std::sync::{Arc, Mutex};

use tokio::sync::Semaphore;

/// Lets every spawned task run until it waits (on a current-thread runtime, a few turns of
/// the scheduler are enough for tasks that only wait on the semaphore).
async fn settle() {
    for _ in 0..8 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test]
async fn waiters_get_permits_in_the_order_they_asked() {
    let semaphore = Arc::new(Semaphore::new(1));
    let held = Arc::clone(&semaphore).acquire_owned().await.expect("open");
    let order = Arc::new(Mutex::new(Vec::new()));
    let mut waiters = Vec::new();
    // Spawned in the order 4, 1, 3, 0, 2, each queued (settled) before the next is spawned,
    // so the order of asking is known and differs from the spawn index.
    for name in [4, 1, 3, 0, 2] {
        let (semaphore, order) = (Arc::clone(&semaphore), Arc::clone(&order));
        waiters.push(tokio::spawn(async move {
            let _permit = semaphore.acquire().await.expect("open");
            order.lock().expect("no panic").push(name);
            tokio::task::yield_now().await;
        }));
        settle().await;
    }
    drop(held);
    for waiter in waiters {
        waiter.await.expect("no panic");
    }
    assert_eq!(*order.lock().expect("no panic"), vec![4, 1, 3, 0, 2]);
}

#[tokio::test]
async fn a_large_acquire_at_the_head_holds_back_a_small_one_behind_it() {
    let semaphore = Arc::new(Semaphore::new(2));
    let one = Arc::clone(&semaphore).acquire_owned().await.expect("open");
    let _two = Arc::clone(&semaphore).acquire_owned().await.expect("open");
    let many = tokio::spawn({
        let semaphore = Arc::clone(&semaphore);
        async move { drop(semaphore.acquire_many(2).await.expect("open")) }
    });
    settle().await;
    let small = tokio::spawn({
        let semaphore = Arc::clone(&semaphore);
        async move { drop(semaphore.acquire().await.expect("open")) }
    });
    settle().await;
    drop(one);
    settle().await;
    // One permit is free, enough for `small`, but `many` is ahead of it and wants two.
    assert!(!small.is_finished(), "the small acquire jumped the queue");
    assert!(
        semaphore.try_acquire().is_err(),
        "try_acquire jumped the queue"
    );
    drop(_two);
    many.await.expect("no panic");
    small.await.expect("no panic");
}
