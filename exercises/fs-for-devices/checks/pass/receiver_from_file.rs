//! Right, shaped unlike the reference: the FIFO opened by hand with `O_NONBLOCK` through
//! `std::fs`, then handed to `pipe::Receiver::from_file`, which checks it is a FIFO and
//! registers it with the reactor.

use std::fs::OpenOptions;
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use nix::fcntl::OFlag;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::net::unix::pipe;

/// A port the host writes messages to, one per line.
#[derive(Debug)]
pub struct SerialPort {
    lines: Lines<BufReader<pipe::Receiver>>,
}

impl SerialPort {
    /// Opens the port at `path`.
    pub async fn open(path: &Path) -> io::Result<SerialPort> {
        let file = OpenOptions::new()
            .read(true)
            .custom_flags(OFlag::O_NONBLOCK.bits())
            .open(path)?;
        Ok(SerialPort {
            lines: BufReader::new(pipe::Receiver::from_file(file)?).lines(),
        })
    }

    /// The next message, without its newline; `None` once the host has hung up.
    pub async fn next_message(&mut self) -> io::Result<Option<String>> {
        self.lines.next_line().await
    }
}
