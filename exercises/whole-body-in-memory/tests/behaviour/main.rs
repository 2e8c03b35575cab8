//! The exercise's tests, in one binary: what the download writes, what it reports, and the
//! heap it holds while it runs.
//!
//! The server is the lab's: it streams bodies of any size without holding them, and can
//! break one off half-way or answer 404. The writer checks every byte against the body's
//! pattern and stores none. The heap comes from a counting global allocator, sampled by the
//! server before each chunk and by the writer before each write: a download that holds the
//! whole body still holds it when it writes, so the sampling cannot miss it.
//!
//! The allocator counts the whole process, so the tests take turns ([`SERIAL`]). The one
//! clock is a hang guard, which turns a download that never ends into a failure that says so.

use std::alloc::System;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use cap::Cap;
use exercise_whole_body_in_memory::download;
use whole_body_in_memory::heap::PeakHeap;
use whole_body_in_memory::server::{self, Server, body_url, cut_url, missing_url};
use whole_body_in_memory::sink::CheckingSink;

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// One test at a time: the allocator's count is the whole process's.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Long enough for any machine, short enough for `cargo workshop verify`.
const HANG_GUARD: Duration = Duration::from_secs(20);

/// What a download may hold whatever the size: hyper's read buffers (each grows to about
/// 400 KiB, and a chunk keeps the buffer it was cut from alive), a few chunks in hand (a
/// pipeline with a small channel), the server's chunk being made. The smallest body the test
/// downloads, held whole, is twice this.
const BOUND: usize = 4 << 20;

/// Starts the server, downloads the URL `url_of` names on it into a checking writer with the
/// heap sampled all along, and returns the result, the writer and the peak heap.
async fn run<U>(url_of: U) -> (anyhow::Result<u64>, CheckingSink<'static>, usize)
where
    U: FnOnce(&Server) -> String,
{
    let heap: Arc<OnceLock<PeakHeap>> = Arc::default();
    let sample = {
        let heap = Arc::clone(&heap);
        move || {
            if let Some(heap) = heap.get() {
                heap.sample();
            }
        }
    };
    let server = server::start_observed(Arc::new(sample.clone()))
        .await
        .expect("a loopback port");
    let client = reqwest::Client::new();
    let url = url_of(&server);
    let mut sink = CheckingSink::new(sample);
    // The baseline is taken with the server and the client already built.
    let heap = heap.get_or_init(|| PeakHeap::start(|| ALLOCATOR.allocated()));
    let result = tokio::time::timeout(HANG_GUARD, download(&client, &url, &mut sink))
        .await
        .unwrap_or_else(|_| panic!("the download of {url} was still running after {HANG_GUARD:?}"));
    (result, sink, heap.above_baseline())
}

#[tokio::test]
async fn every_byte_arrives_in_order_and_the_writer_is_flushed() {
    let _turn = SERIAL.lock().await;
    // Empty, shorter than a chunk, several chunks with a ragged end.
    for len in [0, 1_000, 5 * 65_536 + 17] {
        let (result, sink, _) = run(|s| body_url(s, len)).await;
        let written = result.unwrap_or_else(|e| panic!("a {len}-byte download failed: {e:#}"));
        assert_eq!(written, len, "the length returned for a {len}-byte body");
        assert!(
            sink.checker().is_body_of(len),
            "a {len}-byte body arrived wrong: {:?}",
            sink.checker()
        );
        assert!(
            sink.holds_body_of(len),
            "a {len}-byte body was written but the writer was not flushed after the last byte"
        );
    }
}

#[tokio::test]
async fn the_heap_stays_flat_whatever_the_size_of_the_body() {
    let _turn = SERIAL.lock().await;
    for len in [8_u64 << 20, 40 << 20] {
        let (result, sink, held) = run(|s| body_url(s, len)).await;
        result.unwrap_or_else(|e| panic!("a {len}-byte download failed: {e:#}"));
        assert!(sink.holds_body_of(len), "a {len}-byte body arrived wrong");
        assert!(
            held <= BOUND,
            "downloading {} MiB held {:.1} MiB of heap at its peak; a download that writes \
             each chunk as it arrives holds under {} MiB whatever the size",
            len >> 20,
            held as f64 / f64::from(1 << 20),
            BOUND >> 20
        );
    }
}

#[tokio::test]
async fn a_body_cut_short_is_an_error() {
    let _turn = SERIAL.lock().await;
    let (result, sink, _) = run(|s| cut_url(s, 1 << 20)).await;
    assert!(
        result.is_err(),
        "the server broke off after {} of {} bytes and the download said Ok",
        sink.checker().received,
        1 << 20
    );
}

#[tokio::test]
async fn an_error_status_is_an_error_and_nothing_is_written() {
    let _turn = SERIAL.lock().await;
    let (result, sink, _) = run(missing_url).await;
    assert!(result.is_err(), "a 404 was saved as the download");
    assert_eq!(sink.checker().received, 0, "the 404 page was written");
}
