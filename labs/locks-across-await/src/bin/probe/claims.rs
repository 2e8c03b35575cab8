//! Verdicts on the claims that guides make about locks and `.await`.
//!
//! Each verdict is computed here from this run's measurements, never typed: the virtual-time
//! runs and deadlock experiments this probe made, and criterion's estimates for the
//! `throughput`, `uncontended` and `contended` groups. The table itself is the lab kit's
//! ([`Probe::write_claims`]): a claim the catalogue lists but this file does not know gets a
//! row saying so, so a new claim cannot be skipped silently.

use evidence::criterion::Group;
use evidence::number::{count, ratio, time};
use evidence::{Probe, Ratio, Verdict};
use locks_across_await::Variant;
use locks_across_await::workload::{Keys, Outcome, Stuck};

use crate::deadlocks::Found;
use crate::virtual_time::{self, Run, TASKS};

/// The largest load measured, where the differences are widest.
const MOST: usize = TASKS[TASKS.len() - 1];

/// Writes `claims.md`, one verdict per claim of the catalogue entry.
pub fn write(probe: &Probe, runs: &[Run], found: &Found) -> anyhow::Result<()> {
    // Missing timings are a sentence in the table, not a failed probe: the virtual-time and
    // deadlock verdicts stand on their own.
    let throughput = probe.group("throughput");
    let without_locks = ["uncontended", "contended"].map(|question| probe.group(question));
    probe.write_claims(|id| match id {
        "tokio-mutex-across-await-is-safe" => {
            Some(tokio_mutex_is_safe(runs, found, throughput.as_ref().ok()))
        }
        "std-mutex-is-faster" => Some(std_mutex_is_faster(&without_locks)),
        "locks-across-await-deadlock" => Some(locks_deadlock(found)),
        "release-before-await" => Some(release_before_await(runs)),
        "actor-avoids-locks" => Some(actor_avoids_locks(runs, throughput.as_ref().ok())),
        _ => None,
    })
}

/// A finished run of `variant` at `tasks` with `keys`.
fn outcome(runs: &[Run], variant: Variant, tasks: usize, keys: Keys) -> Option<&Outcome> {
    virtual_time::find(runs, variant, tasks, keys).and_then(|r| r.result.as_ref().ok())
}

/// `variant`'s time per operation against `fixed`'s at `load`, and both times.
fn against_fixed(group: &Group, variant: &str, load: &str) -> Option<(Ratio, f64, f64)> {
    let (measured, fixed) = (group.get(variant, load)?, group.get("fixed", load)?);
    let (measured, fixed) = (measured.headline(), fixed.headline());
    Some((Ratio::of(&measured, &fixed), measured.point, fixed.point))
}

/// "61.0× (58.2–63.9×) `fixed`'s time per operation (2.08 ms vs 34.2 µs; 95% CIs separated)".
fn against_fixed_sentence(group: &Group, variant: &str, load: &str) -> Option<String> {
    let (ratio, measured, fixed) = against_fixed(group, variant, load)?;
    Some(format!(
        "{} `fixed`'s time per operation ({} vs {}; 95% CIs {})",
        ratio.with_range(),
        time(measured),
        time(fixed),
        ratio.separation()
    ))
}

fn tokio_mutex_is_safe(runs: &[Run], found: &Found, throughput: Option<&Group>) -> Verdict {
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
        return Verdict::new(
            "a `tokio-mutex` run did not finish",
            "False: it got stuck here",
        );
    };
    let mut measured = format!(
        "Two deposits on one thread finished in {} (no deadlock), and no deposit \
         was lost at any load ({} missing). But {MOST} tasks on {MOST} different accounts \
         took {}, where `fixed` took {}",
        virtual_time::round_trips_phrase(together),
        count(lost),
        virtual_time::round_trips_phrase(queued),
        virtual_time::round_trips_phrase(fixed),
    );
    match throughput
        .and_then(|group| against_fixed_sentence(group, "tokio-mutex", &MOST.to_string()))
    {
        Some(sentence) => measured.push_str(&format!("; criterion at {MOST} tasks: {sentence}.")),
        None => measured.push_str(" (no criterion timings in this run)."),
    }
    let flat = queued.elapsed > fixed.elapsed;
    let verdict = match (lost, flat) {
        (0, true) => "True for correctness; but every task waits in line, so throughput stays flat",
        (0, false) => "True",
        _ => "False: deposits were lost",
    };
    Verdict::new(measured, verdict)
}

fn std_mutex_is_faster(groups: &[anyhow::Result<Group>; 2]) -> Verdict {
    let mut parts = Vec::new();
    let (mut faster, mut slower, mut compared) = (0, 0, 0);
    for group in groups {
        let group = match group {
            Ok(group) => group,
            Err(err) => return Verdict::not_measured(format!("no timings: {err:#}")),
        };
        // The group's id is `<lab>/<question>`; the question is what the reader sees.
        let question = group.id.rsplit('/').next().unwrap_or(&group.id);
        for load in group.loads() {
            // `tokio-mutex` against `fixed` (std): a ratio above 1 means std is faster.
            let Some((against, tokio, std)) = against_fixed(group, "tokio-mutex", load) else {
                continue;
            };
            compared += 1;
            let relation = match (against.separated, against.point > 1.0) {
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
                "{question}, {load} {}: tokio {} vs std {} per lock ({}, {relation})",
                if load == "1" { "task" } else { "tasks" },
                time(tokio),
                time(std),
                ratio(against.point),
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
    Verdict::new(parts.join("; "), verdict)
}

fn locks_deadlock(found: &Found) -> Verdict {
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
        count(found.argument_order_deadlocks as u64),
        count(found.batches as u64),
        count(found.global_order_deadlocks as u64),
        count(found.batches as u64),
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
    Verdict::new(measured, verdict)
}

fn release_before_await(runs: &[Run]) -> Verdict {
    let (Some(hot), Some(spread)) = (
        outcome(runs, Variant::ReleaseAndWrite, MOST, Keys::Hot),
        outcome(runs, Variant::ReleaseAndWrite, MOST, Keys::Spread),
    ) else {
        return Verdict::not_measured("no `release-and-write` run");
    };
    let measured = format!(
        "`release-and-write` (copy out, release, round trip, write `old + amount`): {MOST} \
         tasks on one account left {} of {} missing from the balance; on {MOST} different \
         accounts, {} missing, which is why tests that spread their keys never see it.",
        count(hot.lost()),
        count(hot.workload.expected_total()),
        count(spread.lost())
    );
    let verdict = if hot.lost() > 0 {
        "False for an update: it loses writes. Right only for reads, or with a delta or a re-check on write"
    } else {
        "True here: nothing was lost"
    };
    Verdict::new(measured, verdict)
}

fn actor_avoids_locks(runs: &[Run], throughput: Option<&Group>) -> Verdict {
    let (Some(actor), Some(inline)) = (
        outcome(runs, Variant::Actor, MOST, Keys::Spread),
        outcome(runs, Variant::ActorInline, MOST, Keys::Spread),
    ) else {
        return Verdict::not_measured("an actor run did not finish");
    };
    let mut measured = format!(
        "{MOST} tasks: `actor` (callers make the round trip) took {}; `actor-inline` (the \
         actor makes it, inside its loop) took {}",
        virtual_time::round_trips_phrase(actor),
        virtual_time::round_trips_phrase(inline),
    );
    let load = MOST.to_string();
    let timed = throughput.and_then(|group| {
        Some((
            against_fixed_sentence(group, "actor", &load)?,
            against_fixed_sentence(group, "actor-inline", &load)?,
        ))
    });
    match timed {
        Some((a, i)) => measured.push_str(&format!(
            "; criterion at {MOST} tasks: `actor` {a}, `actor-inline` {i}."
        )),
        None => measured.push_str(" (no criterion timings in this run)."),
    }
    let verdict = if inline.elapsed > actor.elapsed {
        "Only if the actor never awaits the slow call itself; otherwise it is the lock again"
    } else {
        "True here"
    };
    Verdict::new(measured, verdict)
}
