//! Wrong: the `tokio::fs` reader moved to a runtime of the port's own, on a thread of its own,
//! so that the application's blocking pool is never touched. That runtime's pool is: its thread
//! is parked in `read(2)` while the port is silent, and it reads on after a cancel. Caught by
//! `idle` and `cancel`.

use std::io;
use std::path::Path;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::sync::mpsc;

/// A port the host writes messages to, one per line.
#[derive(Debug)]
pub struct SerialPort {
    lines: mpsc::Receiver<io::Result<String>>,
}

impl SerialPort {
    /// Opens the port at `path`.
    pub async fn open(path: &Path) -> io::Result<SerialPort> {
        let path = path.to_owned();
        let (send, lines) = mpsc::channel(16);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .expect("a runtime");
            runtime.block_on(async move {
                let file = match tokio::fs::File::open(path).await {
                    Ok(file) => file,
                    Err(err) => return drop(send.send(Err(err)).await),
                };
                let mut lines = BufReader::new(file).lines();
                while let Some(line) = lines.next_line().await.transpose() {
                    if send.send(line).await.is_err() {
                        return;
                    }
                }
            });
        });
        Ok(SerialPort { lines })
    }

    /// The next message, without its newline; `None` once the host has hung up.
    pub async fn next_message(&mut self) -> io::Result<Option<String>> {
        self.lines.recv().await.transpose()
    }
}
