//! Right, if heavy: each wait gets a plain thread of its own, which sleeps and then sends the
//! answer over a oneshot the handler awaits. Threads cost memory, not workers.

use crate::support::{Request, Response, answer};

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    let (reply, response) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        #[expect(
            clippy::disallowed_methods,
            reason = "a thread of its own, not a worker"
        )]
        std::thread::sleep(request.backoff);
        let _ = reply.send(answer(request.key));
    });
    response.await.expect("the waiting thread does not panic")
}
