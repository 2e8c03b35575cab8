//! One `Sleep`, pinned before the loop and moved forward with `reset()` when it fires.
//!
//! The same idea as the interval (one timer, its deadline kept across turns), written out:
//! `select!` polls `&mut sleep`, so a message that wins leaves the timer as it is. When it
//! fires, the next deadline is the old one plus a period, not "now plus a period" (that would
//! drift by the action's time), and a deadline already past after a stall is moved to the
//! next one still ahead (that would burst). What `interval` with `Skip` does, by hand.

use tokio::sync::mpsc;
use tokio::time::{Duration, Instant, sleep};

use crate::contract::{Actions, Message};

/// Handles messages and ticks every `period` from one timer that is reset, never rebuilt.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let timer = sleep(period);
    tokio::pin!(timer);
    loop {
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => actions.handle(message),
                None => return,
            },
            () = &mut timer => {
                actions.tick().await;
                let next = next_deadline(timer.deadline(), period, Instant::now());
                timer.as_mut().reset(next);
            }
        }
    }
}

/// The first deadline after `now` on the schedule `previous + k × period`.
pub fn next_deadline(previous: Instant, period: Duration, now: Instant) -> Instant {
    let next = previous + period;
    if next > now {
        return next;
    }
    // Missed ones are skipped, not owed: jump over every whole period that has passed.
    let behind = (now - next).as_nanos() / period.as_nanos();
    next + period * u32::try_from(behind + 1).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_deadline_skips_every_one_already_past() {
        let start = Instant::now();
        let period = Duration::from_secs(1);
        // On time: one period on.
        let on_time = next_deadline(start, period, start + period / 2);
        assert_eq!(on_time, start + period);
        // 5.5 periods late: the deadlines at 1 s .. 5 s are gone, the next ahead is 6 s.
        let late = next_deadline(start, period, start + period * 11 / 2);
        assert_eq!(late, start + period * 6);
        // Exactly on a deadline: that one is past, the next is a period later.
        let exact = next_deadline(start, period, start + period * 3);
        assert_eq!(exact, start + period * 4);
    }
}
