//! The contract: the one signature every handler has, what it is given and how it fails.
//!
//! Every variant of the lab is an `async fn handle(job: Job) -> Result<u64, HandlerError>`:
//! the same request in, the same answer (or error) out. They differ only in *where* the work
//! runs, which is the whole lesson, so the tests, benches, demo and probe are written once
//! against this signature and run against every variant.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Rounds of [`crunch`](crate::work::crunch) behind one item of the loop work
/// ([`lookup`](crate::work::lookup)): about a microsecond of work per item.
pub const ITEM_ROUNDS: u64 = 256;

/// One request: what to work on and how much work it takes.
///
/// The same `Job` goes to every variant; each kind of work reads the fields it needs. Cloning
/// is cheap, so a fix can move its own copy into another thread.
#[derive(Debug, Clone)]
pub struct Job {
    /// The request's key. Every answer depends on it, so no two requests share a result.
    pub key: u64,
    /// Sleep work: how long the handler pauses.
    pub pause: Duration,
    /// CPU, parallel and loop work: how many rounds of the mixing function in all.
    pub rounds: u64,
    /// File work: the file to read.
    pub file: Arc<Path>,
    /// Lets whoever started the job end its CPU work early (see [`Stop`]).
    pub stop: Stop,
}

impl Job {
    /// A job with no work in it, to build on with the `with_*` methods.
    pub fn new(key: u64) -> Job {
        Job {
            key,
            pause: Duration::ZERO,
            rounds: 0,
            file: Arc::from(PathBuf::new()),
            stop: Stop::default(),
        }
    }

    /// The same job for another request.
    pub fn with_key(&self, key: u64) -> Job {
        Job {
            key,
            ..self.clone()
        }
    }

    /// The same job with a different pause.
    pub fn with_pause(self, pause: Duration) -> Job {
        Job { pause, ..self }
    }

    /// The same job with a different number of CPU rounds.
    pub fn with_rounds(self, rounds: u64) -> Job {
        Job { rounds, ..self }
    }

    /// The same job reading a different file.
    pub fn with_file(self, file: &Path) -> Job {
        Job {
            file: Arc::from(file),
            ..self
        }
    }

    /// How many items the loop work walks through.
    pub fn items(&self) -> u64 {
        self.rounds / ITEM_ROUNDS
    }
}

/// A flag that asks CPU work to finish early.
///
/// Work handed to `spawn_blocking` or rayon cannot be aborted from outside: dropping the
/// `JoinHandle` or the receiver leaves the thread running to the end. Long computations
/// therefore check a flag now and then. The lab uses it so that tests can end a job the
/// moment they have seen what they wanted, without racing a clock.
#[derive(Debug, Clone, Default)]
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    /// Asks every holder of this flag to stop.
    pub fn stop(&self) {
        // Relaxed is enough: the flag carries no data, and a late reader only works longer.
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`stop`](Stop::stop) was called.
    pub fn is_stopped(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Why a handler could not answer.
#[derive(Debug)]
pub enum HandlerError {
    /// Reading the file failed.
    Io(std::io::Error),
    /// The work panicked on the thread it was moved to; the message, if it had one.
    Panicked(String),
    /// The work was dropped before it finished (its runtime or pool shut down).
    Cancelled,
}

impl HandlerError {
    /// The error for a panic caught with `catch_unwind` or reported by a `JoinError`.
    pub fn from_panic(payload: Box<dyn std::any::Any + Send>) -> HandlerError {
        // panic!("literal") carries a &str, panic!("{x}") a String; anything else is rare.
        let message = match payload.downcast::<String>() {
            Ok(message) => *message,
            Err(payload) => payload.downcast_ref::<&str>().map_or_else(
                || "a panic without a message".to_string(),
                |s| s.to_string(),
            ),
        };
        HandlerError::Panicked(message)
    }
}

impl fmt::Display for HandlerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandlerError::Io(err) => write!(f, "reading the file failed: {err}"),
            HandlerError::Panicked(message) => write!(f, "the work panicked: {message}"),
            HandlerError::Cancelled => f.write_str("the work was cancelled before it finished"),
        }
    }
}

impl std::error::Error for HandlerError {}

impl From<std::io::Error> for HandlerError {
    fn from(err: std::io::Error) -> Self {
        HandlerError::Io(err)
    }
}

impl From<tokio::task::JoinError> for HandlerError {
    fn from(err: tokio::task::JoinError) -> Self {
        match err.try_into_panic() {
            Ok(payload) => HandlerError::from_panic(payload),
            Err(_) => HandlerError::Cancelled,
        }
    }
}
