//! What the loop works with, and the harness the tests drive it with. You do not need to edit
//! this file.
//!
//! [`Actions`] is what the loop does: [`Actions::handle`] a message, [`Actions::tick`] the
//! periodic action (which takes a tenth of a period, except one tick that can stall for
//! several). It also records when each tick started, which is how the tests judge the loop.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

/// One message from the inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message(pub u64);

/// The periodic action and the message handler, and the record of what they did.
#[derive(Debug)]
pub struct Actions {
    started: Instant,
    each: Duration,
    stall: Option<(usize, Duration)>,
    most: usize,
    ticks: Mutex<Vec<Duration>>,
    messages: AtomicU64,
}

impl Actions {
    /// Handles one message.
    pub fn handle(&self, message: Message) {
        std::hint::black_box(message);
        self.messages.fetch_add(1, Ordering::Relaxed);
    }

    /// Runs the periodic action once; it takes a while (Tokio's timer: call it with `.await`).
    pub async fn tick(&self) {
        let index = {
            let mut ticks = self.ticks.lock().expect("no tick panics while recording");
            ticks.push(self.started.elapsed());
            assert!(
                ticks.len() <= self.most,
                "the action ran {} times, far more often than once a period",
                ticks.len()
            );
            ticks.len() - 1
        };
        let lasts = match self.stall {
            Some((tick, lasts)) if tick == index => lasts,
            _ => self.each,
        };
        tokio::time::sleep(lasts).await;
    }
}

/// What the tests give the loop: its period, the message rate, how long, and one stall.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    /// How often the action should run.
    pub period: Duration,
    /// A message every this long (`None`: no message at all).
    pub message_every: Option<Duration>,
    /// How long the inbox stays open.
    pub run_for: Duration,
    /// One tick (its index) whose action lasts this long.
    pub stall: Option<(usize, Duration)>,
}

/// What the loop did.
#[derive(Debug, Clone)]
pub struct Record {
    /// When each tick's action started, since the start.
    pub ticks: Vec<Duration>,
    /// Messages handled.
    pub messages: u64,
}

/// Runs `crate::run` on an inbox fed as `scenario` says, and returns what it did. Message `i`
/// is sent at `i × message_every`; the inbox closes at `run_for`.
pub async fn drive(scenario: Scenario) -> Record {
    let (inbox, messages) = mpsc::channel(256);
    let start = Instant::now();
    let periods = scenario.run_for.as_nanos() / scenario.period.as_nanos();
    let actions = Actions {
        started: start,
        each: scenario.period / 10,
        stall: scenario.stall,
        // A loop that ticks ten times too often is stopped here, not waited on.
        most: usize::try_from(periods)
            .unwrap_or(usize::MAX)
            .saturating_mul(10)
            + 10,
        ticks: Mutex::new(Vec::new()),
        messages: AtomicU64::new(0),
    };
    let end = start + scenario.run_for;
    let producer = tokio::spawn(async move {
        if let Some(every) = scenario.message_every {
            for i in 1.. {
                let at = start + every * i;
                if at >= end {
                    break;
                }
                sleep_until(at).await;
                if inbox.send(Message(u64::from(i))).await.is_err() {
                    return;
                }
            }
        }
        sleep_until(end).await;
    });
    crate::run(messages, scenario.period, &actions).await;
    producer.await.expect("the producer does not panic");
    Record {
        ticks: actions.ticks.lock().expect("no tick panics").clone(),
        messages: actions.messages.load(Ordering::Relaxed),
    }
}
