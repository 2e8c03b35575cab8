//! Wrong: the cancel-safe `next_line`, wrapped the way the seed guide's `receive_message`
//! returns a `String`: `unwrap_or_default()`, and empty messages skipped as "nothing to do".
//! End of stream is now an empty message too, so the loop never ends: it reads the ended
//! stream again and again, and blank lines are dropped. Caught by every test (the stream
//! panics when it is read far past its end).

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};

use crate::support::{Served, ticker};

/// Serves `reader` until the end of the stream.
pub async fn serve<R>(reader: R, tick: Duration) -> io::Result<Served>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let mut lines = BufReader::new(reader).lines();
    let mut ticks = ticker(tick);
    let mut served = Served::default();
    loop {
        tokio::select! {
            line = lines.next_line() => {
                let message = line?.unwrap_or_default();
                if message.is_empty() {
                    continue;
                }
                served.line(message);
            }
            _ = ticks.tick() => served.tick(),
        }
    }
}
