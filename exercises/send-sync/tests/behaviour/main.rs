//! The converter, shared the way a host shares it: judged on what the library saw.
//!
//! - it compiles as `Send + Sync` (the assertion below; a converter that is not fails to
//!   build this binary, which is the compiler's own verdict);
//! - with one call parked inside the library, a second caller waits outside
//!   ([`send_sync::exclusion`]: caught on every run, not when threads happen to collide);
//! - shared by many threads, every call is numbered once by the one session and counted;
//! - called from the async tasks of a multi-threaded runtime, it neither panics nor fails.

mod exclusion;
mod from_tasks;
mod shared;

use exercise_send_sync::Converter;

fn assert_send_sync<T: Send + Sync + 'static>() {}

#[test]
fn the_converter_is_send_and_sync() {
    assert_send_sync::<Converter>();
}
