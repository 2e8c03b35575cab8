//! Two actors sending to each other over bounded channels, and the design without the cycle.
//!
//! Sixteen clients ask at once; both inboxes hold two messages. Time is paused, so when every
//! task is waiting and no timer is left but the test's timeout, Tokio jumps straight to it:
//! the timeout firing *is* the proof that nothing could move, obtained without waiting.

use std::time::Duration;

use tokio::task::JoinSet;
use unbounded_channels::actors::{Activity, Design, Service, answer};

const CLIENTS: u64 = 16;
const CAPACITY: usize = 2;

/// Starts a service and sixteen clients; returns the clients' answers, or `None` if they were
/// still waiting after a (virtual) minute.
async fn sixteen_clients(service: &Service) -> Option<Vec<(u64, u64)>> {
    let mut clients = JoinSet::new();
    for job in 0..CLIENTS {
        let service = service.clone();
        clients.spawn(async move { (job, service.request(job).await.unwrap()) });
    }
    let all = async {
        let mut answers = Vec::new();
        while let Some(answer) = clients.join_next().await {
            answers.push(answer.unwrap());
        }
        answers
    };
    tokio::time::timeout(Duration::from_secs(60), all)
        .await
        .ok()
}

#[tokio::test(start_paused = true)]
async fn the_cycle_of_bounded_channels_deadlocks() {
    let service = Service::start(Design::Cycle, CAPACITY);
    assert_eq!(sixteen_clients(&service).await, None);
    // Not slow: stuck, each actor waiting for room in the other's inbox.
    assert_eq!(
        service.activities(),
        (Activity::SendingToWorker, Activity::SendingToDispatcher)
    );
}

#[tokio::test(start_paused = true)]
async fn with_oneshot_replies_every_request_completes() {
    let service = Service::start(Design::OneshotReply, CAPACITY);
    let mut answers = sixteen_clients(&service)
        .await
        .expect("no cycle, no deadlock");
    answers.sort_unstable();
    let expected: Vec<_> = (0..CLIENTS).map(|job| (job, answer(job))).collect();
    assert_eq!(answers, expected);
}

#[tokio::test(start_paused = true)]
async fn the_cycle_works_while_the_load_stays_small() {
    // One client at a time never fills an inbox: this is how the design passes its tests.
    let service = Service::start(Design::Cycle, CAPACITY);
    for job in 0..CLIENTS {
        assert_eq!(service.request(job).await, Ok(answer(job)));
    }
}

#[tokio::test(start_paused = true)]
async fn both_actors_stop_when_the_last_client_handle_is_gone() {
    for design in [Design::Cycle, Design::OneshotReply] {
        let service = Service::start(design, CAPACITY);
        assert_eq!(service.request(1).await, Ok(answer(1)));
        let activities = service.watch();
        drop(service);
        // Let both actors see their inboxes close; no timer is involved, only turns.
        for _ in 0..4 {
            tokio::task::yield_now().await;
        }
        assert_eq!(
            activities.now(),
            (Activity::Stopped, Activity::Stopped),
            "{design:?}"
        );
    }
}
