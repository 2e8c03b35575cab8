//! Wrong: the right receiver and a kept `BufReader`, but `read_line` into a `String` of the
//! call's own. `read_line` moves what it has read into that string as it goes, so a call
//! cancelled after half a line drops the half with it. Caught by `cancel` (half a message).

use std::io;
use std::path::Path;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::unix::pipe;

/// A port the host writes messages to, one per line.
#[derive(Debug)]
pub struct SerialPort {
    reader: BufReader<pipe::Receiver>,
}

impl SerialPort {
    /// Opens the port at `path`.
    pub async fn open(path: &Path) -> io::Result<SerialPort> {
        Ok(SerialPort {
            reader: BufReader::new(pipe::OpenOptions::new().open_receiver(path)?),
        })
    }

    /// The next message, without its newline; `None` once the host has hung up.
    pub async fn next_message(&mut self) -> io::Result<Option<String>> {
        let mut line = String::new();
        if self.reader.read_line(&mut line).await? == 0 {
            return Ok(None);
        }
        line.truncate(line.trim_end_matches('\n').len());
        Ok(Some(line))
    }
}
