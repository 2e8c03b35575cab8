//! Jobs start in the order they were queued, each exactly once, over any arrival schedule.

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
