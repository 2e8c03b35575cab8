//! Verdicts on the claims that guides make about locks and `.await`.
//!
//! Each verdict is computed here from this run's measurements, never typed: the virtual-time
//! runs and deadlock experiments this probe made, criterion's estimates for the
//! `throughput`, `uncontended` and `contended` groups, and the replayed tokio-console
//! captures of the demo. The table itself is the lab kit's
//! ([`Probe::write_claims`]): a claim the catalogue lists but this file does not know gets a
//! row saying so, so a new claim cannot be skipped silently.

use console_snapshot::Rule;
use evidence::criterion::Group;
use evidence::number::{count, ratio, time};
use evidence::{Probe, Ratio, Verdict};
use locks_across_await::Variant;
use locks_across_await::workload::{Keys, Outcome, Stuck};

use crate::console::{Console, LONG_POLL_NS};
use crate::deadlocks::Found;
use crate::virtual_time::{self, Run, TASKS};

/// The largest load measured, where the differences are widest.
const MOST: usize = TASKS[TASKS.len() - 1];

/// Writes `claims.md`, one verdict per claim of the catalogue entry.
pub fn write(
    probe: &Probe,
    runs: &[Run],
    found: &Found,
    console: &anyhow::Result<Console>,
) -> anyhow::Result<()> {
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
        "console-shows-long-polls-and-deadlocks" => Some(match console {
            Ok(console) => console_shows(console),
            Err(err) => Verdict::not_measured(format!("no console captures: {err:#}")),
        }),
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
        return Verdict::explained(
            "a `tokio-mutex` run did not finish",
            "False:",
            "it got stuck here.",
        );
    };
    let opposite_orders = found.argument_order.is_err();
    let mut measured = format!(
        "Two deposits on one thread finished in {} (no deadlock), and no deposit \
         was lost at any load ({} missing). Two transfers taking two `tokio::sync::Mutex`es in \
         opposite orders {} ({} of {} random batches). {MOST} tasks on {MOST} different \
         accounts took {}, where `fixed` took {}",
        virtual_time::round_trips_phrase(together),
        count(lost),
        if opposite_orders {
            "deadlocked"
        } else {
            "finished"
        },
        count(found.argument_order_deadlocks as u64),
        count(found.batches as u64),
        virtual_time::round_trips_phrase(queued),
        virtual_time::round_trips_phrase(fixed),
    );
    match throughput
        .and_then(|group| against_fixed_sentence(group, "tokio-mutex", &MOST.to_string()))
    {
        Some(sentence) => measured.push_str(&format!("; criterion at {MOST} tasks: {sentence}.")),
        None => measured.push_str(" (no criterion timings in this run)."),
    }
    if lost > 0 {
        return Verdict::explained(measured, "False:", "deposits were lost.");
    }
    let serialised = queued.elapsed > fixed.elapsed;
    let mut but = Vec::new();
    if opposite_orders {
        but.push("two of them taken in opposite orders still deadlock");
    }
    if serialised {
        but.push(
            "a guard held across the call makes every task wait in line behind it, so \
             throughput stays flat however many tasks run",
        );
    }
    if but.is_empty() {
        return Verdict::new(measured, "True");
    }
    Verdict::explained(
        measured,
        "Only against the std guard's failures.",
        format!(
            "It does not block the thread (no deadlock of one mutex on one thread) and loses no \
             update; but {}.",
            but.join(", and ")
        ),
    )
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
    let measured = parts.join("; ");
    match (faster, slower) {
        _ if compared == 0 => Verdict::not_measured("no load had both mutexes timed"),
        (f, 0) if f == compared => {
            Verdict::explained(measured, "True here,", "at every load measured.")
        }
        (0, s) if s == compared => Verdict::explained(measured, "False here:", "std was slower."),
        (0, 0) => Verdict::new(measured, "No measurable difference here"),
        _ => Verdict::explained(measured, "Depends on the load;", "see the ratios."),
    }
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
    match (
        std_blocked,
        tokio_finished,
        argument_deadlocked,
        global_finished,
    ) {
        (true, true, true, true) => Verdict::explained(
            measured,
            "True,",
            "for a std guard (two tasks on one thread suffice) and for locks taken in \
             opposite orders; one tokio mutex alone does not deadlock, and one global lock \
             order prevents the second kind.",
        ),
        (true, _, _, _) | (_, _, true, _) => Verdict::new(measured, "True"),
        _ => Verdict::explained(measured, "False:", "nothing deadlocked here."),
    }
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
    if hot.lost() > 0 {
        Verdict::explained(
            measured,
            "False for an update:",
            "it loses writes. Right only for reads, or with a delta or a re-check on write.",
        )
    } else {
        Verdict::explained(measured, "True here:", "nothing was lost.")
    }
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
    if inline.elapsed > actor.elapsed {
        Verdict::explained(
            measured,
            "Only if the actor never awaits the slow call itself;",
            "otherwise it is the lock again.",
        )
    } else {
        Verdict::new(measured, "True here")
    }
}

fn console_shows(console: &Console) -> Verdict {
    let (Some(std_guard), Some(orders)) = (console.get("anti"), console.get("argument-order"))
    else {
        return Verdict::not_measured(format!(
            "no capture of `anti` and `argument-order` in {}",
            console.fixtures.display()
        ));
    };
    // tokio-console's own warnings, then this book's lint, which tokio-console lacks.
    let names = |seen: &crate::console::Seen| {
        let console = match seen.warnings.as_slice() {
            [] => "no tokio-console warning at any update".to_string(),
            rules => format!(
                "tokio-console's {}",
                rules
                    .iter()
                    .map(|r| format!("`{}`", r.name()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let lint = if seen.long_poll_lint {
            "this book's long-poll lint fired"
        } else {
            "this book's long-poll lint silent"
        };
        format!("{console} ({lint})")
    };
    let ms = |ns: u64| time(ns as f64);
    // The runs that finished but still had a poll over the guides' threshold.
    let long_but_fine: Vec<String> = ["fixed", "tokio-mutex", "global-order"]
        .iter()
        .filter_map(|v| console.get(v))
        .filter(|s| s.longest_poll_ns > LONG_POLL_NS)
        .map(|s| format!("`{}` ({})", s.variant, ms(s.longest_poll_ns)))
        .collect();
    let instrumented = console.seen.iter().all(|s| s.tasks > 0 && s.resources > 0);
    let measured = format!(
        "Replaying the demo's recorded tokio-console captures ({} runs, `{}`): `anti`, the std \
         guard's deadlock: {}, the longest poll {}. `argument-order`, two Tokio mutexes in \
         opposite orders: {}, the longest poll {}, its transfer tasks idle for up to {}, a \
         `lock` waiting {} on a mutex. Polls over {} in runs that finished: {}. The captured \
         build: `--cfg tokio_unstable` in `.cargo/config.toml` {}, `tokio/tracing` in the \
         demo's `console` feature {}; every capture {} tasks and resources.",
        count(console.seen.len() as u64),
        console.fixtures.display(),
        names(std_guard),
        ms(std_guard.longest_poll_ns),
        names(orders),
        ms(orders.longest_poll_ns),
        ms(orders.longest_idle_ns),
        ms(orders.longest_lock_wait_ns),
        ms(LONG_POLL_NS),
        if long_but_fine.is_empty() {
            "none".to_string()
        } else {
            long_but_fine.join(", ")
        },
        yes_no(console.cfg_tokio_unstable),
        yes_no(console.feature_tracing),
        if instrumented {
            "shows"
        } else {
            "does not show"
        },
    );
    let std_seen = std_guard.warnings.contains(&Rule::NeverYielded)
        || std_guard.longest_poll_ns > LONG_POLL_NS;
    let orders_silent = orders.warnings.is_empty() && orders.longest_poll_ns <= LONG_POLL_NS;
    let built_so = console.cfg_tokio_unstable && console.feature_tracing && instrumented;
    let build = if built_so {
        " The build advice holds: the captures come from a build with both, and Tokio \
         compiles the task and resource spans console-subscriber reads only under \
         `cfg(all(tokio_unstable, feature = \"tracing\"))`."
    } else {
        " The captures do not show the build the advice describes; see the measurement."
    };
    let long_polls = if long_but_fine.is_empty() {
        String::new()
    } else {
        format!(
            " Polls over {} point at runs that did not deadlock: {}.",
            ms(LONG_POLL_NS),
            long_but_fine.join(", ")
        )
    };
    match (std_seen, orders_silent) {
        (true, true) => Verdict::explained(
            measured,
            "Half true.",
            format!(
                "The std guard's deadlock shows as a poll that never ends (`never-yielded`), but \
                 the lock-order deadlock between Tokio mutexes raises no warning and no long \
                 poll: its tasks are merely idle, and only the resources view, a `lock` waiting \
                 for seconds, gives it away.{long_polls}{build}"
            ),
        ),
        (true, false) => Verdict::explained(
            measured,
            "True here:",
            format!("both deadlocks showed a warning or a long poll.{build}"),
        ),
        (false, _) => Verdict::explained(
            measured,
            "False here:",
            format!("not even the blocked thread showed a warning or a long poll.{build}"),
        ),
    }
}

fn yes_no(found: bool) -> &'static str {
    if found { "found" } else { "missing" }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::console::Seen;

    fn seen(variant: &str, warnings: Vec<Rule>, longest_poll_ns: u64) -> Seen {
        Seen {
            variant: variant.into(),
            warnings,
            long_poll_lint: false,
            longest_poll_ns,
            longest_idle_ns: 2_000_000_000,
            longest_lock_wait_ns: 2_000_000_000,
            tasks: 3,
            resources: 2,
        }
    }

    fn console(orders_warnings: Vec<Rule>) -> Console {
        Console {
            fixtures: PathBuf::from("fixtures"),
            seen: vec![
                seen("anti", vec![Rule::NeverYielded], 4_000_000_000),
                seen("argument-order", orders_warnings, 50_000),
                seen("fixed", vec![], 500_000),
            ],
            cfg_tokio_unstable: true,
            feature_tracing: true,
        }
    }

    #[test]
    fn a_silent_lock_order_deadlock_makes_the_advice_half_true() {
        let verdict = console_shows(&console(vec![]));
        assert_eq!(verdict.verdict, "Half true.");
        // The fix's long poll is named: the threshold points at a run that did not deadlock.
        let fixed = format!("`fixed` ({})", time(500_000.0));
        assert!(verdict.reason.contains(&fixed), "{}", verdict.reason);
    }

    #[test]
    fn a_warned_lock_order_deadlock_makes_it_true() {
        let verdict = console_shows(&console(vec![Rule::LostWaker]));
        assert_eq!(verdict.verdict, "True here:");
    }
}
