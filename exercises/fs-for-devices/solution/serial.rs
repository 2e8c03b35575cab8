//! The guest agent's serial port, read through Tokio's reactor.
//!
//! A pipe or a device, opened with `O_NONBLOCK`, reports readiness: `epoll` says when bytes
//! arrive, and a read with nothing to read returns `EWOULDBLOCK` at once. `pipe::Receiver`
//! opens the FIFO that way and registers it, so a port waiting for its next message is a task
//! parked on a waker, on no thread. `Lines` keeps a partial line in the reader, not in the
//! future, so dropping `next_message` loses nothing. (A character device, which
//! `pipe::Receiver` refuses, takes `AsyncFd` over a non-blocking `File` instead.)

use std::io;
use std::path::Path;

use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::net::unix::pipe;

/// A port the host writes messages to, one per line.
#[derive(Debug)]
pub struct SerialPort {
    lines: Lines<BufReader<pipe::Receiver>>,
}

impl SerialPort {
    /// Opens the port at `path`.
    pub async fn open(path: &Path) -> io::Result<SerialPort> {
        let receiver = pipe::OpenOptions::new().open_receiver(path)?;
        Ok(SerialPort {
            lines: BufReader::new(receiver).lines(),
        })
    }

    /// The next message, without its newline; `None` once the host has hung up. Cancel safe.
    pub async fn next_message(&mut self) -> io::Result<Option<String>> {
        self.lines.next_line().await
    }
}
