//! The second anti-pattern, an actor that `.unwrap()`s: one bad request kills it, and with it
//! every request after.
//!
//! An actor is a task that owns some state and serves requests from a channel; callers hold a
//! cheap [`Store`] handle that sends a [`Command`] with a `oneshot` for the reply. Here the
//! state is a [`Shelf`], a write-once key-value store whose `put` is fallible: a key can be
//! written once. The tempting loop (seed guides write it this way) handles a request with
//! `shelf.put(key, value).unwrap()`. The first rejected `put` panics inside the actor's task:
//! the task ends, its receiver is dropped, and from then on every request fails, the good
//! ones too, with nothing but "the actor is gone" to say why (and a caller that `.unwrap()`s
//! its send panics in turn). Nobody awaits the actor's `JoinHandle`, so the panic itself is
//! a line on stderr.
//!
//! The fix ([`fixed`]) hands the error back to the caller who asked, in the reply, and loops
//! on: the error is the caller's business, the state is intact, and the next request works.
//! Restarting a dead actor is not the fix: the restarted one starts from an empty shelf, and
//! the caller of the bad request still learns nothing of why.

pub mod anti;
pub mod fixed;

use std::collections::HashMap;
use std::fmt;

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

/// A `put` the shelf refused: the key was written before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The key.
    pub key: String,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is written already", self.key)
    }
}

impl std::error::Error for Rejected {}

/// The actor's state: values that can each be written once.
#[derive(Debug, Default)]
pub struct Shelf {
    values: HashMap<String, u64>,
}

impl Shelf {
    /// Writes `value` under `key`, unless `key` has a value already.
    pub fn put(&mut self, key: String, value: u64) -> Result<(), Rejected> {
        if self.values.contains_key(&key) {
            return Err(Rejected { key });
        }
        self.values.insert(key, value);
        Ok(())
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<u64> {
        self.values.get(key).copied()
    }
}

/// A request to the actor, with the sender of its reply.
#[derive(Debug)]
pub enum Command {
    /// `Shelf::put`.
    Put {
        /// The key to write.
        key: String,
        /// Its value.
        value: u64,
        /// Where the shelf's answer goes.
        reply: oneshot::Sender<Result<(), Rejected>>,
    },
    /// `Shelf::get`.
    Get {
        /// The key to read.
        key: String,
        /// Where the value goes.
        reply: oneshot::Sender<Option<u64>>,
    },
}

/// Why a request to the store did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The shelf refused it.
    Rejected(Rejected),
    /// The actor is gone: the request (or its reply) was dropped, and nobody says why.
    Gone,
}

/// The callers' handle on the actor.
#[derive(Debug, Clone)]
pub struct Store {
    commands: mpsc::Sender<Command>,
}

impl Store {
    /// Writes `value` under `key`.
    pub async fn put(&self, key: &str, value: u64) -> Result<(), StoreError> {
        let (reply, answer) = oneshot::channel();
        let key = key.to_owned();
        self.ask(Command::Put { key, value, reply }).await?;
        answer
            .await
            .map_err(|_| StoreError::Gone)?
            .map_err(StoreError::Rejected)
    }

    /// The value under `key`.
    pub async fn get(&self, key: &str) -> Result<Option<u64>, StoreError> {
        let (reply, answer) = oneshot::channel();
        let key = key.to_owned();
        self.ask(Command::Get { key, reply }).await?;
        answer.await.map_err(|_| StoreError::Gone)
    }

    async fn ask(&self, command: Command) -> Result<(), StoreError> {
        // A send fails only when the actor's receiver is gone: the actor has ended.
        self.commands
            .send(command)
            .await
            .map_err(|_| StoreError::Gone)
    }
}

/// The two actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Actor {
    /// `.unwrap()` on the shelf's `put`.
    Anti,
    /// The shelf's error sent back in the reply.
    Fixed,
}

impl Actor {
    /// Spawns this actor on a fresh shelf; the handle says how its task ended.
    pub fn spawn(self) -> (Store, JoinHandle<()>) {
        let (commands, requests) = mpsc::channel(16);
        let task = match self {
            Actor::Anti => tokio::spawn(anti::serve(requests)),
            Actor::Fixed => tokio::spawn(fixed::serve(requests)),
        };
        (Store { commands }, task)
    }
}
