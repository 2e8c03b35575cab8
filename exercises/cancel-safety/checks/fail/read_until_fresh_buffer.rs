//! Wrong: `read_until(b'\n', ..)`, whose documentation says partial bytes are kept in the
//! buffer, but into a fresh `Vec` every iteration, so what it kept is dropped with the
//! iteration. `read_until` is only as cancel safe as the buffer is long-lived. Caught by
//! `lines.rs` (torn lines, and invalid UTF-8 when a character is split).

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};

use crate::support::{Served, ticker};

/// Serves `reader` until the end of the stream.
pub async fn serve<R>(reader: R, tick: Duration) -> io::Result<Served>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let mut reader = BufReader::new(reader);
    let mut ticks = ticker(tick);
    let mut served = Served::default();
    loop {
        let mut bytes = Vec::new();
        tokio::select! {
            read = reader.read_until(b'\n', &mut bytes) => {
                if read? == 0 {
                    break;
                }
                let line = String::from_utf8(bytes)
                    .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, err))?;
                served.line(line);
            }
            _ = ticks.tick() => served.tick(),
        }
    }
    Ok(served)
}
