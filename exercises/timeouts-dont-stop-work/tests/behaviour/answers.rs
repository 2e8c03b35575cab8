//! A job that fits its limit is answered, once, as soon as it is done; and while the handler
//! works, a heartbeat on the same runtime still wakes every millisecond or so.

use std::time::Duration;

use exercise_timeouts_dont_stop_work::support::HEARTBEAT;
use exercise_timeouts_dont_stop_work::{Job, Policy, Scenario};

const FITS: Scenario = Scenario {
    step: Duration::from_millis(1),
    job: Job { id: 5, steps: 60 },
    policy: Policy {
        limit: Duration::from_millis(100),
        attempts: 3,
    },
};

#[test]
fn a_job_that_fits_is_answered_once() {
    let handled = FITS.run();
    assert_eq!(handled.output, Ok(FITS.job.expected()));
    assert_eq!(handled.after.started, 1, "one attempt was enough");
    assert!(
        handled.returned_after <= FITS.job_time() + FITS.step,
        "answered after {:?}, the job takes {:?}",
        handled.returned_after,
        FITS.job_time()
    );
}

#[test]
fn the_worker_stays_free() {
    let request = Scenario::REQUEST;
    let handled = request.run();
    let free = HEARTBEAT + request.step + Duration::from_millis(1);
    assert!(
        handled.heartbeat_gap <= free,
        "a task beside the handler waited {:?} for the worker",
        handled.heartbeat_gap
    );
}
