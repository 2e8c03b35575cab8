//! Wrong: hands every wait to one background thread that sleeps each request's backoff and
//! then answers it, so the workers are free. The waits run one after another on that thread.
//! Caught by `concurrent_waits.rs`.

use std::sync::mpsc::{self, Sender};
use std::sync::{Mutex, OnceLock};

use tokio::sync::oneshot;

use crate::support::{Request, Response, answer};

type Job = (Request, oneshot::Sender<Response>);

fn sleeper() -> &'static Mutex<Sender<Job>> {
    static SLEEPER: OnceLock<Mutex<Sender<Job>>> = OnceLock::new();
    SLEEPER.get_or_init(|| {
        let (jobs, inbox) = mpsc::channel::<Job>();
        std::thread::spawn(move || {
            for (request, reply) in inbox {
                #[expect(clippy::disallowed_methods, reason = "a thread of its own")]
                std::thread::sleep(request.backoff);
                let _ = reply.send(answer(request.key));
            }
        });
        Mutex::new(jobs)
    })
}

/// Waits out the request's backoff, then answers it.
pub async fn handle(request: Request) -> Response {
    let (reply, response) = oneshot::channel();
    sleeper()
        .lock()
        .unwrap()
        .send((request, reply))
        .expect("the sleeper thread is alive");
    response.await.expect("the sleeper thread is alive")
}
