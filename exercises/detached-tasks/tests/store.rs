//! The store must answer every request, refuse a second write of a key to its caller, and go
//! on serving everyone else with its state intact.

use exercise_detached_tasks::{Rejected, StoreError, spawn_store};

fn rejected(key: &str) -> Result<(), StoreError> {
    Err(StoreError::Rejected(Rejected { key: key.into() }))
}

#[tokio::test(start_paused = true)]
async fn a_refused_write_is_the_callers_error_and_the_store_lives_on() {
    let store = spawn_store();
    assert_eq!(store.put("a", 1).await, Ok(()));
    assert_eq!(
        store.put("a", 2).await,
        rejected("a"),
        "a second write of `a` must come back to its caller as `Rejected`"
    );
    assert_eq!(
        store.put("b", 3).await,
        Ok(()),
        "the store must keep serving after a refused write"
    );
    assert_eq!(
        store.get("a").await,
        Ok(Some(1)),
        "the first value of `a` must still be there"
    );
    assert_eq!(store.put("b", 4).await, rejected("b"));
    assert_eq!(store.put("a", 5).await, rejected("a"));
    assert_eq!(store.get("b").await, Ok(Some(3)));
    assert_eq!(store.get("c").await, Ok(None));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_each_get_their_own_answer() {
    let store = spawn_store();
    // Every key written twice, by concurrent callers: one write of each pair is refused.
    let calls: Vec<_> = (0..60u64)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move { store.put(&format!("k{}", i / 2), i).await })
        })
        .collect();
    let mut answers = Vec::new();
    for call in calls {
        answers.push(call.await.expect("a caller does not panic"));
    }
    let ok = answers.iter().filter(|a| a.is_ok()).count();
    let refused = answers
        .iter()
        .filter(|a| matches!(a, Err(StoreError::Rejected(_))))
        .count();
    assert_eq!(
        (ok, refused),
        (30, 30),
        "60 writes of 30 keys: 30 accepted and 30 refused, each to its own caller"
    );
    for k in 0..30u64 {
        let value = store.get(&format!("k{k}")).await;
        assert!(
            matches!(value, Ok(Some(v)) if v / 2 == k),
            "k{k} lost: {value:?}"
        );
    }
}
