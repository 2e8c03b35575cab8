//! The guest agent's serial port: the host writes one message per line, the agent reads them.
//!
//! In production the path is a virtio serial port (`/dev/virtio-ports/...`), a character
//! device; in the tests it is a FIFO. The tests want an idle port (one waiting for its next
//! message) to hold no thread at all, neither one of Tokio's blocking pool nor one of its own,
//! so that file operations elsewhere in the process are never queued behind silent ports; and
//! they want `next_message` to be cancel safe: a read dropped by a `select!` or a timeout must
//! leave nothing running and lose nothing, not even half a line.

use std::io;
use std::path::Path;

use tokio::io::{AsyncBufReadExt, BufReader, Lines};

/// A port the host writes messages to, one per line.
#[derive(Debug)]
pub struct SerialPort {
    lines: Lines<BufReader<tokio::fs::File>>,
}

impl SerialPort {
    /// Opens the port at `path`.
    pub async fn open(path: &Path) -> io::Result<SerialPort> {
        let file = tokio::fs::File::open(path).await?;
        Ok(SerialPort {
            lines: BufReader::new(file).lines(),
        })
    }

    /// The next message, without its newline; `None` once the host has hung up. Cancel safe.
    pub async fn next_message(&mut self) -> io::Result<Option<String>> {
        self.lines.next_line().await
    }
}
