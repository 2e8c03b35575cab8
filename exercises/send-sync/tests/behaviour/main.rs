//! The converter, shared the way a host shares it: judged on what the library saw.
//!
//! - it is `Send + Sync`. The tests must build on any answer, the starter included, so this
//!   is read at compile time without requiring it ([`traits`]): a converter that is not gets
//!   a failing test that says which trait it lacks, instead of a test binary that does not
//!   build;
//! - with one call parked inside the library, a second caller waits outside ([`exclusion`]:
//!   caught on every run, not when threads happen to collide);
//! - shared by many threads, every call is numbered once by the one session and counted
//!   ([`shared`]);
//! - called from the async tasks of a multi-threaded runtime, it neither panics nor fails
//!   ([`from_tasks`]).

mod exclusion;
mod from_tasks;
mod shared;
mod traits;

use exercise_send_sync::Converter;
use exercise_send_sync::ffi::RawSession;

/// The converter's API, so that the threaded tests can be written for any `Send + Sync` type
/// and run only on one that is.
pub trait Api {
    /// `Converter::open`.
    fn open(session: RawSession) -> Self;
    /// `Converter::convert`.
    fn convert(&self, input: &str) -> String;
    /// `Converter::calls`.
    fn calls(&self) -> u64;
}

impl Api for Converter {
    fn open(session: RawSession) -> Self {
        Converter::open(session)
    }
    fn convert(&self, input: &str) -> String {
        Converter::convert(self, input)
    }
    fn calls(&self) -> u64 {
        Converter::calls(self)
    }
}

#[test]
fn the_converter_is_send_and_sync() {
    let (send, sync) = traits::of_converter();
    assert!(
        send && sync,
        "the converter must be Send + Sync to be shared by the host's threads; it is Send: \
         {send}, Sync: {sync}"
    );
}
