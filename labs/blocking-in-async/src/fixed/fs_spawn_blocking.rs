//! File I/O with `std::fs`, moved to the blocking pool in one piece.
//!
//! The same blocking function the anti-pattern calls inline ([`work::read_file`]), run with
//! `spawn_blocking`. One trip to the blocking pool for the whole file instead of one per read
//! ([`crate::fixed::tokio_fs`]), and the reading loop stays plain synchronous Rust.

use crate::contract::{HandlerError, Job};
use crate::work;

/// Reads the whole file on a blocking-pool thread, then answers.
pub async fn handle(job: Job) -> Result<u64, HandlerError> {
    let answer = tokio::task::spawn_blocking(move || work::read_file(&job)).await??;
    Ok(answer)
}
