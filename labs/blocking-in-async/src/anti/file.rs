//! Synchronous file I/O inside async code.
//!
//! `std::fs` is the API everyone knows, and inside an `async fn` it compiles without a
//! murmur. Each `read` is a system call that blocks the worker thread until the kernel has
//! the bytes. From a warm page cache that is a copy in memory; from a cold disk, a busy
//! network file system or a file locked by another process, it can be milliseconds or
//! seconds, and the worker's other tasks wait for all of it.
//!
//! The fixes: [`crate::fixed::tokio_fs`] (the async API, which runs each operation on Tokio's
//! blocking pool) and [`crate::fixed::fs_spawn_blocking`] (this very function, moved to the
//! blocking pool in one piece).

use crate::contract::{HandlerError, Job};
use crate::work;

/// Reads the whole file with `std::fs` on the worker thread, then answers.
pub async fn handle(job: Job) -> Result<u64, HandlerError> {
    Ok(work::read_file(&job)?)
}
