//! Wrong: the tick made four times slower, so that it rarely falls inside a command. Commands
//! still tear when a pause is long enough, and the metrics now go out at a quarter of their
//! rate. Caught by `ticks.rs` (ticks missing) and by `lines.rs` where a pause is long.

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
    let mut ticks = ticker(tick * 4);
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
