//! When no guard lives across an `.await`, both mutexes are correct; the benches compare their
//! cost. Here 8 tasks on two worker threads add under each lock at once.

use std::sync::Arc;

use locks_across_await::no_await::{add_std, add_tokio};

const TASKS: u64 = 8;
const ADDS: u64 = 1_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_mutexes_count_every_add_from_racing_threads() {
    let std_counter = Arc::new(std::sync::Mutex::new(0));
    let tokio_counter = Arc::new(tokio::sync::Mutex::new(0));
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| {
            let (std_counter, tokio_counter) =
                (Arc::clone(&std_counter), Arc::clone(&tokio_counter));
            tokio::spawn(async move {
                for _ in 0..ADDS {
                    add_std(&std_counter);
                    add_tokio(&tokio_counter).await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(*std_counter.lock().unwrap(), TASKS * ADDS);
    assert_eq!(*tokio_counter.lock().await, TASKS * ADDS);
}
