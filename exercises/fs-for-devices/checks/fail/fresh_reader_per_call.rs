//! Wrong: the right receiver, but a new `BufReader` on every call. A read takes whatever the
//! pipe holds, two lines as readily as one; the second goes with the buffer when the call
//! returns. Caught by `messages` (two lines in one write).

use std::io;
use std::path::Path;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::unix::pipe;

/// A port the host writes messages to, one per line.
#[derive(Debug)]
pub struct SerialPort {
    receiver: pipe::Receiver,
}

impl SerialPort {
    /// Opens the port at `path`.
    pub async fn open(path: &Path) -> io::Result<SerialPort> {
        Ok(SerialPort {
            receiver: pipe::OpenOptions::new().open_receiver(path)?,
        })
    }

    /// The next message, without its newline; `None` once the host has hung up.
    pub async fn next_message(&mut self) -> io::Result<Option<String>> {
        BufReader::new(&mut self.receiver).lines().next_line().await
    }
}
