//! Every variant keeps the contract.
//!
//! scaffold: replace with deterministic tests of the symptom and the fix (paused time,
//! counters, event order; never wall-clock time).

use evidence::Variants;
use unbounded_concurrency::Variant;

#[tokio::test]
async fn every_variant_answers_every_request() {
    for &variant in Variant::all() {
        let subject = variant.build();
        assert_eq!(subject.handle(7).await, 7, "{variant}");
    }
}
