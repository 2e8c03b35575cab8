//! Right, shaped unlike the reference: no lock at all. One thread owns the session and makes
//! every call; callers send it their input and wait for the answer on a channel of their own.
//! Calls are serialised because a single thread makes them; `mpsc::Sender` is `Send + Sync`,
//! so the converter is too. The owner thread ends when the converter is dropped.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;

use crate::ffi::{self, RawSession};

/// One request: the input, and where to send its answer.
type Request = (String, mpsc::Sender<String>);

/// One library session, owned by a thread of its own, and the count of its calls.
#[derive(Debug)]
pub struct Converter {
    requests: mpsc::Sender<Request>,
    calls: Arc<AtomicU64>,
}

impl Converter {
    /// Wraps an open session, handing it to its owner thread.
    pub fn open(session: RawSession) -> Converter {
        let (requests, inbox) = mpsc::channel::<Request>();
        let calls = Arc::new(AtomicU64::new(0));
        let counted = Arc::clone(&calls);
        std::thread::spawn(move || {
            for (input, reply) in inbox {
                counted.fetch_add(1, Ordering::SeqCst);
                // A caller that gave up waiting is not the owner's problem.
                let _ = reply.send(ffi::convert(&session, &input));
            }
        });
        Converter { requests, calls }
    }

    /// Converts `input` on the owner thread and waits for the answer.
    pub fn convert(&self, input: &str) -> String {
        let (reply, answer) = mpsc::channel();
        self.requests
            .send((input.to_owned(), reply))
            .expect("the owner thread lives as long as the converter");
        answer.recv().expect("the owner thread answers every request")
    }

    /// How many conversions the owner thread made.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::SeqCst)
    }
}
