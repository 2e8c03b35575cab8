//! The detector on real runtimes: it flags a task that blocks, excuses one inside
//! `block_in_place`, and reports a poll that is still blocked while it is.
//!
//! No assertion here depends on how fast the machine is: a `std::thread::sleep(2 ms)` lasts at
//! least 2 ms on any machine, so the polls that must be slow are slow; the polls that must be
//! fast are never judged on their own.

#![cfg(tokio_unstable)]

use std::sync::mpsc;
use std::time::{Duration, Instant};

use stall_detector::{Judgement, Report};
use tokio::runtime::Builder;

/// Blocks the worker thread for at least `ms` milliseconds.
fn block_for(ms: u64) {
    #[expect(
        clippy::disallowed_methods,
        reason = "the anti-pattern the detector must catch"
    )]
    std::thread::sleep(Duration::from_millis(ms));
}

fn verdict_of(report: &Report, file_line: &str) -> Judgement {
    let location = report
        .locations
        .iter()
        .find(|l| l.location.contains(file_line))
        .unwrap_or_else(|| panic!("no location {file_line} in\n{report}"));
    location.verdict
}

#[test]
fn a_task_that_sleeps_in_its_polls_is_flagged_on_both_flavours() {
    for mut builder in [Builder::new_current_thread(), Builder::new_multi_thread()] {
        let stalls = stall_detector::install(&mut builder);
        let runtime = builder.build().unwrap();
        let here = format!("runtime.rs:{}", line!() + 1);
        let blocking = runtime.spawn(async {
            for _ in 0..4 {
                block_for(2);
                tokio::task::yield_now().await;
            }
        });
        runtime.block_on(blocking).unwrap();
        // A task's output reaches `block_on` before its last poll's hook has run: dropping
        // the runtime waits for the workers, and so for every hook.
        drop(runtime);
        let report = stalls.report();
        assert!(report.active);
        assert_eq!(verdict_of(&report, &here), Judgement::Fires, "{report}");
        let location = report.flagged().next().unwrap();
        assert!(
            location.slow >= 4 && location.max_ns >= 2_000_000,
            "{report}"
        );
    }
}

#[test]
fn a_poll_inside_block_in_place_is_excused() {
    // One worker: the helper task below can only run once `block_in_place` has handed that
    // worker to another thread, so every blocking poll is certainly handed off.
    let mut builder = Builder::new_multi_thread();
    builder.worker_threads(1);
    let stalls = stall_detector::install(&mut builder);
    let runtime = builder.build().unwrap();
    let here = format!("runtime.rs:{}", line!() + 1);
    let handing_off = runtime.spawn(async {
        for _ in 0..4 {
            let (done, wait) = mpsc::channel();
            tokio::spawn(async move { done.send(()).unwrap() });
            tokio::task::block_in_place(|| {
                wait.recv().unwrap();
                block_for(2);
            });
            tokio::task::yield_now().await;
        }
    });
    runtime.block_on(handing_off).unwrap();
    drop(runtime);
    let report = stalls.report();
    let location = report
        .locations
        .iter()
        .find(|l| l.location.contains(&here))
        .unwrap();
    // Exactly the four blocking polls were handed off; the others are short, though a busy
    // machine may stretch one past 1 ms, so their number is not asserted.
    assert_eq!(location.excused, 4, "{report}");
    assert!(location.slow >= 4, "{report}");
    assert_eq!(location.verdict, Judgement::Excused, "{report}");
}

#[test]
fn a_poll_blocked_now_is_reported_while_it_lasts() {
    let mut builder = Builder::new_multi_thread();
    builder.worker_threads(1);
    let stalls = stall_detector::install(&mut builder);
    let runtime = builder.build().unwrap();
    let (release, blocked) = mpsc::channel::<()>();
    let stuck = runtime.spawn(async move {
        // Blocks its worker until the test lets go: a deadlock, as far as the runtime knows.
        blocked.recv().unwrap();
    });
    // Wait for the watchdog's live report, by asking for it: nothing else can tell us.
    let deadline = Instant::now() + Duration::from_secs(30);
    let report = loop {
        let report = stalls.report();
        if report.stalls_reported_live > 0 {
            break report;
        }
        assert!(
            Instant::now() < deadline,
            "no live report after 30 s:\n{report}"
        );
        block_for(5);
    };
    let worst = &report.worst[0];
    assert!(
        worst.running && worst.duration_ns >= report.thresholds.stall_ns,
        "{report}"
    );
    assert_eq!(report.flagged().count(), 1, "{report}");
    release.send(()).unwrap();
    runtime.block_on(stuck).unwrap();
    drop(runtime);
    let after = stalls.report();
    assert!(!after.worst[0].running, "the poll ended:\n{after}");
}

#[test]
fn a_local_set_is_seen_through_the_future_that_drives_it() {
    // A LocalSet polls its tasks itself, inside `run_until`'s poll: no task hook runs.
    let mut builder = Builder::new_current_thread();
    let stalls = stall_detector::install(&mut builder);
    let runtime = builder.build().unwrap();
    let local = tokio::task::LocalSet::new();
    let here = format!("runtime.rs:{}", line!() + 1);
    runtime.block_on(stalls.watch(local.run_until(async {
        let blocking = tokio::task::spawn_local(async {
            for _ in 0..4 {
                block_for(2);
                tokio::task::yield_now().await;
            }
        });
        blocking.await.unwrap();
    })));
    drop(runtime);
    let report = stalls.report();
    assert_eq!(verdict_of(&report, &here), Judgement::Fires, "{report}");
}

#[test]
fn the_report_says_when_nothing_blocked() {
    let mut builder = Builder::new_current_thread();
    let stalls = stall_detector::install(&mut builder);
    let runtime = builder.build().unwrap();
    runtime.block_on(async {
        let tasks: Vec<_> = (0..100)
            .map(|_| tokio::spawn(tokio::task::yield_now()))
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
    });
    drop(runtime);
    let report = stalls.report();
    let polls: u64 = report.locations.iter().map(|l| l.polls).sum();
    assert_eq!(
        polls, 200,
        "every poll is counted, twice per task:\n{report}"
    );
}
