//! Right, shaped unlike the reference: `AsyncFd` over a non-blocking `File` (what a character
//! device needs), with the line splitting done by hand in a buffer the port keeps, so a
//! cancelled call loses nothing.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use nix::fcntl::OFlag;
use tokio::io::unix::AsyncFd;

/// A port the host writes messages to, one per line.
#[derive(Debug)]
pub struct SerialPort {
    fd: AsyncFd<File>,
    /// Bytes read and not yet returned: the start of the next message, perhaps more.
    pending: Vec<u8>,
    ended: bool,
}

impl SerialPort {
    /// Opens the port at `path`.
    pub async fn open(path: &Path) -> io::Result<SerialPort> {
        let file = OpenOptions::new()
            .read(true)
            .custom_flags(OFlag::O_NONBLOCK.bits())
            .open(path)?;
        #[expect(deprecated, reason = "the workspace forbids the `unsafe fn register`")]
        let fd = AsyncFd::new(file)?;
        Ok(SerialPort {
            fd,
            pending: Vec::new(),
            ended: false,
        })
    }

    /// The next message, without its newline; `None` once the host has hung up.
    pub async fn next_message(&mut self) -> io::Result<Option<String>> {
        loop {
            if let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = self.pending.drain(..=end).collect();
                return String::from_utf8(line[..end].to_vec())
                    .map(Some)
                    .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, err));
            }
            if self.ended {
                return Ok(None);
            }
            // The only await: cancelling here leaves `pending` as it was.
            let mut guard = self.fd.readable().await?;
            let mut chunk = [0; 4096];
            match guard.try_io(|fd| fd.get_ref().read(&mut chunk)) {
                Ok(Ok(0)) => self.ended = true,
                Ok(Ok(n)) => self.pending.extend_from_slice(&chunk[..n]),
                Ok(Err(err)) => return Err(err),
                Err(_would_block) => {}
            }
        }
    }
}
