//! Wrong: nothing blocks any more, because nothing waits any more: the backoff is ignored.

use crate::support::{Request, Response, answer};

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    answer(request.key)
}
