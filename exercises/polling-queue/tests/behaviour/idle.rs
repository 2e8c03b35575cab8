//! Workers do not wake up while the queue is empty: before any job, and after the last.

use std::time::Duration;

use exercise_polling_queue::Pool;
use tokio::time::sleep;

#[tokio::test(start_paused = true)]
async fn an_idle_pool_does_not_wake() {
    let pool = Pool::start(4);
    sleep(Duration::from_secs(10)).await;
    assert_eq!(
        pool.wakeups(),
        [0; 4],
        "wake-ups per worker in ten idle seconds"
    );
}

#[tokio::test(start_paused = true)]
async fn a_pool_that_has_worked_goes_back_to_sleep() {
    let pool = Pool::start(3);
    sleep(Duration::from_millis(5)).await;
    for _ in 0..6 {
        pool.push(Duration::from_millis(20));
    }
    sleep(Duration::from_secs(1)).await;
    let after_work = pool.wakeups();
    sleep(Duration::from_secs(10)).await;
    assert_eq!(
        pool.wakeups(),
        after_work,
        "wake-ups per worker in ten idle seconds after the work was done (before: {after_work:?})"
    );
}
