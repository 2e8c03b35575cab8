//! File I/O with `tokio::fs`.
//!
//! The async file API looks like the natural fix, and it does keep the worker free. But unless
//! Tokio is built with its experimental io_uring backend (Linux, `tokio_unstable` and the
//! `io-uring` feature; this lab does not enable it), `tokio::fs` runs every operation on the
//! blocking pool: each `open` and each `read` below is one trip there and back (a queue push,
//! a thread wake-up, a task wake-up). For a file read in many
//! small pieces those trips add up, which is why [`crate::fixed::fs_spawn_blocking`] exists.
//!
//! Use `tokio::fs` for the occasional small operation, where convenience wins; batch the work
//! into one `spawn_blocking` when there is a lot of it.

use tokio::io::AsyncReadExt;

use crate::contract::{HandlerError, Job};
use crate::work;

/// Reads the whole file with `tokio::fs` in [`work::READ_CHUNK`] pieces, then answers.
pub async fn handle(job: Job) -> Result<u64, HandlerError> {
    let mut file = tokio::fs::File::open(&*job.file).await?;
    let mut buf = vec![0; work::READ_CHUNK];
    let mut digest = work::Digest::new(job.key);
    loop {
        let n = file.read(&mut buf).await?;
        if n == 0 {
            return Ok(digest.finish());
        }
        digest.update(&buf[..n]);
    }
}
