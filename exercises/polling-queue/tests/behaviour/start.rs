//! A job starts within one scheduling hop of being queued: on the paused clock, at the very
//! instant it was queued, whenever a worker is free for it.

use std::time::Duration;

use exercise_polling_queue::Pool;
use tokio::time::{Instant, sleep};

const MS: Duration = Duration::from_millis(1);

/// Sleeps `d`, then lets every task woken at that instant run first.
async fn sleep_past(d: Duration) {
    sleep(d).await;
    for _ in 0..8 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test(start_paused = true)]
async fn a_job_queued_to_an_idle_pool_starts_at_once() {
    let pool = Pool::start(2);
    // Off any round number: a timer that ticks every 1, 10 or 100 ms has just looked.
    sleep_past(257 * MS).await;
    let id = pool.push(Duration::ZERO);
    sleep(Duration::from_secs(1)).await;
    let record = pool.log().records()[usize::try_from(id).unwrap()];
    assert_eq!(
        record.latency(),
        Some(Duration::ZERO),
        "the job waited to start although both workers were idle: {record:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_job_starts_at_once_while_another_worker_is_busy() {
    let pool = Pool::start(2);
    sleep_past(13 * MS).await;
    // One worker takes a long job; the other stays idle.
    pool.push(Duration::from_secs(5));
    sleep_past(31 * MS).await;
    let id = pool.push(Duration::ZERO);
    sleep(Duration::from_secs(10)).await;
    let record = pool.log().records()[usize::try_from(id).unwrap()];
    assert_eq!(
        record.latency(),
        Some(Duration::ZERO),
        "one worker was idle, yet the job waited: {record:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_worker_back_from_a_job_takes_the_next_at_once() {
    let pool = Pool::start(2);
    sleep_past(19 * MS).await;
    // Both workers busy: one for 3 ms, one for 12 ms.
    pool.push(3 * MS);
    pool.push(12 * MS);
    // The first is back and idle by now; the second is still busy.
    sleep_past(4 * MS).await;
    let id = pool.push(Duration::ZERO);
    sleep(Duration::from_secs(1)).await;
    let record = pool.log().records()[usize::try_from(id).unwrap()];
    assert_eq!(
        record.latency(),
        Some(Duration::ZERO),
        "a worker had finished its job and was idle, yet the job waited: {record:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn every_worker_takes_a_share_of_a_burst() {
    let pool = Pool::start(3);
    sleep_past(17 * MS).await;
    let queued = Instant::now();
    for _ in 0..9 {
        pool.push(10 * MS);
    }
    sleep(Duration::from_secs(2)).await;
    for record in pool.log().records() {
        // Three at a time: job k starts when the (k / 3)th round of jobs begins.
        let round = u32::try_from(record.id / 3).unwrap();
        assert_eq!(
            record.started,
            Some(queued + 10 * MS * round),
            "three workers, nine jobs of 10 ms queued at once: {record:?}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_job_pushed_while_a_worker_checks_the_queue_is_not_lost() {
    let pool = Pool::start(1);
    sleep_past(23 * MS).await;
    pool.push(10 * MS);
    // If your pool keeps its jobs in `support::Backlog`: the next job is pushed the instant
    // the worker, done with the first, finds the backlog empty (a producer on another core
    // can land there). Otherwise, now.
    let second = pool
        .push_in_the_gap(Duration::ZERO)
        .unwrap_or_else(|| pool.push(Duration::ZERO));
    // The first job has just ended: a pool that never found the backlog empty gets the job
    // now, the same instant.
    sleep_past(10 * MS).await;
    pool.release_gap();
    sleep(Duration::from_secs(5)).await;
    let records = pool.log().records();
    let (first, second) = (records[0], records[usize::try_from(second).unwrap()]);
    assert!(
        second.started.is_some(),
        "the second job never started: a wake-up was lost ({second:?})"
    );
    assert_eq!(
        second.started, first.finished,
        "the second job waited after the worker was free"
    );
}
