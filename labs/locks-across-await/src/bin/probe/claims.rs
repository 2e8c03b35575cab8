//! Verdicts on the claims that guides make about locks and `.await`.
//!
//! Each verdict is computed here from this run's measurements, never typed: the virtual-time
//! runs and deadlock experiments this probe made, and criterion's estimates for the
//! `throughput`, `uncontended` and `contended` groups. A claim the catalogue lists but this
//! file does not know gets a row saying so, so a new claim cannot be skipped silently.

use std::path::Path;

use catalogue::Entry;
use evidence::criterion::{self, Group};
use locks_across_await::Variant;
use locks_across_await::workload::{Keys, Outcome, Stuck};

use crate::deadlocks::Found;
use crate::virtual_time::{self, Run, TASKS};

/// The largest load measured, where the differences are widest.
const MOST: usize = TASKS[TASKS.len() - 1];

/// The claims table, one row per claim of the catalogue entry.
pub fn render(entry: &Entry, runs: &[Run], found: &Found, criterion_dir: &Path) -> String {
    let mut table = String::from("| claim | what we measured | verdict |\n| --- | --- | --- |\n");
    for claim in &entry.claims {
        let (measured, verdict) = match claim.id.as_str() {
            "tokio-mutex-across-await-is-safe" => tokio_mutex_is_safe(runs, found, criterion_dir),
            "std-mutex-is-faster" => std_mutex_is_faster(criterion_dir),
            "locks-across-await-deadlock" => locks_deadlock(found),
            "release-before-await" => release_before_await(runs),
            "actor-avoids-locks" => actor_avoids_locks(runs, criterion_dir),
            other => (
                format!("the probe has no measurement for `{other}`"),
                "not measured".into(),
            ),
        };
        table.push_str(&format!(
            "| {} | {measured} | **{verdict}** |\n",
            claim.claim
        ));
    }
    table
}

/// A finished run of `variant` at `tasks` with `keys`.
fn outcome(runs: &[Run], variant: Variant, tasks: usize, keys: Keys) -> Option<&Outcome> {
    virtual_time::find(runs, variant, tasks, keys).and_then(|r| r.result.as_ref().ok())
}

/// `variant`'s time per operation against `fixed`'s at `load`: the ratio, whether the two
/// confidence intervals separate, and a sentence saying so.
fn against_fixed(group: &Group, variant: &str, load: &str) -> Option<(f64, bool, String)> {
    let (measured, fixed) = (group.get(variant, load)?, group.get("fixed", load)?);
    let (measured, fixed) = (measured.headline(), fixed.headline());
    let ratio = measured.point / fixed.point;
    let separated = measured.separated_from(&fixed);
    let sentence = format!(
        "{ratio:.2}× `fixed`'s time per operation ({}; 95% CIs {})",
        per_op(measured.point, fixed.point),
        if separated { "separate" } else { "overlap" }
    );
    Some((ratio, separated, sentence))
}

/// Two times per operation side by side, each in the unit that suits it.
fn per_op(measured: f64, fixed: f64) -> String {
    format!("{} vs {}", time(measured), time(fixed))
}

/// A time in nanoseconds, with three significant digits and a fitting unit.
fn time(nanos: f64) -> String {
    let (value, unit) = if nanos >= 1e6 {
        (nanos / 1e6, "ms")
    } else if nanos >= 1e3 {
        (nanos / 1e3, "µs")
    } else {
        (nanos, "ns")
    };
    let decimals = if value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else {
        2
    };
    format!("{value:.decimals$} {unit}")
}

fn throughput(criterion_dir: &Path) -> Result<Group, String> {
    criterion::load_group(criterion_dir, "locks-across-await/throughput")
        .map_err(|err| format!("no timings ({err}); run `cargo xtask book locks-across-await`"))
}

fn tokio_mutex_is_safe(runs: &[Run], found: &Found, criterion_dir: &Path) -> (String, String) {
    let lost: u64 = runs
        .iter()
        .filter(|r| r.variant == Variant::TokioMutex)
        .filter_map(|r| r.result.as_ref().ok())
        .map(Outcome::lost)
        .sum();
    let (Ok(together), Some(queued), Some(fixed)) = (
        &found.tokio_mutex,
        outcome(runs, Variant::TokioMutex, MOST, Keys::Spread),
        outcome(runs, Variant::Fixed, MOST, Keys::Spread),
    ) else {
        return (
            "a `tokio-mutex` run did not finish".into(),
            "False: it got stuck here".into(),
        );
    };
    let mut measured = format!(
        "Two deposits on one thread finished in {} (no deadlock), and no deposit \
         was lost at any load ({lost} missing). But {MOST} tasks on {MOST} different accounts \
         took {}, where `fixed` took {}",
        virtual_time::round_trips_phrase(together),
        virtual_time::round_trips_phrase(queued),
        virtual_time::round_trips_phrase(fixed),
    );
    let timed = throughput(criterion_dir)
        .ok()
        .and_then(|group| against_fixed(&group, "tokio-mutex", &MOST.to_string()));
    match &timed {
        Some((_, _, sentence)) => {
            measured.push_str(&format!("; criterion at {MOST} tasks: {sentence}."))
        }
        None => measured.push_str(" (no criterion timings in this run)."),
    }
    let flat = queued.elapsed > fixed.elapsed;
    let verdict = match (lost, flat) {
        (0, true) => "True for correctness; but every task waits in line, so throughput stays flat",
        (0, false) => "True",
        _ => "False: deposits were lost",
    };
    (measured, verdict.into())
}

fn std_mutex_is_faster(criterion_dir: &Path) -> (String, String) {
    let mut parts = Vec::new();
    let (mut faster, mut slower, mut compared) = (0, 0, 0);
    for question in ["uncontended", "contended"] {
        let group =
            match criterion::load_group(criterion_dir, &format!("locks-across-await/{question}")) {
                Ok(group) => group,
                Err(err) => {
                    return (
                        format!("no timings ({err}); run `cargo xtask book locks-across-await`"),
                        "not measured".into(),
                    );
                }
            };
        for load in group.loads() {
            // `tokio-mutex` against `fixed` (std): a ratio above 1 means std is faster.
            let Some((ratio, separated, _)) = against_fixed(&group, "tokio-mutex", load) else {
                continue;
            };
            let (tokio, std) = (
                group.get("tokio-mutex", load).map(|m| m.headline().point),
                group.get("fixed", load).map(|m| m.headline().point),
            );
            compared += 1;
            let relation = match (separated, ratio > 1.0) {
                (false, _) => "indistinguishable",
                (true, true) => {
                    faster += 1;
                    "std faster"
                }
                (true, false) => {
                    slower += 1;
                    "std slower"
                }
            };
            parts.push(format!(
                "{question}, {load} {}: tokio {} per lock ({:.2}×, {relation})",
                if load == "1" { "task" } else { "tasks" },
                per_op(tokio.unwrap_or_default(), std.unwrap_or_default())
                    .replacen(" vs ", " vs std ", 1),
                ratio
            ));
        }
    }
    let verdict = match (faster, slower) {
        _ if compared == 0 => "not measured",
        (f, 0) if f == compared => "True here, at every load measured",
        (0, s) if s == compared => "False here: std was slower",
        (0, 0) => "No measurable difference here",
        _ => "Depends on the load",
    };
    (parts.join("; "), verdict.into())
}

fn locks_deadlock(found: &Found) -> (String, String) {
    let std_blocked = matches!(found.std_guard, Err(Stuck::ThreadBlocked(_)));
    let tokio_finished = found.tokio_mutex.is_ok();
    let argument_deadlocked = found.argument_order.is_err();
    let global_finished = found.global_order.is_ok() && found.global_order_deadlocks == 0;
    let measured = format!(
        "A `std::sync::Mutex` guard across the round trip, two tasks on a current-thread \
         runtime: {}. One `tokio::sync::Mutex` across the round trip: {}. Two \
         `tokio::sync::Mutex`es taken in opposite orders: {} (and {} of {} random batches of \
         transfers); in one global order: {} of {} batches.",
        if std_blocked {
            "deadlocked, thread blocked"
        } else {
            "did not deadlock"
        },
        if tokio_finished {
            "never deadlocked"
        } else {
            "got stuck"
        },
        if argument_deadlocked {
            "deadlocked"
        } else {
            "did not deadlock"
        },
        found.argument_order_deadlocks,
        found.batches,
        found.global_order_deadlocks,
        found.batches,
    );
    let verdict = match (
        std_blocked,
        tokio_finished,
        argument_deadlocked,
        global_finished,
    ) {
        (true, true, true, true) => {
            "True for a std guard (two tasks on one thread suffice) and for locks taken in \
             opposite orders; one tokio mutex alone does not deadlock"
        }
        (true, _, _, _) | (_, _, true, _) => "True",
        _ => "False: nothing deadlocked here",
    };
    (measured, verdict.into())
}

fn release_before_await(runs: &[Run]) -> (String, String) {
    let (Some(hot), Some(spread)) = (
        outcome(runs, Variant::ReleaseAndWrite, MOST, Keys::Hot),
        outcome(runs, Variant::ReleaseAndWrite, MOST, Keys::Spread),
    ) else {
        return ("no `release-and-write` run".into(), "not measured".into());
    };
    let measured = format!(
        "`release-and-write` (copy out, release, round trip, write `old + amount`): {MOST} \
         tasks on one account left {} of {} missing from the balance; on {MOST} different \
         accounts, {} missing, which is why tests that spread their keys never see it.",
        hot.lost(),
        hot.workload.expected_total(),
        spread.lost()
    );
    let verdict = if hot.lost() > 0 {
        "False for an update: it loses writes. Right only for reads, or with a delta or a re-check on write"
    } else {
        "True here: nothing was lost"
    };
    (measured, verdict.into())
}

fn actor_avoids_locks(runs: &[Run], criterion_dir: &Path) -> (String, String) {
    let (Some(actor), Some(inline)) = (
        outcome(runs, Variant::Actor, MOST, Keys::Spread),
        outcome(runs, Variant::ActorInline, MOST, Keys::Spread),
    ) else {
        return ("an actor run did not finish".into(), "not measured".into());
    };
    let mut measured = format!(
        "{MOST} tasks: `actor` (callers make the round trip) took {}; `actor-inline` (the \
         actor makes it, inside its loop) took {}",
        virtual_time::round_trips_phrase(actor),
        virtual_time::round_trips_phrase(inline),
    );
    if let Ok(group) = throughput(criterion_dir) {
        let load = MOST.to_string();
        if let (Some((_, _, a)), Some((_, _, i))) = (
            against_fixed(&group, "actor", &load),
            against_fixed(&group, "actor-inline", &load),
        ) {
            measured.push_str(&format!(
                "; criterion at {MOST} tasks: `actor` {a}, `actor-inline` {i}."
            ));
        }
    } else {
        measured.push_str(" (no criterion timings in this run).");
    }
    let verdict = if inline.elapsed > actor.elapsed {
        "Only if the actor never awaits the slow call itself; otherwise it is the lock again"
    } else {
        "True here"
    };
    (measured, verdict.into())
}
