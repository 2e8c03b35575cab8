//! The one API every wrapper implements: a converter over one library session.
//!
//! The guides' `Converter` is a struct that owns an FFI session and some state of its own
//! (here, how many calls it made), exposed to the host language, which may call it from any
//! thread. Every variant wraps the same [`RawSession`] and offers the same two calls, so one
//! test, one bench and one demo serve them all. The trait itself asks for neither `Send` nor
//! `Sync`: which variants have them is the lesson, and the tests check it per type.

use crate::ffi::RawSession;

/// A converter that owns one library session.
pub trait Converter {
    /// Wraps an open session.
    fn open(session: RawSession) -> Self
    where
        Self: Sized;

    /// Converts one input through the session.
    fn convert(&self, input: &str) -> String;

    /// How many conversions this converter made.
    fn calls(&self) -> u64;
}
