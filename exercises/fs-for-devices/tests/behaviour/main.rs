//! Every test of the exercise, one module per question it asks, in one test binary.
//!
//! One binary rather than one per file: `cargo workshop verify` builds the exercise once for
//! every answer it tries, and each test binary is one more link per answer.
//!
//! Every test runs your `SerialPort` on a real FIFO, in tasks of a two-worker runtime, and
//! judges it from outside: where its reader waits (the census reads `/proc`), what Tokio's
//! blocking pool is doing (runtime metrics), and which messages arrive. No test waits on the
//! clock: each waits for an event (the reader settled somewhere, a message arrived), with a
//! bound of a few seconds that only a wrong answer ever reaches.

mod cancel;
mod harness;
mod idle;
mod messages;
