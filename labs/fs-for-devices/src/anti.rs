//! The anti-pattern: the port opened as a file, through `tokio::fs`.
//!
//! It reads like async I/O, and for a regular file it is the best Tokio offers: the kernel
//! has no readiness to report for a disk file, so `tokio::fs` runs each `read(2)` on the
//! blocking pool. A pipe or a device is another thing: `read(2)` on it waits, for as long as
//! the other side is silent. So each idle reader holds one blocking thread, parked in
//! `read(2)`, on a current-thread runtime as on a multi-thread one, and once the pool's cap
//! (512 by default) is reached every other `spawn_blocking` and file operation of the process
//! queues behind the silent ports. Cancel the read (a timeout, a `select!` on a timer) and
//! only the future goes: the thread stays in `read(2)` until bytes arrive, then reads them
//! into the file's buffer, for the next read on the same `File` if there is one, and for
//! nobody if the `File` was dropped.

use std::path::Path;

use crate::contract::Opened;

/// Opens the port with `tokio::fs::File`.
pub async fn open(path: &Path) -> Opened {
    // The cost is not on this line: every later read of this `File` is a `spawn_blocking`
    // that stays in `read(2)` while the port is silent.
    let file = tokio::fs::File::open(path).await?;
    Ok(Box::pin(file))
}
