//! Wrong: the race removed altogether. The loop awaits each line and handles the ticks that
//! came due in the meantime afterwards. No line is torn, since nothing cancels the read, but a
//! silent or slow peer now holds back every tick: the keep-alive stops exactly when it is
//! needed. Caught by `ticks.rs` only.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::time::Instant;

use crate::support::Served;

/// Serves `reader` until the end of the stream.
pub async fn serve<R>(reader: R, tick: Duration) -> io::Result<Served>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let mut lines = BufReader::new(reader).lines();
    let mut served = Served::default();
    let mut next_tick = Instant::now() + tick;
    while let Some(line) = lines.next_line().await? {
        served.line(line);
        while Instant::now() >= next_tick {
            served.tick();
            next_tick += tick;
        }
    }
    Ok(served)
}
