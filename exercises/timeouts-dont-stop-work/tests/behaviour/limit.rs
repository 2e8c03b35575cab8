//! The handler gives up within its limits, on a job that cannot fit them: each attempt gets
//! its whole limit (no sooner), and at most two steps and a timer tick more (no later).
//! Paused time: every instant is exact.

use std::time::Duration;

use exercise_timeouts_dont_stop_work::{GaveUp, Job, Policy, Scenario};

fn check(request: Scenario) {
    let handled = request.run();
    let attempts = request.policy.attempts;
    assert_eq!(
        handled.output,
        Err(GaveUp { attempts }),
        "a job of {:?} cannot fit {attempts} attempts of {:?}",
        request.job_time(),
        request.policy.limit
    );
    assert!(
        handled.returned_after <= request.give_up_by(),
        "gave up after {:?}: later than {attempts} × ({:?} + two steps of {:?} + 1 ms)",
        handled.returned_after,
        request.policy.limit,
        request.step
    );
    assert!(
        handled.returned_after >= request.policy.limit * attempts,
        "gave up after {:?}: every one of the {attempts} attempts gets its {:?}",
        handled.returned_after,
        request.policy.limit
    );
}

#[test]
fn gives_up_within_its_limits() {
    check(Scenario::REQUEST);
}

#[test]
fn gives_up_within_other_limits() {
    check(Scenario {
        step: Duration::from_millis(2),
        job: Job { id: 21, steps: 600 },
        policy: Policy {
            limit: Duration::from_millis(45),
            attempts: 2,
        },
    });
    check(Scenario {
        step: Duration::from_millis(1),
        job: Job {
            id: 22,
            steps: 5_000,
        },
        policy: Policy {
            limit: Duration::from_millis(250),
            attempts: 4,
        },
    });
}
