//! The anti-patterns: blocking work done right inside an `async fn`.
//!
//! Each module here is one handler that gives the right answer and freezes its worker thread
//! while computing it. They share one mechanism. A Tokio worker runs a task by calling its
//! `poll`; the only way back to the scheduler is for `poll` to return, and an `async fn`
//! returns from `poll` only at an `.await` whose future is not ready yet. Code between two such
//! points runs to the end, however long it takes, and nothing else runs on that thread
//! meanwhile: not the other requests, not the timers, not the heartbeat.
//!
//! - [`sleep`]: `std::thread::sleep` puts the worker thread to sleep.
//! - [`cpu`]: a long computation keeps the worker thread busy.
//! - [`rayon`]: a rayon parallel iterator keeps rayon's threads busy and parks the worker
//!   thread until they are done.
//! - [`file`](mod@file): `std::fs` waits on system calls.
//! - [`ready_loop`]: the loop does `.await`, but on futures that are always ready, so it
//!   never gives the thread back.
//! - [`spawn_await`]: the "fix" of spawning the blocking work as a task and awaiting it,
//!   which blocks a worker all the same.

pub mod cpu;
pub mod file;
pub mod rayon;
pub mod ready_loop;
pub mod sleep;
pub mod spawn_await;
