//! Every test of the exercise, one module per question it asks, in one test binary, each on
//! Tokio's paused clock with the workers spawned (and their polls counted) by
//! `support::Pool`.
//!
//! One binary rather than one per file: `cargo workshop verify` builds the exercise once for
//! every answer it tries, and each test binary is one more link per answer.

mod idle;
mod order;
mod start;
