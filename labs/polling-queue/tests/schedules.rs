//! Over arrival schedules drawn by proptest: every correct pool runs every job exactly once,
//! starts them in the order they were queued, and starts each at the first instant a worker
//! is free for it, the schedule of an ideal FIFO pool of the same size, to the microsecond of
//! the paused clock.

use std::time::Duration;

use polling_queue::{Pool, Variant, Variants};
use proptest::prelude::*;
use tokio::time::{Instant, sleep};

/// When each job of `arrivals` (queued at, works for) starts in an ideal pool of `workers`:
/// the oldest waiting job takes the first worker to come free.
fn ideal_starts(arrivals: &[(Duration, Duration)], workers: usize) -> Vec<Duration> {
    let mut free = vec![Duration::ZERO; workers];
    arrivals
        .iter()
        .map(|&(at, work)| {
            let (index, &soonest) = free
                .iter()
                .enumerate()
                .min_by_key(|&(_, f)| *f)
                .expect("at least one worker");
            let start = at.max(soonest);
            free[index] = start + work;
            start
        })
        .collect()
}

/// Runs `variant` on the schedule: gaps before each job and each job's work, in ms.
fn run(variant: Variant, workers: usize, jobs: &[(u64, u64)]) -> Vec<(Option<Duration>, u32)> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let pool = Pool::start(variant, workers);
        let origin = Instant::now();
        for &(gap, work) in jobs {
            sleep(Duration::from_millis(gap)).await;
            pool.push(Duration::from_millis(work));
        }
        sleep(Duration::from_secs(60)).await;
        let order = pool.log().start_order();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(order, sorted, "{variant}: started out of order");
        pool.log()
            .records()
            .iter()
            .map(|r| (r.started.map(|s| s - origin), r.runs))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn correct_pools_start_every_job_once_in_order_as_soon_as_a_worker_is_free(
        workers in 1usize..=4,
        jobs in prop::collection::vec((0u64..40, 0u64..60), 1..24),
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
        for &variant in Variant::all().iter().filter(|v| v.is_correct()) {
            let seen = run(variant, workers, &jobs);
            for (id, ((started, runs), want)) in seen.iter().zip(&ideal).enumerate() {
                prop_assert_eq!(*runs, 1, "{}: job {} ran {} times", variant, id, runs);
                prop_assert_eq!(*started, Some(*want), "{}: job {}", variant, id);
            }
        }
    }
}
