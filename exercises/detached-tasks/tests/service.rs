//! The service's two promises, judged by behaviour.
//!
//! The jobs: every job's outcome must reach the report, and no job may outlive `run_jobs`.
//! Two batches (different sizes, lengths and mixes of success, error and panic), on paused
//! time. The report must hold the right outcome of every job (its value, its error, its panic
//! message), `run_jobs` itself must return (not panic, not hang), and no job may end after it
//! returned. Then the caller gives up on the batch at many instants, as a timeout would: no
//! job may end after that either.
//!
//! The store: it must answer every request, refuse a second write of a key to its caller, and
//! go on serving everyone else with its state intact.
//!
//! (One test file, so that `cargo workshop verify` links one test binary per answer it tries.)

use std::time::Duration;

use exercise_detached_tasks::{
    Abandoned, Job, Kind, Rejected, StoreError, Supervised, abandon, run_jobs, spawn_store,
    supervise,
};

/// `n` jobs; `fail` and `panic` pick the ids that fail and panic; job `i` takes
/// `(1 + (i × spread) mod 6) × 10 ms`.
fn batch(n: usize, spread: usize, fail: fn(usize) -> bool, panic: fn(usize) -> bool) -> Vec<Job> {
    (0..n)
        .map(|id| Job {
            id,
            kind: if panic(id) {
                Kind::Panic
            } else if fail(id) {
                Kind::Fail
            } else {
                Kind::Succeed
            },
            takes: Duration::from_millis(10 * (1 + (id * spread % 6) as u64)),
        })
        .collect()
}

fn batches() -> [Vec<Job>; 2] {
    [
        batch(12, 5, |i| i % 4 == 1, |i| i % 5 == 3),
        batch(30, 7, |i| i % 3 == 0, |i| i % 7 == 2),
    ]
}

#[test]
fn every_outcome_is_reported_and_no_job_outlives_the_report() {
    for jobs in batches() {
        let (report, ended_after) = match supervise(&jobs, run_jobs) {
            Supervised::Returned {
                report,
                ended_after,
            } => (report, ended_after),
            Supervised::Panicked(message) => {
                panic!(
                    "`run_jobs` itself panicked (`{message}`): one job's panic took the whole batch down"
                )
            }
            Supervised::Hung => panic!("`run_jobs` never returned"),
        };
        let mut wrong = Vec::new();
        for job in &jobs {
            let got = report.outcomes.get(&job.id);
            if got != Some(&job.expected()) {
                wrong.push(format!(
                    "job {} ({:?}): expected {:?}, the report has {:?}",
                    job.id,
                    job.kind,
                    job.expected(),
                    got
                ));
            }
        }
        assert!(
            wrong.is_empty(),
            "{} of {} jobs are missing from the report or wrong; the first:\n{}",
            wrong.len(),
            jobs.len(),
            wrong[..wrong.len().min(6)].join("\n")
        );
        assert_eq!(
            report.outcomes.len(),
            jobs.len(),
            "the report has outcomes for jobs that do not exist"
        );
        assert_eq!(
            ended_after, 0,
            "{ended_after} jobs ended after `run_jobs` returned: it left them running"
        );
    }
}

#[test]
fn a_caller_that_gives_up_leaves_no_job_running() {
    for jobs in batches() {
        // Between the jobs' ends (multiples of 10 ms), so that no instant is a tie.
        for at in (5..60).step_by(10) {
            let Abandoned { ended_after } = abandon(&jobs, Duration::from_millis(at), run_jobs);
            assert_eq!(
                ended_after,
                0,
                "dropped {at} ms into a batch of {}: {ended_after} jobs went on running without \
                 anyone to report to",
                jobs.len()
            );
        }
    }
}

fn rejected(key: &str) -> Result<(), StoreError> {
    Err(StoreError::Rejected(Rejected { key: key.into() }))
}

#[tokio::test(start_paused = true)]
async fn a_refused_write_is_the_callers_error_and_the_store_lives_on() {
    let store = spawn_store();
    assert_eq!(store.put("a", 1).await, Ok(()));
    assert_eq!(
        store.put("a", 2).await,
        rejected("a"),
        "a second write of `a` must come back to its caller as `Rejected`"
    );
    assert_eq!(
        store.put("b", 3).await,
        Ok(()),
        "the store must keep serving after a refused write"
    );
    assert_eq!(
        store.get("a").await,
        Ok(Some(1)),
        "the first value of `a` must still be there"
    );
    assert_eq!(store.put("b", 4).await, rejected("b"));
    assert_eq!(store.put("a", 5).await, rejected("a"));
    assert_eq!(store.get("b").await, Ok(Some(3)));
    assert_eq!(store.get("c").await, Ok(None));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_each_get_their_own_answer() {
    let store = spawn_store();
    // Every key written twice, by concurrent callers: one write of each pair is refused.
    let calls: Vec<_> = (0..60u64)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move { store.put(&format!("k{}", i / 2), i).await })
        })
        .collect();
    let mut answers = Vec::new();
    for call in calls {
        answers.push(call.await.expect("a caller does not panic"));
    }
    let ok = answers.iter().filter(|a| a.is_ok()).count();
    let refused = answers
        .iter()
        .filter(|a| matches!(a, Err(StoreError::Rejected(_))))
        .count();
    assert_eq!(
        (ok, refused),
        (30, 30),
        "60 writes of 30 keys: 30 accepted and 30 refused, each to its own caller"
    );
    for k in 0..30u64 {
        let value = store.get(&format!("k{k}")).await;
        assert!(
            matches!(value, Ok(Some(v)) if v / 2 == k),
            "k{k} lost: {value:?}"
        );
    }
}
