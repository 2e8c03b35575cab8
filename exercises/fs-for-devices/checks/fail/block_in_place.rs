//! Wrong: the blocking read kept, inside `block_in_place` so that the runtime moves its other
//! tasks off the worker first. The worker itself then waits in `read(2)` for as long as the
//! port is silent, and nothing can cancel it. Caught by `idle` and `cancel`.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// A port the host writes messages to, one per line.
#[derive(Debug)]
pub struct SerialPort {
    reader: BufReader<File>,
}

impl SerialPort {
    /// Opens the port at `path`.
    pub async fn open(path: &Path) -> io::Result<SerialPort> {
        Ok(SerialPort {
            reader: BufReader::new(File::open(path)?),
        })
    }

    /// The next message, without its newline; `None` once the host has hung up.
    pub async fn next_message(&mut self) -> io::Result<Option<String>> {
        let mut line = String::new();
        let n = tokio::task::block_in_place(|| self.reader.read_line(&mut line))?;
        if n == 0 {
            return Ok(None);
        }
        line.truncate(line.trim_end_matches('\n').len());
        Ok(Some(line))
    }
}
