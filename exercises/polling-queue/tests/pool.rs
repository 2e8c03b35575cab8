//! The exercise's tests, one module per property, each on Tokio's paused clock with the
//! workers spawned (and their polls counted) by `support::Pool`. One file, so that
//! `cargo workshop verify` links one test binary per alternative answer.

/// A job starts within one scheduling hop of being queued: on the paused clock, at the very
/// instant it was queued, whenever a worker is free for it.
mod start {
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
}

/// Jobs start in the order they were queued, each exactly once, over any arrival schedule.
mod order {
    use std::time::Duration;

    use exercise_polling_queue::Pool;
    use proptest::prelude::*;
    use tokio::time::{Instant, sleep};

    #[tokio::test(start_paused = true)]
    async fn a_backlog_runs_oldest_first() {
        let pool = Pool::start(1);
        sleep(Duration::from_millis(37)).await;
        for _ in 0..6 {
            pool.push(Duration::from_millis(10));
        }
        sleep(Duration::from_secs(5)).await;
        assert_eq!(
            pool.log().start_order(),
            [0, 1, 2, 3, 4, 5],
            "six jobs queued together on one worker, started in this order (ids are the queue order)"
        );
    }

    /// When each job of `arrivals` (queued at, works for) starts in an ideal pool of `workers`.
    fn ideal_starts(arrivals: &[(Duration, Duration)], workers: usize) -> Vec<Duration> {
        let mut free = vec![Duration::ZERO; workers];
        arrivals
            .iter()
            .map(|&(at, work)| {
                let (index, &soonest) = free
                    .iter()
                    .enumerate()
                    .min_by_key(|&(_, f)| *f)
                    .expect("a worker");
                let start = at.max(soonest);
                free[index] = start + work;
                start
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        #[test]
        fn every_job_starts_once_in_order_as_soon_as_a_worker_is_free(
            workers in 1usize..=4,
            jobs in prop::collection::vec((0u64..40, 0u64..60), 1..20),
        ) {
            let mut at = Duration::ZERO;
            let arrivals: Vec<_> = jobs
                .iter()
                .map(|&(gap, work)| {
                    at += Duration::from_millis(gap);
                    (at, Duration::from_millis(work))
                })
                .collect();
            let ideal = ideal_starts(&arrivals, workers);
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .start_paused(true)
                .build()
                .expect("a runtime");
            let (records, order) = runtime.block_on(async {
                let pool = Pool::start(workers);
                let origin = Instant::now();
                for &(gap, work) in &jobs {
                    sleep(Duration::from_millis(gap)).await;
                    pool.push(Duration::from_millis(work));
                }
                sleep(Duration::from_secs(60)).await;
                let records: Vec<_> = pool
                    .log()
                    .records()
                    .iter()
                    .map(|r| (r.started.map(|s| s - origin), r.runs))
                    .collect();
                (records, pool.log().start_order())
            });
            let mut sorted = order.clone();
            sorted.sort_unstable();
            prop_assert_eq!(&order, &sorted, "jobs started out of the order they were queued");
            for (id, ((started, runs), want)) in records.iter().zip(&ideal).enumerate() {
                prop_assert_eq!(*runs, 1, "job {} ran {} times", id, runs);
                prop_assert_eq!(*started, Some(*want), "job {} started late (ideal {:?})", id, want);
            }
        }
    }
}

/// Workers do not wake up while the queue is empty: before any job, and after the last.
mod idle {
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
}
