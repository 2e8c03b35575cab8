//! Wrong: `std::fs` on `spawn_blocking`, one job per message. It is what `tokio::fs` does
//! inside, written out: each silent port still holds a blocking thread in `read(2)`, and a
//! cancelled read still runs on. Caught by `idle` and `cancel`.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A port the host writes messages to, one per line.
#[derive(Debug)]
pub struct SerialPort {
    reader: Arc<Mutex<BufReader<File>>>,
}

impl SerialPort {
    /// Opens the port at `path`.
    pub async fn open(path: &Path) -> io::Result<SerialPort> {
        let path = path.to_owned();
        let file = tokio::task::spawn_blocking(move || File::open(path)).await??;
        Ok(SerialPort {
            reader: Arc::new(Mutex::new(BufReader::new(file))),
        })
    }

    /// The next message, without its newline; `None` once the host has hung up.
    pub async fn next_message(&mut self) -> io::Result<Option<String>> {
        let reader = Arc::clone(&self.reader);
        tokio::task::spawn_blocking(move || {
            let mut line = String::new();
            let mut reader = reader.lock().expect("not poisoned");
            if reader.read_line(&mut line)? == 0 {
                return Ok(None);
            }
            line.truncate(line.trim_end_matches('\n').len());
            Ok(Some(line))
        })
        .await?
    }
}
