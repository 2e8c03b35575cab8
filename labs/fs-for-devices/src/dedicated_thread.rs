//! The other fix people reach for: a thread of its own per port, and a channel.
//!
//! A `std::thread` does the blocking reads and sends each chunk it reads into a Tokio channel;
//! the async side reads the channel. The blocking pool is never involved, so an idle port no
//! longer queues the process's file operations, and a cancelled read loses nothing (the chunk
//! waits in the channel). But the thread is still a thread, parked in `read(2)` for as long as
//! the port is silent: one per port, as before, only outside the pool. And when the port is
//! dropped the thread cannot be told: it stays in `read(2)` until bytes arrive, reads them,
//! finds the channel closed and ends, with the bytes read for nobody.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::mpsc;

use crate::contract::Opened;

/// Chunks the reading thread may have sent ahead of the reader: a little slack, and a bound.
const CHUNKS_AHEAD: usize = 4;

/// The biggest chunk one `read(2)` takes from the port.
const CHUNK: usize = 8 * 1024;

/// The async end: chunks from the reading thread, the rest of the last one first.
#[derive(Debug)]
pub struct ThreadPort {
    chunks: mpsc::Receiver<io::Result<Vec<u8>>>,
    /// What is left of the chunk the last `poll_read` could not take whole.
    rest: Vec<u8>,
    taken: usize,
}

impl AsyncRead for ThreadPort {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.taken == self.rest.len() {
            // `None`: the thread ended, after end-of-file; the reader sees end-of-file too.
            match ready!(self.chunks.poll_recv(cx)) {
                None => return Poll::Ready(Ok(())),
                Some(chunk) => {
                    self.rest = chunk?;
                    self.taken = 0;
                }
            }
        }
        let n = buf.remaining().min(self.rest.len() - self.taken);
        let from = self.taken;
        buf.put_slice(&self.rest[from..from + n]);
        self.taken += n;
        Poll::Ready(Ok(()))
    }
}

/// Opens the port on a thread of its own and returns the channel's end.
pub async fn open(path: &Path) -> Opened {
    // Opened here, so an error is the caller's; the FIFO has a writer, so it does not wait.
    let mut file = File::open(path)?;
    let (send, chunks) = mpsc::channel(CHUNKS_AHEAD);
    std::thread::Builder::new()
        .name("port-reader".into())
        .spawn(move || {
            let mut buf = vec![0; CHUNK];
            loop {
                let chunk = match file.read(&mut buf) {
                    Ok(0) => return,
                    Ok(n) => Ok(buf[..n].to_vec()),
                    Err(err) => Err(err),
                };
                // The port was dropped: the chunk just read goes nowhere.
                if send.blocking_send(chunk).is_err() {
                    return;
                }
            }
        })?;
    Ok(Box::pin(ThreadPort {
        chunks,
        rest: Vec::new(),
        taken: 0,
    }))
}
