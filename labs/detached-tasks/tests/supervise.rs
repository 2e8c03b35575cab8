//! Every supervisor, on any batch: which outcomes reach the report, whether `run` survives a
//! job's panic, and whether jobs outlive a caller that gave up. Each variant's answers must
//! match what [`Variant::faults`] says of it.
//!
//! A batch is a list of jobs, each with a kind (succeed, fail, panic) and a length; proptest
//! draws both, on paused time, so every run is exact and costs microseconds. The faults are
//! also shown on the usual batch, so that a failure names a case a reader can follow.

use std::time::Duration;

use detached_tasks::contract::{batch, usual};
use detached_tasks::{Job, Kind, Outcome, Variant, Variants};
use proptest::prelude::*;

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![Just(Kind::Succeed), Just(Kind::Fail), Just(Kind::Panic)]
}

/// Up to 16 jobs of 10 to 80 ms (multiples of 10 ms, so that an instant ending in 5 ms is
/// never the end of a job).
fn jobs() -> impl Strategy<Value = Vec<Job>> {
    prop::collection::vec((kind(), 1u32..=8), 1..16).prop_map(|specs| {
        specs
            .into_iter()
            .enumerate()
            .map(|(id, (kind, tens))| Job {
                id,
                kind,
                takes: Duration::from_millis(10) * tens,
            })
            .collect()
    })
}

fn has(jobs: &[Job], kind: Kind) -> bool {
    jobs.iter().any(|job| job.kind == kind)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// What each supervisor keeps right, for any batch.
    #[test]
    fn every_supervisor_keeps_what_its_faults_do_not_break(jobs in jobs()) {
        for &variant in Variant::all() {
            let faults = variant.faults();
            let run = variant.supervise_paused(&jobs);
            prop_assert_eq!(run.ended_after_return, 0, "{} left jobs running", variant);
            if faults.panics && has(&jobs, Kind::Panic) {
                prop_assert!(run.result.is_err(), "{variant}: {run:?}");
                continue;
            }
            let report = run.result.as_ref().expect("no panic of `run`");
            for job in &jobs {
                let got = report.outcomes.get(&job.id);
                let lost = match job.kind {
                    Kind::Succeed => false,
                    Kind::Fail => faults.loses_errors,
                    Kind::Panic => faults.loses_panics,
                };
                if lost {
                    prop_assert_eq!(got, None, "{}: job {}", variant, job.id);
                } else {
                    prop_assert_eq!(got, Some(&job.expected()), "{}: job {}", variant, job.id);
                }
            }
        }
    }

    /// A caller that gives up at any instant: only the supervisors that own their jobs stop
    /// them all.
    #[test]
    fn a_caller_that_gives_up_stops_the_jobs_of_an_owning_supervisor(
        jobs in jobs(),
        tens in 0u32..8,
    ) {
        let at = Duration::from_millis(5) + Duration::from_millis(10) * tens;
        let still_running = jobs.iter().filter(|job| job.takes > at).count() as u64;
        for &variant in Variant::all() {
            let abandoned = variant.abandon_paused(&jobs, at);
            let expected = if variant.faults().outlives_caller { still_running } else { 0 };
            prop_assert_eq!(abandoned.ended_after, expected, "{} abandoned at {:?}", variant, at);
        }
    }
}

#[test]
fn the_anti_pattern_reports_only_what_succeeded_and_no_error_says_so() {
    let jobs = usual();
    let run = Variant::Anti.supervise_paused(&jobs);
    let report = run.result.expect("`run` itself does not fail");
    assert_eq!(report.outcomes.len(), 8, "8 of 12 jobs succeed: {report:?}");
    assert!(
        report
            .outcomes
            .values()
            .all(|o| matches!(o, Outcome::Done(_)))
    );
    // The four missing ones are exactly the jobs that failed or panicked.
    let missing: Vec<usize> = run_wrong(Variant::Anti, &jobs);
    assert_eq!(missing, [1, 4, 7, 10]);
    assert_eq!(run.ended_after_return, 0, "it did wait: for the channel");
}

fn run_wrong(variant: Variant, jobs: &[Job]) -> Vec<usize> {
    variant.supervise_paused(jobs).wrong(jobs)
}

#[test]
fn the_fixes_report_every_outcome() {
    let jobs = usual();
    for variant in [Variant::Fixed, Variant::Tracker, Variant::AwaitedHandles] {
        let run = variant.supervise_paused(&jobs);
        assert!(run.is_complete(&jobs), "{variant}: {run:?}");
        let report = run.result.unwrap();
        assert_eq!(
            report.outcomes[&4],
            Outcome::Panicked("job 4 panicked: no row 99 in a 3-row page".into()),
            "{variant}"
        );
    }
}

#[test]
fn one_panicking_branch_of_join_takes_the_whole_call_down() {
    let jobs = usual();
    let run = Variant::Joined.supervise_paused(&jobs);
    // Job 10 (10 ms) is the first to panic; the others were mid-way, and are gone.
    assert_eq!(
        run.result,
        Err("job 10 panicked: no row 99 in a 3-row page".into())
    );
    // Without a panic in the batch, `join_all` reports every error: errors are isolated.
    let calm: Vec<Job> = jobs
        .iter()
        .filter(|job| job.kind != Kind::Panic)
        .copied()
        .collect();
    assert!(Variant::Joined.supervise_paused(&calm).is_complete(&calm));
}

#[test]
fn a_dropped_handle_does_not_stop_its_task() {
    // Abandoned at 25 ms: the jobs of 30, 40 and 50 ms are still running.
    let jobs = usual();
    let still = jobs
        .iter()
        .filter(|j| j.takes > Duration::from_millis(25))
        .count() as u64;
    assert_eq!(still, 7);
    for variant in [Variant::Anti, Variant::AwaitedHandles] {
        let abandoned = variant.abandon_paused(&jobs, Duration::from_millis(25));
        assert_eq!(abandoned.ended_after, still, "{variant}");
    }
    for variant in [Variant::Fixed, Variant::Tracker] {
        let abandoned = variant.abandon_paused(&jobs, Duration::from_millis(25));
        assert_eq!(abandoned.ended_after, 0, "{variant}");
        assert_eq!(abandoned.ended_before, 12 - still, "{variant}");
    }
    // `joined` stops its jobs too, but its own panic (job 10's, at 10 ms) stopped them first.
    assert_eq!(
        Variant::Joined
            .abandon_paused(&jobs, Duration::from_millis(25))
            .ended_after,
        0
    );
}

#[test]
fn the_faults_table_is_what_the_supervisors_do() {
    // Each claimed fault shows on the usual batch; each fault not claimed is covered by the
    // proptests above.
    let jobs = batch(12, Duration::from_millis(10));
    for &variant in Variant::all() {
        let run = variant.supervise_paused(&jobs);
        let report = run.result.as_ref().ok();
        let lost = |kind: Kind| {
            report.is_some_and(|r| {
                jobs.iter()
                    .any(|j| j.kind == kind && !r.outcomes.contains_key(&j.id))
            })
        };
        let abandoned = variant.abandon_paused(&jobs, Duration::from_millis(25));
        assert_eq!(
            (
                lost(Kind::Fail),
                lost(Kind::Panic),
                run.result.is_err(),
                abandoned.ended_after > 0
            ),
            {
                let f = variant.faults();
                (f.loses_errors, f.loses_panics, f.panics, f.outlives_caller)
            },
            "{variant}: (loses errors, loses panics, panics, outlives its caller)"
        );
        assert_eq!(
            variant.is_correct(),
            run.is_complete(&jobs) && abandoned.ended_after == 0
        );
    }
}
