//! The long-poll lint on every recorded fixture: it fires on every anti-pattern that blocks a
//! thread, and stays silent on every fix (and on the labs whose anti-patterns do not block).
//!
//! What the lint must say is not listed here: each lab's catalogue entry says it, in its
//! `[console]` section (`flagged`: the variants the lint must flag; every other captured variant
//! must stay silent). Every fixture must belong to a captured variant, so a new recording
//! cannot slip in unjudged, and every captured variant must have a fixture, so the promise is
//! kept for all of them.

mod common;

use catalogue::Catalogue;
use console_snapshot::long_poll::Verdict;
use console_snapshot::{Rule, replay};

#[test]
fn the_long_poll_lint_fires_on_every_blocking_anti_pattern_and_no_fix() {
    let catalogue = Catalogue::load_workspace().unwrap_or_else(|err| panic!("{err}"));
    let fixtures = common::all();
    let mut wrong = Vec::new();
    for (lab, variant, recording) in &fixtures {
        let console = catalogue
            .get(lab)
            .unwrap_or_else(|err| panic!("fixture {lab}/{variant}: {err}"))
            .console
            .as_ref()
            .unwrap_or_else(|| panic!("fixture {lab}/{variant}: the lab has no [console] section"));
        assert!(
            console.variants.contains(variant),
            "fixture {lab}/{variant} is not a captured variant: add it to [console] variants \
             in anti-patterns/{lab}.toml, saying in `flagged` whether the lint must fire"
        );
        let must_fire = console.flagged.contains(variant);
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
    for entry in catalogue.entries() {
        let Some(console) = &entry.console else {
            continue;
        };
        for flagged in &console.flagged {
            assert!(
                console.variants.contains(flagged),
                "{}: `{flagged}` is flagged but not captured",
                entry.id
            );
        }
        for variant in &console.variants {
            assert!(
                fixtures
                    .iter()
                    .any(|(l, v, _)| l == &entry.id && v == variant),
                "no fixture for {}/{variant}; record it with `cargo xtask console --fixtures {}`",
                entry.id,
                entry.id
            );
        }
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
