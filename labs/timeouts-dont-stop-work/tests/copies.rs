//! What the copies of a timed-out job do: whether any outlives its attempt, and what that
//! costs the blocking pool, counted.

use timeouts_dont_stop_work::{Scenario, Variant, Variants};

#[test]
fn only_the_blocking_retries_leave_copies_running() {
    let request = Scenario::REQUEST;
    for &variant in Variant::all() {
        let handled = request.run(variant);
        let runs_on = handled.after.peak_live > 1 || handled.at_return.live > 0;
        assert_eq!(runs_on, variant.faults().runs_on, "{variant}: {handled:?}");
    }
}

#[test]
fn a_timeout_around_spawn_blocking_runs_the_job_once_per_attempt() {
    let request = Scenario::REQUEST;
    for variant in [Variant::BlockingRetry, Variant::AbortBlocking] {
        let handled = request.run(variant);
        let attempts = request.policy.attempts;
        // Every attempt's copy is still computing when the handler has given up on it ...
        assert_eq!(handled.at_return.live, attempts, "{variant}");
        assert_eq!(handled.at_return.peak_live, attempts, "{variant}");
        // ... each on a blocking thread of its own ...
        assert_eq!(
            handled.blocking_busy_at_return, attempts as usize,
            "{variant}"
        );
        // ... and each runs to the end: the job ran three times, for no answer.
        assert_eq!(handled.after.completed, attempts, "{variant}");
        assert_eq!(
            handled.after.steps,
            u64::from(request.job.steps) * 3,
            "{variant}"
        );
        // The first copy, started at 0, ends at 1 s; the last, started at 200 ms, at 1.2 s.
        assert_eq!(
            handled.ran_on_for,
            request.job_time() + request.policy.limit * 2 - handled.returned_after,
            "{variant}"
        );
    }
}

#[test]
fn the_fixes_stop_every_copy_before_the_next_and_leave_none() {
    let request = Scenario::REQUEST;
    for variant in [Variant::Fixed, Variant::YieldNow, Variant::AbortTask] {
        let handled = request.run(variant);
        assert_eq!(
            handled.at_return.peak_live, 1,
            "{variant}: two copies at once"
        );
        assert_eq!(handled.at_return.live, 0, "{variant}: a copy left running");
        assert_eq!(handled.at_return.stopped, 3, "{variant}");
        assert_eq!(handled.after.completed, 0, "{variant}");
        assert_eq!(handled.blocking_busy_at_return, 0, "{variant}");
        // Each copy took at most one step past its limit.
        let steps_within = request.policy.limit.as_millis() as u64 + 1;
        assert!(
            handled.after.steps <= steps_within * 3,
            "{variant}: {handled:?}"
        );
    }
}
