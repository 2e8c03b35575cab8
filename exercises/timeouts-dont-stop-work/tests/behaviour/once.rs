//! No job runs twice: a timed-out attempt's copy stops before the next attempt starts, none
//! runs to the end once it has been given up on, and none is left running (or holding a
//! blocking thread) when the handler returns.

use exercise_timeouts_dont_stop_work::Scenario;

#[test]
fn never_two_copies_at_once() {
    let handled = Scenario::REQUEST.run();
    assert_eq!(
        handled.after.peak_live, 1,
        "{} copies of the job were alive at the same time",
        handled.after.peak_live
    );
}

#[test]
fn no_copy_left_running() {
    let handled = Scenario::REQUEST.run();
    assert_eq!(
        handled.at_return.live, 0,
        "{} copies still running when the handler returned",
        handled.at_return.live
    );
    assert_eq!(
        handled.blocking_busy_at_return, 0,
        "blocking threads still busy when the handler returned"
    );
    assert_eq!(
        handled.after.completed, 0,
        "a copy ran every step of a job no attempt has time for: it was not stopped ({:?} of \
         it after the handler returned)",
        handled.ran_on_for
    );
}

#[test]
fn every_attempt_was_made() {
    let handled = Scenario::REQUEST.run();
    assert_eq!(handled.after.started, Scenario::REQUEST.policy.attempts);
}
