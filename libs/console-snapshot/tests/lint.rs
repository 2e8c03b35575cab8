//! The long-poll lint on every recorded fixture: it fires on every anti-pattern that blocks a
//! thread, and stays silent on every fix (and on the labs whose anti-patterns do not block).
//!
//! Each fixture must be listed below, so that a new recording cannot slip in unjudged; and each
//! listed variant must have a fixture, so that the promise is kept for all of them.

mod common;

use console_snapshot::long_poll::Verdict;
use console_snapshot::{Rule, replay};

/// Whether the long-poll lint must fire, per recorded variant, and why.
const EXPECTED: &[(&str, &str, bool)] = &[
    // A thread sleeps, computes, reads a file or loops inside a poll: every one must fire.
    ("blocking-in-async", "anti", true),
    ("blocking-in-async", "cpu-inline", true),
    ("blocking-in-async", "rayon-inline", true),
    ("blocking-in-async", "std-fs", true),
    ("blocking-in-async", "ready-loop", true),
    // The blocking moved into a spawned task, which is no fix: the lint finds it there.
    ("blocking-in-async", "spawn-await", true),
    // The fixes move the work off the worker, yield, or (block_in_place) hand the worker over.
    ("blocking-in-async", "fixed", false),
    ("blocking-in-async", "spawn-blocking", false),
    ("blocking-in-async", "block-in-place", false),
    ("blocking-in-async", "rayon-oneshot", false),
    ("blocking-in-async", "tokio-fs", false),
    ("blocking-in-async", "fs-spawn-blocking", false),
    ("blocking-in-async", "yield-now", false),
    ("blocking-in-async", "consume-budget", false),
    // A std mutex held across an await: the runtime's only thread blocks in `lock`.
    ("locks-across-await", "anti", true),
    ("locks-across-await", "fixed", false),
    ("locks-across-await", "tokio-mutex", false),
    // A lock-order deadlock between tokio mutexes: tasks wait, no thread blocks.
    ("locks-across-await", "argument-order", false),
    ("locks-across-await", "global-order", false),
    // A runtime per call costs thread start-ups, not long polls.
    ("runtime-per-call", "anti", false),
    ("runtime-per-call", "fixed", false),
    // A queue that grows, or two actors stuck on each other's inbox: nothing blocks a thread.
    ("unbounded-channels", "anti", false),
    ("unbounded-channels", "fixed", false),
    ("unbounded-channels", "actors-cycle", false),
    ("unbounded-channels", "actors-oneshot-reply", false),
];

#[test]
fn the_long_poll_lint_fires_on_every_blocking_anti_pattern_and_no_fix() {
    let fixtures = common::all();
    let mut wrong = Vec::new();
    for (lab, variant, recording) in &fixtures {
        let Some(&(_, _, must_fire)) = EXPECTED.iter().find(|(l, v, _)| l == lab && v == variant)
        else {
            panic!(
                "fixture {lab}/{variant} is not in EXPECTED: say whether the lint must fire on it"
            );
        };
        let snapshot = replay(recording);
        let fires = snapshot
            .long_poll
            .iter()
            .any(|l| l.verdict == Verdict::Fires);
        let in_findings = snapshot.findings.iter().any(|f| f.rule == Rule::LongPoll);
        assert_eq!(
            fires, in_findings,
            "{lab}/{variant}: the finding and the verdicts disagree"
        );
        if fires != must_fire {
            wrong.push(format!(
                "{lab}/{variant}: fires = {fires}, expected {must_fire}: {:#?}",
                snapshot.long_poll
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for (lab, variant, _) in EXPECTED {
        assert!(
            fixtures.iter().any(|(l, v, _)| l == lab && v == variant),
            "no fixture for {lab}/{variant} (tests/fixtures/{lab}/{variant}.json)"
        );
    }
}

#[test]
fn block_in_place_is_excused_not_silenced() {
    // The fix's polls are as long as the anti-pattern's; what clears it is the hand-offs, and
    // the snapshot says so.
    let snapshot = replay(&common::load("blocking-in-async", "block-in-place"));
    assert!(snapshot.handoffs > 0);
    let excused: Vec<_> = snapshot
        .long_poll
        .iter()
        .filter(|l| l.verdict == Verdict::Excused)
        .collect();
    assert_eq!(excused.len(), 1, "{:#?}", snapshot.long_poll);
    assert!(
        excused[0].excused >= excused[0].slow * 3 / 4,
        "{:#?}",
        excused[0]
    );
}

#[test]
fn tokio_console_sees_the_deadlocked_thread_only_as_a_task_that_never_yielded() {
    // The std-mutex deadlock: tokio-console's own `never-yielded` catches the blocked task
    // because its blocking poll is its first and lasts past a second.
    let snapshot = replay(&common::load("locks-across-await", "anti"));
    let rules: Vec<Rule> = snapshot.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&Rule::NeverYielded), "{rules:?}");
    // The blocking anti-patterns of blocking-in-async poll many times for 20 ms each: nothing
    // of tokio-console's fires there, which is why the long-poll lint exists.
    let snapshot = replay(&common::load("blocking-in-async", "anti"));
    assert!(
        snapshot.findings.iter().all(|f| f.rule == Rule::LongPoll),
        "{:#?}",
        snapshot.findings
    );
}
