//! One call parked inside the library: the second caller must wait outside.

use exercise_send_sync::ffi;
use send_sync::exclusion::{Exclusion, second_caller};

use crate::Api;

/// What a second caller met, and the converter's count afterwards.
pub fn run<C: Api + Sync>() -> (Exclusion, u64) {
    let session = ffi::open();
    let converter = C::open(session.clone());
    let outcome = second_caller(&converter, &session, |c, input| c.convert(input));
    (outcome, converter.calls())
}

#[test]
fn a_second_caller_waits_while_a_call_is_inside_the_library() {
    let (outcome, calls) = (crate::traits::suite().exclusion)();
    assert_eq!(
        outcome,
        Exclusion::Waited("1:FIRST".into(), "2:SECOND".into()),
        "the second caller must wait outside the library until the first call returns, then \
         get the session's next number"
    );
    assert_eq!(calls, 2);
}
