//! The periodic action in a loop of its own, `action; sleep(period)`, beside the message loop.
//!
//! Messages can no longer starve it (it has its own loop), and it never bursts. But the sleep
//! starts when the action ends, so each turn lasts the period *plus* the action: over a
//! thousand periods of a 1 s action every 10 s, the thousandth tick comes 1000 s late. A
//! period that should say "every 10 s" says "10 s of rest between actions".

use tokio::sync::mpsc;
use tokio::time::{Duration, sleep};

use crate::contract::{Actions, Message};

/// Handles messages; beside them, runs the action and then sleeps `period`, forever.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let ticker = async {
        loop {
            sleep(period).await;
            actions.tick().await;
            // The next sleep starts only now: every period is stretched by the action.
        }
    };
    let handler = async {
        while let Some(message) = inbox.recv().await {
            actions.handle(message);
        }
    };
    // The ticker never ends; the loop is over when the inbox is.
    tokio::select! {
        () = ticker => {}
        () = handler => {}
    }
}
