//! Wrong: an actor owns the balances, as guides advise, but makes the round trip itself,
//! inside its loop. No lock, and still every deposit waits in line.

use tokio::sync::{mpsc, oneshot};

use crate::support::Remote;

enum Request {
    Deposit(usize, u64, oneshot::Sender<()>),
    Read(usize, oneshot::Sender<u64>),
}

/// A handle to the actor that owns the balances.
pub struct Ledger {
    mailbox: mpsc::Sender<Request>,
}

impl Ledger {
    /// Starts the actor with `accounts` empty accounts.
    pub fn new(accounts: usize, remote: Remote) -> Self {
        let (mailbox, mut requests) = mpsc::channel(64);
        tokio::spawn(async move {
            let mut balances = vec![0; accounts];
            while let Some(request) = requests.recv().await {
                match request {
                    Request::Deposit(account, amount, reply) => {
                        remote.authorize(account, balances[account], amount).await;
                        balances[account] += amount;
                        let _ = reply.send(());
                    }
                    Request::Read(account, reply) => {
                        let _ = reply.send(balances[account]);
                    }
                }
            }
        });
        Ledger { mailbox }
    }

    /// Adds `amount` to `account` once the risk service has approved it.
    pub async fn deposit(&self, account: usize, amount: u64) {
        let (reply, done) = oneshot::channel();
        self.mailbox
            .send(Request::Deposit(account, amount, reply))
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
