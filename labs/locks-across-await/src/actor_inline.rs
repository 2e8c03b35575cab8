//! The actor trap: an actor that makes the slow call itself, inside its loop.
//!
//! Guides recommend replacing locks with an actor, and this is the actor most people write
//! first: the request is "deposit", and the actor reads the balance, awaits the remote's
//! approval, writes, and replies. It is correct (only the actor touches the balances, and it
//! finishes one deposit before it reads the next request) and it needs no lock.
//!
//! It is also exactly as slow as [`crate::tokio_mutex`]. While the actor awaits the round
//! trip it reads no other request, so deposits are served one round trip after another, and
//! `n` tasks take `n` round trips. The mailbox is the lock's queue; the actor's loop is the
//! guard held across the `.await`. Compare [`crate::actor`], which leaves the round trip to
//! the callers and keeps the actor's own work to copies and additions.

use tokio::sync::{mpsc, oneshot};

use crate::contract::{Ledger, LocalFuture};
use crate::remote::Remote;

/// Requests the mailbox holds before senders have to wait (as in [`crate::actor`]).
const MAILBOX: usize = 64;

/// What a handle can ask the actor.
#[derive(Debug)]
enum Request {
    /// Approve and apply a deposit, then reply.
    Deposit {
        account: usize,
        amount: u64,
        reply: oneshot::Sender<()>,
    },
    /// Reply with every balance.
    Balances { reply: oneshot::Sender<Vec<u64>> },
}

/// A handle to an actor that makes every round trip inside its own loop.
#[derive(Debug, Clone)]
pub struct InlineActorLedger {
    mailbox: mpsc::Sender<Request>,
}

impl InlineActorLedger {
    /// Starts the actor with `accounts` empty accounts and returns a handle to it. Must be
    /// called inside a Tokio runtime.
    pub fn spawn(accounts: usize, remote: Remote) -> Self {
        let (mailbox, requests) = mpsc::channel(MAILBOX);
        tokio::spawn(serve(vec![0; accounts], requests, remote));
        InlineActorLedger { mailbox }
    }

    /// Asks the actor to make the deposit, and waits until it has.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let (reply, done) = oneshot::channel();
        self.mailbox
            .send(Request::Deposit {
                account,
                amount,
                reply,
            })
            .await
            .expect("the actor runs as long as a handle exists");
        done.await.expect("the actor answers every request");
    }

    /// Every balance.
    pub async fn balances(&self) -> Vec<u64> {
        let (reply, balances) = oneshot::channel();
        self.mailbox
            .send(Request::Balances { reply })
            .await
            .expect("the actor runs as long as a handle exists");
        balances.await.expect("the actor answers every request")
    }
}

/// The actor: owns the balances, and awaits the remote inside its loop (the trap).
async fn serve(mut balances: Vec<u64>, mut requests: mpsc::Receiver<Request>, remote: Remote) {
    while let Some(request) = requests.recv().await {
        match request {
            Request::Deposit {
                account,
                amount,
                reply,
            } => {
                let balance = balances[account];
                // No other request is read until this returns: every caller waits in line.
                remote.authorize(account, balance, amount).await;
                balances[account] = balance + amount;
                // A failed reply means the caller was cancelled; the deposit stands.
                let _ = reply.send(());
            }
            Request::Balances { reply } => {
                let _ = reply.send(balances.clone());
            }
        }
    }
}

impl Ledger for InlineActorLedger {
    fn deposit(&self, account: usize, amount: u64) -> LocalFuture<'_, ()> {
        Box::pin(Self::deposit(self, account, amount))
    }

    fn balances(&self) -> LocalFuture<'_, Vec<u64>> {
        Box::pin(Self::balances(self))
    }
}
