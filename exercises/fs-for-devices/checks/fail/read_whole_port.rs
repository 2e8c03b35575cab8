//! Wrong: `tokio::fs::read_to_string`, then the lines of what it read, as a config file is
//! read. A port has no end until the host hangs up, so the first call waits (on a blocking
//! thread, in `read(2)`) for ever. Caught by `idle`, `cancel` and `messages`.

use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};

/// A port the host writes messages to, one per line.
#[derive(Debug)]
pub struct SerialPort {
    path: PathBuf,
    read: Option<VecDeque<String>>,
}

impl SerialPort {
    /// Opens the port at `path`.
    pub async fn open(path: &Path) -> io::Result<SerialPort> {
        Ok(SerialPort {
            path: path.to_owned(),
            read: None,
        })
    }

    /// The next message, without its newline; `None` once the host has hung up.
    pub async fn next_message(&mut self) -> io::Result<Option<String>> {
        if self.read.is_none() {
            let text = tokio::fs::read_to_string(&self.path).await?;
            self.read = Some(text.lines().map(str::to_owned).collect());
        }
        Ok(self.read.as_mut().and_then(VecDeque::pop_front))
    }
}
