//! Right, shaped unlike the reference: a `pipe::Receiver` read with `readable()` and
//! `try_read` into a buffer the port keeps, no `AsyncBufRead` at all.

use std::io;
use std::path::Path;

use tokio::net::unix::pipe;

/// A port the host writes messages to, one per line.
#[derive(Debug)]
pub struct SerialPort {
    receiver: pipe::Receiver,
    pending: Vec<u8>,
    ended: bool,
}

impl SerialPort {
    /// Opens the port at `path`.
    pub async fn open(path: &Path) -> io::Result<SerialPort> {
        Ok(SerialPort {
            receiver: pipe::OpenOptions::new().open_receiver(path)?,
            pending: Vec::new(),
            ended: false,
        })
    }

    /// The next message, without its newline; `None` once the host has hung up.
    pub async fn next_message(&mut self) -> io::Result<Option<String>> {
        loop {
            if let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
                let mut line: Vec<u8> = self.pending.drain(..=end).collect();
                line.pop();
                return String::from_utf8(line)
                    .map(Some)
                    .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, err));
            }
            if self.ended {
                return Ok(None);
            }
            self.receiver.readable().await?;
            let mut chunk = [0; 4096];
            match self.receiver.try_read(&mut chunk) {
                Ok(0) => self.ended = true,
                Ok(n) => self.pending.extend_from_slice(&chunk[..n]),
                Err(err) if err.kind() == io::ErrorKind::WouldBlock => {}
                Err(err) => return Err(err),
            }
        }
    }
}
