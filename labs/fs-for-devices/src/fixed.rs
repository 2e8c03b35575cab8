//! The reference fix: `tokio::net::unix::pipe::Receiver`.
//!
//! A pipe (and a character device) can say when it has data: opened with `O_NONBLOCK`, a
//! `read(2)` with nothing to read returns `EWOULDBLOCK` at once, and `epoll` reports when
//! bytes arrive. `pipe::Receiver` does exactly that: it opens the FIFO non-blocking and
//! registers it with the runtime's reactor, so an idle reader is a task parked on a waker and
//! no thread at all. Cancelling a read drops that waker; no `read(2)` is left running, so no
//! byte is read for nobody.

use std::path::Path;

use tokio::net::unix::pipe;

use crate::contract::Opened;

/// Opens the port as a `pipe::Receiver` (the path must be a FIFO; a character device takes
/// [`async_fd`](crate::async_fd)).
pub async fn open(path: &Path) -> Opened {
    // `open_receiver` opens with `O_NONBLOCK`, so it never waits for a writer either.
    let receiver = pipe::OpenOptions::new().open_receiver(path)?;
    Ok(Box::pin(receiver))
}
