//! Right: `read_until(b'\n', ..)` into a buffer that outlives the iterations and is emptied
//! only after a complete line. `read_until` appends partial bytes to the buffer it is given,
//! so a cancelled call leaves them there and the next call carries on. The UTF-8 check comes
//! last, on the whole line, so a character split between pieces is whole by then.

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
    let mut pending = Vec::new();
    loop {
        tokio::select! {
            read = reader.read_until(b'\n', &mut pending) => {
                read?;
                if pending.is_empty() {
                    break; // nothing read and nothing pending: the end of the stream
                }
                let line = String::from_utf8(std::mem::take(&mut pending))
                    .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, err))?;
                served.line(line);
            }
            _ = ticks.tick() => served.tick(),
        }
    }
    Ok(served)
}
