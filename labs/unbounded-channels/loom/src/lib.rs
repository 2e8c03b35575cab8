//! # Loom models: a cycle of bounded channels, and the design without one
//!
//! The lab's Tokio tests show two actors deadlocking over full bounded channels for one
//! schedule, the one Tokio happened to run. Here [loom](https://docs.rs/loom) runs the same
//! protocol under *every* schedule its threads allow, which settles two questions a test
//! cannot:
//!
//! - does the cycle deadlock in some interleaving even when the load is just one job more than
//!   the queues can hold? ([`model::cycle`]; loom finds the schedule and reports the deadlock);
//! - is the fixed design free of deadlock in *all* interleavings, not just the ones we tried?
//!   ([`model::oneshot_reply`]; loom explores them exhaustively).
//!
//! The models are plain threads and a bounded channel built on a mutex and two condition
//! variables ([`channel`]), with a one-value slot ([`oneshot`]) for replies: the same shapes
//! as Tokio's `mpsc::channel` and `oneshot`, small enough for loom to explore completely.
//! [`sync`] picks loom's primitives with the `loom` feature and `std`'s without, so the
//! models are written once.

pub mod channel;
pub mod model;
pub mod oneshot;
pub mod sync;
