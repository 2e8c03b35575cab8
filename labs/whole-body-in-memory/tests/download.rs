//! Every variant downloads every byte, in order, and reports a broken or refused download as
//! an error; the floor too. The memory each one holds is `tests/peak_heap.rs`'s business.

use whole_body_in_memory::limit::RawTcp;
use whole_body_in_memory::server::{self, body_url, cut_url, missing_url};
use whole_body_in_memory::sink::CheckingSink;
use whole_body_in_memory::{Download, Variant, Variants};

/// Every download under test: the variants, then the floor.
fn downloads() -> Vec<(String, Box<dyn Download>)> {
    let mut all: Vec<(String, Box<dyn Download>)> = Variant::all()
        .iter()
        .map(|v| (v.name(), v.build()))
        .collect();
    all.push(("limit".to_string(), Box::new(RawTcp::default())));
    all
}

#[tokio::test]
async fn every_byte_arrives_in_order_and_flushed() {
    let server = server::start().await.expect("a loopback port");
    let client = reqwest::Client::new();
    // Empty, shorter than a chunk, and several chunks with a ragged end.
    for len in [0, 1_000, 5 * 65_536 + 17] {
        for (name, download) in downloads() {
            let mut sink = CheckingSink::new(|| {});
            let written = download
                .download(&client, &body_url(&server, len), &mut sink)
                .await
                .unwrap_or_else(|e| panic!("{name} failed on {len} bytes: {e:#}"));
            assert_eq!(written, len, "{name} reported the wrong length");
            assert!(
                sink.holds_body_of(len),
                "{name}: {:?} of {len}",
                sink.checker()
            );
        }
    }
}

#[tokio::test]
async fn a_body_cut_short_is_an_error() {
    let server = server::start().await.expect("a loopback port");
    let client = reqwest::Client::new();
    for (name, download) in downloads() {
        let mut sink = CheckingSink::new(|| {});
        let result = download
            .download(&client, &cut_url(&server, 1 << 20), &mut sink)
            .await;
        assert!(result.is_err(), "{name} took a broken body for a whole one");
    }
}

#[tokio::test]
async fn an_error_status_is_an_error_and_nothing_is_written() {
    let server = server::start().await.expect("a loopback port");
    let client = reqwest::Client::new();
    for (name, download) in downloads() {
        let mut sink = CheckingSink::new(|| {});
        let result = download
            .download(&client, &missing_url(&server), &mut sink)
            .await;
        assert!(result.is_err(), "{name} saved a 404 page as the download");
        assert_eq!(sink.checker().received, 0, "{name} wrote the error page");
    }
}
