//! Wrong: race a cancel-safe `fill_buf` against the tick, and once bytes are there, finish the
//! line with `read_line` outside the race so that nothing can cancel it. Nothing is torn, but
//! while a command is half-written the loop sits in that `read_line` and no tick runs until
//! the rest arrives. Caught by `ticks.rs` (`ticks_run_on_time_while_a_command_is_half_written`).

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
        tokio::select! {
            filled = reader.fill_buf() => {
                if filled?.is_empty() {
                    break;
                }
                let mut line = String::new();
                reader.read_line(&mut line).await?;
                served.line(line);
            }
            _ = ticks.tick() => served.tick(),
        }
    }
    Ok(served)
}
