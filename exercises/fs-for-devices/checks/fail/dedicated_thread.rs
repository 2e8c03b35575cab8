//! Wrong: a thread of the port's own does the blocking reads and sends the lines on a channel.
//! The blocking pool is spared and a cancelled `recv` loses nothing, but the port's thread is
//! still parked in `read(2)` while the port is silent, and after the port is dropped it reads
//! the next message for nobody. Caught by `idle` and `cancel`.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use tokio::sync::mpsc;

/// A port the host writes messages to, one per line.
#[derive(Debug)]
pub struct SerialPort {
    lines: mpsc::Receiver<io::Result<String>>,
}

impl SerialPort {
    /// Opens the port at `path`.
    pub async fn open(path: &Path) -> io::Result<SerialPort> {
        let file = File::open(path)?;
        let (send, lines) = mpsc::channel(16);
        std::thread::spawn(move || {
            for line in BufReader::new(file).lines() {
                if send.blocking_send(line).is_err() {
                    return;
                }
            }
        });
        Ok(SerialPort { lines })
    }

    /// The next message, without its newline; `None` once the host has hung up.
    pub async fn next_message(&mut self) -> io::Result<Option<String>> {
        self.lines.recv().await.transpose()
    }
}
