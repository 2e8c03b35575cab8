// A `std::sync::MutexGuard` held across an `.await` makes the future not `Send`, so
// `tokio::spawn` refuses it (the locks-across-await lab has the whole story).
use std::sync::Mutex;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let calls = std::sync::Arc::new(Mutex::new(0_u64));
    let task = tokio::spawn(async move {
        let mut guard = calls.lock().unwrap();
        tokio::task::yield_now().await;
        *guard += 1;
    });
    task.await.unwrap();
}
