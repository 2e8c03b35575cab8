//! Every job's outcome must reach the report, and no job may outlive `run_jobs`.
//!
//! Two batches (different sizes, lengths and mixes of success, error and panic), on paused
//! time. The report must hold the right outcome of every job (its value, its error, its panic
//! message), `run_jobs` itself must return (not panic, not hang), and no job may end after it
//! returned. Then the caller gives up on the batch at many instants, as a timeout would: no
//! job may end after that either.

use std::time::Duration;

use exercise_detached_tasks::{Abandoned, Job, Kind, Supervised, abandon, run_jobs, supervise};

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
