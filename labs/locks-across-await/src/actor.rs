//! A fix without locks: an actor task owns the balances, and callers make the round trip.
//!
//! One task (`serve` below) owns the balances outright; no one else can touch them, so nothing
//! needs a lock. Callers talk to it through a handle, [`ActorLedger`], that sends requests
//! over a bounded `mpsc` channel, each carrying a `oneshot` sender for the reply. The actor
//! handles one request at a time, and every request is a copy or an addition, so it is never
//! busy for long.
//!
//! The round trip stays with the caller. A deposit is three steps: ask the actor for the
//! balance, make the call (the actor is already serving other callers meanwhile), and send the
//! amount to add. As in [`crate::fixed`], the amount is added to the balance as it is when the
//! message arrives, so deposits that overlap the round trip are kept.
//!
//! The rule that makes an actor fast is that it awaits nothing but its mailbox. An actor that
//! makes the slow call itself, inside its loop, is a lock held across the `.await` under
//! another name: [`crate::actor_inline`] measures it.
//!
//! The channel is bounded so that a burst of callers waits for room (backpressure) instead of
//! growing a queue without limit; the `oneshot` replies let each caller wait for its own
//! answer. The actor stops when the last handle is dropped and its mailbox closes.

use tokio::sync::{mpsc, oneshot};

use crate::contract::{Ledger, LocalFuture};
use crate::remote::Remote;

/// Requests the mailbox holds before senders have to wait: enough for every task in the
/// lab's workloads to have one in flight, few enough that a stalled actor pushes back.
const MAILBOX: usize = 64;

/// What a handle can ask the actor.
#[derive(Debug)]
enum Request {
    /// Reply with the balance of `account`.
    Read {
        account: usize,
        reply: oneshot::Sender<u64>,
    },
    /// Add `amount` to `account`, then reply.
    Add {
        account: usize,
        amount: u64,
        reply: oneshot::Sender<()>,
    },
    /// Reply with every balance.
    Balances { reply: oneshot::Sender<Vec<u64>> },
}

/// A handle to the actor that owns the balances; clones talk to the same actor.
#[derive(Debug, Clone)]
pub struct ActorLedger {
    mailbox: mpsc::Sender<Request>,
    remote: Remote,
}

impl ActorLedger {
    /// Starts the actor with `accounts` empty accounts and returns a handle to it. Must be
    /// called inside a Tokio runtime.
    pub fn spawn(accounts: usize, remote: Remote) -> Self {
        let (mailbox, requests) = mpsc::channel(MAILBOX);
        tokio::spawn(serve(vec![0; accounts], requests));
        ActorLedger { mailbox, remote }
    }

    /// Adds `amount` to `account` after the remote approves; the actor is never blocked by
    /// the round trip.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let balance = self.ask(|reply| Request::Read { account, reply }).await;
        self.remote.authorize(account, balance, amount).await;
        self.ask(|reply| Request::Add {
            account,
            amount,
            reply,
        })
        .await;
    }

    /// Every balance.
    pub async fn balances(&self) -> Vec<u64> {
        self.ask(|reply| Request::Balances { reply }).await
    }

    /// Sends the request that `make` builds around a fresh reply channel, and awaits the reply.
    async fn ask<T>(&self, make: impl FnOnce(oneshot::Sender<T>) -> Request) -> T {
        let (reply, answer) = oneshot::channel();
        self.mailbox
            .send(make(reply))
            .await
            .expect("the actor runs as long as a handle exists");
        answer.await.expect("the actor answers every request")
    }
}

/// The actor: owns the balances, serves one request at a time, awaits only its mailbox.
async fn serve(mut balances: Vec<u64>, mut requests: mpsc::Receiver<Request>) {
    while let Some(request) = requests.recv().await {
        // A failed reply means the caller was cancelled and no longer wants the answer.
        match request {
            Request::Read { account, reply } => {
                let _ = reply.send(balances[account]);
            }
            Request::Add {
                account,
                amount,
                reply,
            } => {
                balances[account] += amount;
                let _ = reply.send(());
            }
            Request::Balances { reply } => {
                let _ = reply.send(balances.clone());
            }
        }
    }
}

impl Ledger for ActorLedger {
    fn deposit(&self, account: usize, amount: u64) -> LocalFuture<'_, ()> {
        Box::pin(Self::deposit(self, account, amount))
    }

    fn balances(&self) -> LocalFuture<'_, Vec<u64>> {
        Box::pin(Self::balances(self))
    }
}
