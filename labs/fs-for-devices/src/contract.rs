//! The one API every variant implements: open the port at a path, get a byte stream.
//!
//! A port is anything a guest agent reads its host's messages from: a virtio serial port
//! (`/dev/virtio-ports/...`), a character device, a FIFO. Every variant is an
//! `async fn open(path) -> io::Result<Port>`, where a [`Port`] is a boxed `AsyncRead`, so one
//! line reader ([`lines`]), one set of tests, one bench and one demo serve them all. The
//! variants differ only in how a read that finds no data waits for it.

use std::io;
use std::pin::Pin;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader, Lines};

/// The read side of a port, however the variant waits on it.
pub type Port = Pin<Box<dyn AsyncRead + Send>>;

/// What a variant's `open` returns.
pub type Opened = io::Result<Port>;

/// The messages on a port, one per line. `Lines::next_line` is cancel safe (a partial line
/// stays in the reader, not in the dropped future), so a `select!` or a timeout around it
/// loses nothing by itself; what a variant loses on cancellation is its own.
pub fn lines(port: Port) -> Lines<BufReader<Port>> {
    BufReader::new(port).lines()
}
