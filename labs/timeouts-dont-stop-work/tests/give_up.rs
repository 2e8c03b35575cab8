//! How long each handler takes to give up on a job it cannot finish in time, on the paused
//! clock: exact instants, the same on every machine.
//!
//! The request is [`Scenario::REQUEST`]: one second of CPU work in 1 ms steps, 100 ms per
//! attempt, three attempts. A handler that keeps its limit gives up by 3 × (100 ms + one step
//! + one timer tick); `anti` answers after the whole second instead.

use std::time::Duration;

use timeouts_dont_stop_work::contract::TIMER_TICK;
use timeouts_dont_stop_work::{GaveUp, Policy, Scenario, Variant, Variants, limit};

#[test]
fn only_the_late_handlers_return_after_their_bound() {
    let request = Scenario::REQUEST;
    for &variant in Variant::all() {
        let handled = request.run(variant);
        let late = handled.returned_after > request.give_up_by();
        assert_eq!(
            late,
            variant.faults().late,
            "{variant}: returned after {:?}, bound {:?}",
            handled.returned_after,
            request.give_up_by()
        );
    }
}

#[test]
fn the_timeout_around_cpu_work_returns_ok_when_the_work_ends() {
    let request = Scenario::REQUEST;
    let handled = request.run(Variant::Anti);
    // Not `Elapsed`: the answer, 900 ms after the 100 ms limit.
    assert_eq!(handled.output, Ok(request.job.expected()));
    assert_eq!(handled.returned_after, request.job_time());
    assert_eq!(handled.at_return.started, 1, "no attempt ever timed out");
}

#[test]
fn the_fixes_give_up_within_a_step_of_every_limit() {
    let request = Scenario::REQUEST;
    for variant in [Variant::Fixed, Variant::YieldNow, Variant::AbortTask] {
        let handled = request.run(variant);
        assert_eq!(handled.output, Err(GaveUp { attempts: 3 }), "{variant}");
        assert!(
            handled.returned_after >= request.policy.limit * 3,
            "{variant}: gave up after {:?}, before three limits",
            handled.returned_after
        );
        assert!(
            handled.returned_after <= request.give_up_by(),
            "{variant}: gave up after {:?}",
            handled.returned_after
        );
    }
}

#[test]
fn a_token_checked_off_the_runtime_costs_one_step_per_attempt() {
    let request = Scenario::REQUEST;
    let handled = request.run(Variant::Fixed);
    let one_step_each = (request.policy.limit + request.step + TIMER_TICK) * 3;
    assert!(
        handled.returned_after <= one_step_each,
        "{:?}",
        handled.returned_after
    );
}

#[test]
fn consume_budget_overruns_each_attempt_by_up_to_two_budgets() {
    let request = Scenario::REQUEST;
    let handled = request.run(Variant::ConsumeBudget);
    assert_eq!(handled.output, Err(GaveUp { attempts: 3 }));
    // Each attempt: a poll of 128 steps, then the poll that sees the timer runs 128 more.
    let per_attempt = request.step * 2 * 128;
    assert!(handled.returned_after > request.give_up_by());
    assert!(
        handled.returned_after <= (per_attempt + request.step) * 3,
        "{:?}",
        handled.returned_after
    );
}

#[test]
fn the_floor_is_the_limits_themselves() {
    let policy = Scenario::REQUEST.policy;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    let took = runtime.block_on(async {
        let start = tokio::time::Instant::now();
        assert_eq!(limit::give_up(policy).await, GaveUp { attempts: 3 });
        start.elapsed()
    });
    assert_eq!(took, policy.limit * 3);
}

#[test]
fn a_job_that_fits_its_limit_is_answered_once_by_every_handler() {
    let request = Scenario {
        step: Duration::from_millis(1),
        job: timeouts_dont_stop_work::Job { id: 3, steps: 40 },
        policy: Policy {
            limit: Duration::from_millis(100),
            attempts: 3,
        },
    };
    for &variant in Variant::all() {
        let handled = request.run(variant);
        assert_eq!(handled.output, Ok(request.job.expected()), "{variant}");
        assert_eq!(handled.after.started, 1, "{variant}");
        assert_eq!(handled.after.completed, 1, "{variant}");
        assert!(
            handled.returned_after <= request.job_time() + request.step,
            "{variant}: {:?}",
            handled.returned_after
        );
    }
}
