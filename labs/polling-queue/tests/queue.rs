//! Each pool's faults, measured on the paused clock against what `src/variants.rs` declares:
//! a job queued to an idle pool starts at once (zero virtual delay) or late; a backlog runs
//! oldest first or newest first; an idle pool sleeps or wakes; a push in the gap between a
//! worker's check and its wait is started or lost.

use std::time::Duration;

use polling_queue::{POLL_INTERVAL, Pool, Variant, Variants};
use tokio::time::sleep;

const MS: Duration = Duration::from_millis(1);

/// Sleeps `d`, then lets every task woken at that instant run first (a worker whose tick
/// falls on the same millisecond has looked at the queue by the time this returns).
async fn sleep_past(d: Duration) {
    sleep(d).await;
    for _ in 0..8 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test(start_paused = true)]
async fn a_job_queued_to_an_idle_pool_starts_at_once_or_late() {
    for &variant in Variant::all() {
        let pool = Pool::start(variant, 2);
        // Idle for a while, off any tick of the anti-pattern's interval.
        sleep_past(POLL_INTERVAL * 2 + 50 * MS).await;
        let id = pool.push(Duration::ZERO);
        sleep(POLL_INTERVAL * 2).await;
        let record = pool.log().records()[usize::try_from(id).unwrap()];
        let latency = record
            .latency()
            .expect("every variant starts a job eventually");
        assert_eq!(
            !latency.is_zero(),
            variant.faults().late,
            "{variant}: started {latency:?} after it was queued"
        );
        match variant {
            Variant::Anti => assert_eq!(latency, 50 * MS, "the next tick, 50 ms on"),
            Variant::FastPoll => assert_eq!(latency, MS, "the next tick, 1 ms on"),
            _ => {}
        }
    }
}

#[tokio::test(start_paused = true)]
async fn a_backlog_runs_oldest_first_or_newest_first() {
    for &variant in Variant::all() {
        let pool = Pool::start(variant, 1);
        sleep(POLL_INTERVAL + 50 * MS).await;
        for _ in 0..5 {
            pool.push(10 * MS);
        }
        sleep(POLL_INTERVAL * 10).await;
        let order = pool.log().start_order();
        assert_eq!(order.len(), 5, "{variant}: every job ran once: {order:?}");
        let fifo = order == [0, 1, 2, 3, 4];
        assert_eq!(!fifo, variant.faults().lifo, "{variant}: started {order:?}");
        if variant == Variant::Anti {
            assert_eq!(order, [4, 3, 2, 1, 0], "`Vec::pop` takes the newest");
        }
    }
}

#[tokio::test(start_paused = true)]
async fn an_idle_pool_sleeps_or_wakes() {
    for &variant in Variant::all() {
        let pool = Pool::start(variant, 4);
        // Every worker's first poll, before the second is counted.
        sleep_past(Duration::ZERO).await;
        let metrics = tokio::runtime::Handle::current().metrics();
        let before = metrics.worker_poll_count(0);
        sleep_past(Duration::from_secs(1)).await;
        let wakeups = pool.wakeups();
        // Tokio's own count of task polls agrees with the pool's wrapper (the test's future
        // is not a task, so the workers are all it counts).
        assert_eq!(
            metrics.worker_poll_count(0) - before,
            wakeups.iter().sum::<u64>(),
            "{variant}: runtime metrics against the pool's counter"
        );
        let woke = wakeups.iter().any(|&w| w > 0);
        assert_eq!(
            woke,
            variant.faults().wakes_idle,
            "{variant}: wake-ups per worker in an idle second: {wakeups:?}"
        );
        match variant {
            Variant::Anti => assert_eq!(wakeups, [10; 4], "one per 100 ms tick"),
            Variant::FastPoll => assert_eq!(wakeups, [1000; 4], "one per 1 ms tick"),
            _ => {}
        }
    }
}

#[tokio::test(start_paused = true)]
async fn a_push_between_the_check_and_the_wait_is_started_or_lost() {
    for &variant in Variant::all() {
        // One worker: with a second one idle, that one would take the job.
        let pool = Pool::start(variant, 1);
        sleep(POLL_INTERVAL + 50 * MS).await;
        pool.push(10 * MS);
        // Queued the instant the worker, done with the first job, finds the queue empty
        // (a variant without a backlog of its own has no such gap: queued now).
        let second = pool
            .push_in_the_gap(Duration::ZERO)
            .unwrap_or_else(|| pool.push(Duration::ZERO));
        sleep(Duration::from_secs(2)).await;
        let record = pool.log().records()[usize::try_from(second).unwrap()];
        assert_eq!(
            record.started.is_none(),
            variant.faults().loses_wakeup,
            "{variant}: the job pushed in the gap: {record:?}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_burst_keeps_every_worker_busy_in_order() {
    for &variant in Variant::all().iter().filter(|v| v.is_correct()) {
        let pool = Pool::start(variant, 3);
        sleep(50 * MS).await;
        let queued = tokio::time::Instant::now();
        for _ in 0..9 {
            pool.push(10 * MS);
        }
        sleep(Duration::from_secs(1)).await;
        let records = pool.log().records();
        for record in &records {
            assert_eq!(record.runs, 1, "{variant}: {record:?}");
            // Three at a time, in order: job k starts when the (k / 3)th round begins.
            let round = u32::try_from(record.id / 3).unwrap();
            assert_eq!(
                record.started,
                Some(queued + 10 * MS * round),
                "{variant}: {record:?}"
            );
        }
        let mut workers: Vec<_> = records.iter().map(|r| r.worker).collect();
        workers.sort();
        workers.dedup();
        assert_eq!(workers.len(), 3, "{variant}: every worker took jobs");
    }
}
