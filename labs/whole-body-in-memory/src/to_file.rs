//! One download into a real file, with the heap it held: what the probe and the demo measure.
//!
//! The server, the client and the file exist before the heap's baseline is taken, so the
//! peak is what the download itself held. The file goes through a `BufWriter`: `tokio::fs`
//! hands every write to the blocking pool, and a buffer in front of it turns a write per
//! network chunk into a write per 256 KiB (the bench measures the difference).

use std::path::Path;
use std::sync::{Arc, OnceLock};

use anyhow::ensure;
use serde::{Deserialize, Serialize};
use tokio::io::BufWriter;

use crate::contract::Download;
use crate::heap::PeakHeap;
use crate::observed::Observed;
use crate::server::{self, body_url};

/// The buffer in front of the file.
pub const FILE_BUFFER: usize = 256 << 10;

/// What one download held and wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    /// The body's size in bytes.
    pub len: u64,
    /// The most heap in use during the download, above what was in use before it.
    pub peak_heap: u64,
}

/// Downloads a body of `len` bytes with `download` into a new file at `path`, sampling the
/// heap through `in_use` (the reading of the process's counting allocator).
pub async fn download(
    download: &dyn Download,
    len: u64,
    path: &Path,
    in_use: fn() -> usize,
) -> anyhow::Result<Held> {
    // Set once the baseline is taken; the server and the writer sample it from then on.
    let heap: Arc<OnceLock<PeakHeap>> = Arc::default();
    let sample = {
        let heap = Arc::clone(&heap);
        move || {
            if let Some(heap) = heap.get() {
                heap.sample();
            }
        }
    };
    let server = server::start_observed(Arc::new(sample.clone())).await?;
    let client = reqwest::Client::new();
    let file = tokio::fs::File::create(path).await?;
    let mut sink = Observed::new(BufWriter::with_capacity(FILE_BUFFER, file), sample);
    let url = body_url(&server, len);
    let heap = heap.get_or_init(|| PeakHeap::start(in_use));
    let written = download.download(&client, &url, &mut sink).await?;
    let peak_heap = heap.above_baseline() as u64;
    ensure!(written == len, "wrote {written} of {len} bytes");
    let on_disk = tokio::fs::metadata(path).await?.len();
    ensure!(on_disk == len, "{on_disk} of {len} bytes reached the file");
    Ok(Held { len, peak_heap })
}
