//! The synchronisation primitives the models use: loom's under the `loom` feature, so loom
//! can control every interleaving, and `std`'s otherwise, so the same code runs for real.
//!
//! `Arc` is always `std`'s: it only shares the channels between threads, and loom's own `Arc`
//! would add every reference-count change to the interleavings it explores, multiplying the
//! work without testing anything this lab is about.

pub use std::sync::Arc;

#[cfg(feature = "loom")]
pub use loom::sync::{Condvar, Mutex, MutexGuard};
#[cfg(feature = "loom")]
pub use loom::thread;

#[cfg(not(feature = "loom"))]
pub use std::sync::{Condvar, Mutex, MutexGuard};
#[cfg(not(feature = "loom"))]
pub use std::thread;
