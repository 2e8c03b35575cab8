//! The bench's floor: the FIFO read with no runtime at all.
//!
//! One thread writes a message into the pipe and reads it back with a blocking `read(2)`:
//! the two system calls and the copy each way, which every variant pays too. A fix cannot
//! beat this; what it adds on top is the reactor's bookkeeping (or, for the anti-pattern, a
//! hand-off to a blocking thread and back per read).

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;

/// A blocking read end of the FIFO at `path` (a writer must already be open on it).
pub fn open(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

/// Writes `message` into the FIFO through `writer` and reads it back whole from `reader`.
pub fn round_trip(
    mut writer: &File,
    mut reader: &File,
    message: &[u8],
    into: &mut [u8],
) -> io::Result<()> {
    writer.write_all(message)?;
    reader.read_exact(&mut into[..message.len()])
}
