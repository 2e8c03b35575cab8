//! scaffold: replace with the starter: the anti-pattern, as the learner meets it.

/// Handles one request.
pub async fn handle(request: u64) -> u64 {
    request + 1
}
