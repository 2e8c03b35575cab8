//! Right: `FramedRead` with `LinesCodec` from tokio-util, read with `StreamExt::next`. The
//! codec's buffer belongs to the stream, and `next()` only borrows it, so a dropped `next()`
//! loses nothing. The length limit also stops a peer that never sends a newline.

use std::io;
use std::time::Duration;

use tokio::io::AsyncRead;
use tokio_stream::StreamExt;
use tokio_util::codec::{FramedRead, LinesCodec};

use crate::support::{Served, ticker};

/// Serves `reader` until the end of the stream.
pub async fn serve<R>(reader: R, tick: Duration) -> io::Result<Served>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let mut lines = FramedRead::new(reader, LinesCodec::new_with_max_length(1 << 16));
    let mut ticks = ticker(tick);
    let mut served = Served::default();
    loop {
        tokio::select! {
            line = lines.next() => match line {
                Some(line) => served.line(line.map_err(io::Error::other)?),
                None => break,
            },
            _ = ticks.tick() => served.tick(),
        }
    }
    Ok(served)
}
