//! The same judgements over limits, attempts, job sizes and step times drawn by proptest: the
//! fixes keep their bound and never run a job twice whatever the numbers; `anti` always
//! answers when the work ends; a timeout around `spawn_blocking` runs every attempt's copy
//! to the end whenever the job outlasts the attempts.

use std::time::Duration;

use proptest::prelude::*;
use timeouts_dont_stop_work::{Job, Policy, Scenario, Variant};

fn scenarios() -> impl Strategy<Value = Scenario> {
    (1..=3u64, 1..=400u32, 5..=120u64, 1..=4u32).prop_map(|(step_ms, steps, limit_ms, attempts)| {
        Scenario {
            step: Duration::from_millis(step_ms),
            job: Job { id: 11, steps },
            policy: Policy {
                limit: Duration::from_millis(limit_ms),
                attempts,
            },
        }
    })
}

proptest! {
    // Each case runs three handlers on the paused clock; a few dozen cases cover the shapes.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_fixes_keep_their_bound_and_run_the_job_at_most_once(request in scenarios()) {
        for variant in [Variant::Fixed, Variant::YieldNow, Variant::AbortTask] {
            let handled = request.run(variant);
            prop_assert!(handled.returned_after <= request.give_up_by(), "{variant}: {handled:?}");
            prop_assert!(handled.after.peak_live <= 1, "{variant}: {handled:?}");
            prop_assert!(handled.after.completed <= 1, "{variant}: {handled:?}");
            prop_assert_eq!(handled.at_return.live, 0, "{}", variant);
            match handled.output {
                Ok(thumbnail) => prop_assert_eq!(thumbnail, request.job.expected()),
                // Only a job that does not fit its limit may be given up on.
                Err(_) => prop_assert!(request.job_time() >= request.policy.limit, "{variant}: {handled:?}"),
            }
        }
    }

    #[test]
    fn cpu_work_in_async_code_is_answered_when_it_ends(request in scenarios()) {
        let handled = request.run(Variant::Anti);
        prop_assert_eq!(handled.output, Ok(request.job.expected()));
        prop_assert_eq!(handled.returned_after, request.job_time());
    }

    #[test]
    fn a_blocking_retry_runs_every_attempt_to_the_end(request in scenarios()) {
        let handled = request.run(Variant::BlockingRetry);
        // A job longer than every attempt together: all of them time out, none is stopped.
        if request.job_time() > request.policy.limit * (request.policy.attempts + 1) {
            prop_assert!(handled.output.is_err());
            prop_assert_eq!(handled.after.completed, request.policy.attempts);
            prop_assert_eq!(handled.after.stopped, 0);
        }
    }
}
