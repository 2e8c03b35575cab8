// Spawning the anti-pattern's deposit: its future keeps a `std::sync::MutexGuard` alive
// across the remote round trip, so it is not `Send`, and `tokio::spawn` refuses it.

use std::sync::Arc;

use locks_across_await::Remote;
use locks_across_await::anti::StdMutexLedger;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let ledger = Arc::new(StdMutexLedger::new(1, Remote::default()));
    let deposit = tokio::spawn(async move { ledger.deposit(0, 5).await });
    deposit.await.unwrap();
}
