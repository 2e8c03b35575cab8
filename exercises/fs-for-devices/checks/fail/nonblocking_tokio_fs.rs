//! Wrong: `tokio::fs` kept, the port opened with `O_NONBLOCK` so that the read cannot wait.
//! It cannot: with no data it fails with `EWOULDBLOCK`, and `tokio::fs` has no reactor to wait
//! for readiness on, so the error reaches the caller. Caught by `messages` (a message written
//! while the reader waits) and the tests that wait for a silent port.

use std::io;
use std::path::Path;

use nix::fcntl::OFlag;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};

/// A port the host writes messages to, one per line.
#[derive(Debug)]
pub struct SerialPort {
    lines: Lines<BufReader<tokio::fs::File>>,
}

impl SerialPort {
    /// Opens the port at `path`.
    pub async fn open(path: &Path) -> io::Result<SerialPort> {
        let file = tokio::fs::OpenOptions::new()
            .read(true)
            .custom_flags(OFlag::O_NONBLOCK.bits())
            .open(path)
            .await?;
        Ok(SerialPort {
            lines: BufReader::new(file).lines(),
        })
    }

    /// The next message, without its newline; `None` once the host has hung up.
    pub async fn next_message(&mut self) -> io::Result<Option<String>> {
        self.lines.next_line().await
    }
}
