//! Whether a handler keeps the runtime's worker to itself: a heartbeat task on the same
//! current-thread runtime asks to wake every millisecond, and the longest gap between its
//! wake-ups (paused time, exact) is the longest poll the handler made.

use std::time::Duration;

use timeouts_dont_stop_work::drive::HEARTBEAT;
use timeouts_dont_stop_work::{Scenario, Variant, Variants};

#[test]
fn only_the_coarse_handlers_hold_the_worker() {
    let request = Scenario::REQUEST;
    // A heartbeat that never waits on more than one step between two wake-ups, plus its own
    // period and a timer tick.
    let free = HEARTBEAT + request.step + Duration::from_millis(1);
    for &variant in Variant::all() {
        let handled = request.run(variant);
        let blocks = handled.heartbeat_gap > free;
        assert_eq!(
            blocks,
            variant.faults().blocks_worker,
            "{variant}: the heartbeat waited up to {:?}",
            handled.heartbeat_gap
        );
    }
}

#[test]
fn cpu_work_in_async_code_holds_the_worker_for_the_whole_job() {
    let request = Scenario::REQUEST;
    let handled = request.run(Variant::Anti);
    assert!(handled.heartbeat_gap >= request.job_time());
}
