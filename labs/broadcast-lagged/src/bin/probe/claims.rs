//! The verdicts on the guides' claims, each from an experiment run here (paused time, or the
//! probe's allocator); the verdict is computed from the counts, never typed.

use std::time::Duration;

use broadcast_lagged::scenario::run_paused;
use broadcast_lagged::{Ended, Event, Scenario, Variant};
use evidence::Verdict;
use evidence::number::{bytes, count};
use tokio::sync::{broadcast, watch};

use crate::{memory, received};

fn paused() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a current-thread runtime")
}

/// `watch-many-producers`: three tasks, each with a clone of the sender, send ten values
/// each before the one receiver looks.
fn watch_many_producers() -> Verdict {
    let (seen, last, sent) = paused().block_on(async {
        let (tx, mut rx) = watch::channel(0_u64);
        let producers: Vec<_> = (0..3_u64)
            .map(|p| {
                let tx = tx.clone();
                tokio::spawn(async move {
                    for i in 0..10 {
                        tx.send(p * 100 + i).expect("the receiver is alive");
                    }
                })
            })
            .collect();
        for producer in producers {
            producer.await.expect("no producer panics");
        }
        drop(tx);
        let mut seen = Vec::new();
        while rx.changed().await.is_ok() {
            seen.push(*rx.borrow_and_update());
        }
        let last = seen.last().copied();
        (seen.len(), last, 30)
    });
    let measured = format!(
        "Three tasks, each with its own clone of one `watch::Sender`, sent {sent} values before \
         the receiver looked: it saw {seen} ({}), the last one sent.",
        last.map_or("none".into(), |v| v.to_string())
    );
    if seen == 1 && last == Some(209) {
        Verdict::explained(
            measured,
            "True.",
            "`watch::Sender` is `Clone` (since Tokio 1.37) and `send` takes `&self`; the \
             producers overwrite one another, so it is for state, not for events.",
        )
    } else {
        Verdict::new(measured, "Not as claimed.")
    }
}

/// `broadcast-queued-per-subscriber`: the ring's memory with 1 and 16 subscribers, and what a
/// subscriber that falls behind gets.
fn broadcast_queued_per_subscriber() -> Verdict {
    let (one, sixteen, queues) = memory::at(1_024);
    let run = run_paused(
        Variant::Fixed,
        &Scenario {
            capacity: 100,
            bursts: vec![250],
            pause: Duration::from_millis(1),
            subscribers: vec![Duration::ZERO],
        },
    );
    let report = &run.reports[0];
    let measured = format!(
        "A full `broadcast` of 1 024 holds {} with one subscriber and {} with sixteen (16 \
         `mpsc` queues: {}). 250 events sent into a channel of 100 before a subscriber read: it \
         got {} and was told {} were gone (`Lagged`).",
        bytes(one as f64),
        bytes(sixteen as f64),
        bytes(queues as f64),
        count(report.delivered.len() as u64),
        count(report.skipped)
    );
    let shared = (sixteen as f64) < (one as f64) * 1.5;
    if shared && report.skipped > 0 {
        Verdict::explained(
            measured,
            "Misleading.",
            "Many producers and consumers, yes; but the history is one ring of fixed capacity \
             shared by all, each subscriber only a position in it. A subscriber that falls \
             further behind than the capacity loses the oldest events; nothing is queued for it.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// `while-let-ok-subscriber`: the probe's fast and slow subscribers under `anti`.
fn while_let_ok_subscriber() -> Verdict {
    let runs = received::runs();
    let Some((_, anti)) = runs.iter().find(|(v, _)| *v == Variant::Anti) else {
        return Verdict::not_measured("no `anti` run");
    };
    let (fast, slow) = (&anti.reports[0], &anti.reports[1]);
    let measured = format!(
        "Bursts of 12 every 10 ms into a channel of 16: the subscriber that keeps up handled \
         {} of {}; the one that takes 2 ms an event handled {} and its loop ended after {} ms, \
         with {} more events still to come and nothing logged.",
        count(fast.delivered.len() as u64),
        count(anti.sent),
        count(slow.delivered.len() as u64),
        slow.ended_at.as_millis(),
        count(anti.sent - slow.delivered.len() as u64)
    );
    if slow.ended == Ended::Quit {
        Verdict::explained(
            measured,
            "False.",
            "Only while every subscriber keeps up: the first `Lagged` ends the loop as if the \
             channel had closed. Match it, count `n`, and go on.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// `send-error-means-no-subscribers`: sends with no receiver, with one far behind, and with
/// one that quit beside one that stayed.
fn send_error_means_no_subscribers() -> Verdict {
    let (tx, _) = broadcast::channel::<Event>(4);
    let alone = tx.send(Event(0)).is_err();
    let behind = tx.subscribe();
    let behind_failed = (0..100).filter(|&i| tx.send(Event(i)).is_err()).count();
    drop(behind);
    let runs = received::runs();
    let anti_errors = runs
        .iter()
        .find(|(v, _)| *v == Variant::Anti)
        .map_or(0, |(_, run)| run.send_errors);
    let measured = format!(
        "With no receiver, `send` failed: {alone}. With one receiver 96 events behind in a \
         channel of 4, {behind_failed} of 100 sends failed. When the probe's slow `anti` \
         subscriber quit beside a fast one, {anti_errors} sends failed."
    );
    if alone && behind_failed == 0 && anti_errors == 0 {
        Verdict::explained(
            measured,
            "True, and it is all a failed send says.",
            "A send fails only when no receiver is left; it never fails because one is slow or \
             has quit while another remains, so the publisher cannot learn from it that a \
             subscriber lagged or left (`receiver_count()` can).",
        )
    } else {
        Verdict::new(measured, "False.")
    }
}

/// `emit-with-question-mark`: the guide's channel, and the lab's burst with one `anti`
/// subscriber.
fn emit_with_question_mark() -> Verdict {
    let (tx, _) = broadcast::channel::<Event>(100);
    let before_subscribe = tx.send(Event(0)).is_err();
    let run = run_paused(
        Variant::Anti,
        &Scenario {
            capacity: 100,
            bursts: vec![150, 50],
            pause: Duration::from_secs(1),
            subscribers: vec![Duration::ZERO],
        },
    );
    let measured = format!(
        "On `broadcast::channel(100)` with its receiver dropped, a send before anyone \
         subscribed failed: {before_subscribe}. With one `while let Ok` subscriber and a burst \
         of 150, then 50 more: {} of the 200 sends failed, from the first one after it quit.",
        run.send_errors
    );
    if before_subscribe && run.send_errors > 0 {
        Verdict::explained(
            measured,
            "Fragile.",
            "`?` turns \"nobody is listening right now\" into the publisher's end: before the \
             first subscriber, and after the last one has quit on a lag. Ignore the error, or \
             keep a receiver.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

pub fn judge(id: &str) -> Option<Verdict> {
    Some(match id {
        "watch-many-producers" => watch_many_producers(),
        "broadcast-queued-per-subscriber" => broadcast_queued_per_subscriber(),
        "while-let-ok-subscriber" => while_let_ok_subscriber(),
        "send-error-means-no-subscribers" => send_error_means_no_subscribers(),
        "emit-with-question-mark" => emit_with_question_mark(),
        _ => return None,
    })
}
