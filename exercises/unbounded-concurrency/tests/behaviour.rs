//! scaffold: replace with tests that judge the runtime property the lesson is about, so that a
//! fix which returns the right answer while keeping the anti-pattern's cost fails.

use exercise_unbounded_concurrency::handle;

#[tokio::test]
async fn answers_the_request() {
    assert_eq!(handle(7).await, 7);
}
