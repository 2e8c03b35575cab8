//! The actor that unwraps dies on the first bad request, and every request after it fails;
//! the actor that replies with the error keeps its state and goes on serving.

use detached_tasks::actor::{Actor, Rejected, StoreError};

fn rejected(key: &str) -> StoreError {
    StoreError::Rejected(Rejected { key: key.into() })
}

#[tokio::test]
async fn one_rejected_put_kills_the_unwrapping_actor_for_every_later_caller() {
    let (store, task) = Actor::Anti.spawn();
    assert_eq!(store.put("a", 1).await, Ok(()));
    assert_eq!(store.get("a").await, Ok(Some(1)));
    // The bad request: its caller learns only that the actor is gone, not why.
    assert_eq!(store.put("a", 2).await, Err(StoreError::Gone));
    // And so does every caller after it, with requests that were fine.
    assert_eq!(store.put("b", 3).await, Err(StoreError::Gone));
    assert_eq!(store.get("a").await, Err(StoreError::Gone));
    // The one place the reason is: the actor's `JoinHandle`, if anybody kept it.
    let ended = task.await.expect_err("the actor's task panicked");
    assert!(ended.is_panic());
    let message = detached_tasks::contract::panic_message(&*ended.into_panic());
    assert!(message.contains("Rejected { key: \"a\" }"), "{message}");
}

#[tokio::test]
async fn the_replying_actor_hands_the_error_back_and_keeps_serving() {
    let (store, task) = Actor::Fixed.spawn();
    assert_eq!(store.put("a", 1).await, Ok(()));
    assert_eq!(store.put("a", 2).await, Err(rejected("a")));
    assert_eq!(store.put("b", 3).await, Ok(()));
    assert_eq!(store.get("a").await, Ok(Some(1)), "the state survived");
    assert_eq!(store.get("b").await, Ok(Some(3)));
    drop(store);
    task.await
        .expect("the actor ends cleanly once every handle is dropped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_callers_each_get_their_own_answer() {
    for actor in [Actor::Anti, Actor::Fixed] {
        let (store, _task) = actor.spawn();
        // Every key written twice by concurrent callers: exactly one of each pair is refused.
        let calls: Vec<_> = (0..40u64)
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
        let gone = answers
            .iter()
            .filter(|a| **a == Err(StoreError::Gone))
            .count();
        match actor {
            Actor::Fixed => assert_eq!((ok, refused, gone), (20, 20, 0)),
            // The first duplicate kills it: nothing is ever refused, much is lost.
            Actor::Anti => {
                assert_eq!(refused, 0);
                assert!(gone >= 20, "{ok} ok, {gone} gone");
            }
        }
    }
}
