//! Correct: an actor task owns the balances; callers ask it for the balance, make the round
//! trip themselves, then send the amount to add. The actor never awaits the round trip.

use tokio::sync::{mpsc, oneshot};

use crate::support::Remote;

enum Request {
    Read(usize, oneshot::Sender<u64>),
    Add(usize, u64, oneshot::Sender<()>),
}

/// A handle to the actor that owns the balances.
pub struct Ledger {
    mailbox: mpsc::Sender<Request>,
    remote: Remote,
}

impl Ledger {
    /// Starts the actor with `accounts` empty accounts.
    pub fn new(accounts: usize, remote: Remote) -> Self {
        let (mailbox, mut requests) = mpsc::channel(64);
        tokio::spawn(async move {
            let mut balances = vec![0; accounts];
            while let Some(request) = requests.recv().await {
                match request {
                    Request::Read(account, reply) => {
                        let _ = reply.send(balances[account]);
                    }
                    Request::Add(account, amount, reply) => {
                        balances[account] += amount;
                        let _ = reply.send(());
                    }
                }
            }
        });
        Ledger { mailbox, remote }
    }

    /// Adds `amount` to `account` once the risk service has approved it.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let balance = self.balance(account).await;
        self.remote.authorize(account, balance, amount).await;
        let (reply, done) = oneshot::channel();
        self.mailbox
            .send(Request::Add(account, amount, reply))
            .await
            .unwrap();
        done.await.unwrap();
    }

    /// The balance of `account`.
    pub async fn balance(&self, account: usize) -> u64 {
        let (reply, balance) = oneshot::channel();
        self.mailbox
            .send(Request::Read(account, reply))
            .await
            .unwrap();
        balance.await.unwrap()
    }
}
