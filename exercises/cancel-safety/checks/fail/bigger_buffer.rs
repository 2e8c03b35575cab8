//! Wrong: a `BufReader` of a mebibyte, as if the bytes were lost for want of room. The room was
//! never the problem: `read_line` moves what it has read into its own buffer, and the tick
//! drops that with the future. Caught by `lines.rs` (every split test).

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};

use crate::support::{Served, ticker};

/// Serves `reader` until the end of the stream.
pub async fn serve<R>(reader: R, tick: Duration) -> io::Result<Served>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    let mut ticks = ticker(tick);
    let mut served = Served::default();
    loop {
        let mut line = String::new();
        tokio::select! {
            read = reader.read_line(&mut line) => {
                if read? == 0 {
                    break;
                }
                served.line(line);
            }
            _ = ticks.tick() => served.tick(),
        }
    }
    Ok(served)
}
