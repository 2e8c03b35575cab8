//! Wrong: no `select!`, but `read_line` under a `timeout` of one tick, ticking when it
//! expires. The anti-pattern has only moved: a timeout that expires drops the read exactly as
//! a losing branch does. (The tick's schedule also restarts after every command, which the
//! tests do not need to see.) Caught by `lines.rs`, and by `ticks.rs` through the torn line.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::time::timeout;

use crate::support::Served;

/// Serves `reader` until the end of the stream.
pub async fn serve<R>(reader: R, tick: Duration) -> io::Result<Served>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let mut reader = BufReader::new(reader);
    let mut served = Served::default();
    loop {
        let mut line = String::new();
        match timeout(tick, reader.read_line(&mut line)).await {
            Ok(read) => {
                if read? == 0 {
                    break;
                }
                served.line(line);
            }
            Err(_elapsed) => served.tick(),
        }
    }
    Ok(served)
}
