//! One thread, many calls: the work must not build a runtime per call.
//! (Each test file is its own process, so the runtime count starts from zero here.)

use exercise_runtime_per_call::lookup;
use exercise_runtime_per_call::support::{expected, runtimes_seen};

#[test]
fn a_hundred_calls_are_served_by_one_runtime() {
    for key in 0..100 {
        assert_eq!(lookup(key), Ok(expected(key)), "wrong answer for key {key}");
    }
    assert_eq!(
        runtimes_seen(),
        1,
        "100 calls were served by {} different runtimes; build one and keep it",
        runtimes_seen()
    );
}
