//! `headline.md`: the single-caller ratios, and where the shared runtime's time beyond its
//! limit goes, counted in context switches per call.
//!
//! Criterion gives the times; [`runtime_per_call::hops`] counts, for each bridge and for the
//! `limit` round trip, how often a call put a thread to sleep and woke it again, on the calling
//! thread and on the others. A wake-up across threads is the one cost the limit and the shared
//! runtime have in common, so the counts say how much of the gap between them is more
//! wake-ups, and how much is a dearer path through each one.

use std::fmt::Write as _;

use evidence::number::time;
use evidence::{Group, Ratio, Variants};
use runtime_per_call::Variant;
use runtime_per_call::hops::{self, Hops};
use runtime_per_call::paired::{Clocks, Paired, Round};
use runtime_per_call::round_trip::RoundTrip;

/// Calls per count: enough that two reads of `/proc` are nothing next to them.
const CALLS: u64 = 5_000;

/// Rounds per paired run, about three seconds of them. A quiet machine's state (whether its
/// idle cores must be woken) drifts over seconds, not milliseconds: 300 rounds, half a second,
/// put two runs 26% apart on one.
const ROUNDS: u32 = 2_000;
/// A round of `anti` against `fixed`: two runtimes built and dropped (about 0.5 ms), twenty
/// calls through the shared one (about as long again).
const ANTI_ROUND: Round = Round {
    numerator: 2,
    denominator: 20,
};
/// A round of `fixed` against its limit: the two cost about the same, so as many calls each.
const LIMIT_ROUND: Round = Round {
    numerator: 20,
    denominator: 20,
};
/// How far apart two runs' headlines may be for the chapter to call the headline reproduced.
pub const AGREEMENT: f64 = 0.15;

/// One paired run: `anti` against `fixed`, and `fixed` against its limit.
#[derive(Debug, Clone)]
pub struct PairedRun {
    pub anti_fixed: Clocks,
    pub fixed_limit: Clocks,
}

/// Times `anti` against `fixed` and `fixed` against the limit in alternation (see
/// [`runtime_per_call::paired`]).
pub fn paired_run() -> PairedRun {
    let anti = Variant::Anti.bridge();
    let fixed = Variant::Fixed.bridge();
    let limit = RoundTrip::new();
    // Warm: the shared runtime and the limit's thread exist before the first round.
    let _ = fixed.call(0);
    limit.call(0);
    let anti_fixed = Paired::measure(
        ROUNDS,
        ANTI_ROUND,
        |key| {
            let _ = anti.call(key);
        },
        |key| {
            let _ = fixed.call(key);
        },
    );
    let fixed_limit = Paired::measure(
        ROUNDS,
        LIMIT_ROUND,
        |key| {
            let _ = fixed.call(key);
        },
        |key| {
            limit.call(key);
        },
    );
    PairedRun {
        anti_fixed,
        fixed_limit,
    }
}

/// The context switches of every bridge and of the limit, on this thread.
pub fn count_hops() -> Vec<(String, Option<Hops>)> {
    let mut counted = Vec::new();
    for &variant in Variant::all() {
        if variant == Variant::Anti {
            // A runtime per call starts and joins threads: its switches are start-ups, not
            // hops, and the footprint table already counts its runtimes.
            continue;
        }
        let bridge = variant.bridge();
        // Warm: the runtime (or this thread's runtime) exists before the count starts.
        let _ = bridge.call(0);
        let hops = hops::measure(CALLS, |key| {
            let _ = bridge.call(key);
        });
        counted.push((variant.name(), hops));
    }
    let limit = RoundTrip::new();
    limit.call(0);
    counted.push((
        "limit".to_string(),
        hops::measure(CALLS, |key| {
            limit.call(key);
        }),
    ));
    counted
}

/// The fragment: the paired headline of two runs, ratios from criterion's `single-caller`
/// group, and the hop counts.
pub fn render(
    runs: [&PairedRun; 2],
    group: &anyhow::Result<Group>,
    counted: &[(String, Option<Hops>)],
) -> String {
    let mut out = paired_lines(runs);
    let hops_of = |name: &str| {
        counted
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, h)| *h)
    };
    match group {
        Ok(group) => {
            let get = |v: &str| group.get(v, "1").map(|m| m.headline());
            if let (Some(anti), Some(fixed)) = (get("anti"), get("fixed")) {
                let r = Ratio::of(&anti, &fixed);
                let _ = writeln!(
                    out,
                    "- **One call from one thread**: `anti` takes {} as long as `fixed` ({} \
                     against {}); {}.",
                    r.with_range(),
                    time(anti.point),
                    time(fixed.point),
                    r.separation(),
                );
            }
            if let (Some(fixed), Some(limit)) = (get("fixed"), get("limit")) {
                let r = Ratio::of(&fixed, &limit);
                let _ = writeln!(
                    out,
                    "- **`fixed` against its limit** (the same answer computed on one other \
                     thread, handed over and back on std channels): {} ({} against {}).",
                    r.with_range(),
                    time(fixed.point),
                    time(limit.point),
                );
                if r.point > 1.5 {
                    let _ = writeln!(
                        out,
                        "  {}",
                        remaining_cost(hops_of("fixed"), hops_of("limit"))
                    );
                } else if r.point < 1.0 {
                    let _ = writeln!(
                        out,
                        "  `fixed` came in under its limit: criterion timed the two a second \
                         apart, each in its own state of the machine (on which cores the woken \
                         threads ran). The placement table below times both placed alike."
                    );
                }
            }
            if let (Some(local), Some(limit)) = (get("thread-local"), get("limit")) {
                let r = Ratio::of(&local, &limit);
                let reading = if r.separated && r.point < 1.0 {
                    "under the limit, because nothing leaves the calling thread"
                } else {
                    "not under the limit in this run"
                };
                let _ = writeln!(
                    out,
                    "- **`thread-local` against the same limit**: {} ({} against {}): {reading}.",
                    r.with_range(),
                    time(local.point),
                    time(limit.point),
                );
            }
        }
        Err(err) => {
            let _ = writeln!(out, "- No criterion results to read ({err:#}).");
        }
    }
    out.push_str(
        "\nContext switches per call, counted by the probe over many warm calls from one \
         thread (`voluntary_ctxt_switches` in `/proc/self/task/*/status`: a thread parked and \
         was woken again):\n\n\
         | bridge | on the calling thread | on other threads | in all |\n\
         | --- | ---: | ---: | ---: |\n",
    );
    for (name, hops) in counted {
        match hops {
            Some(h) => {
                let _ = writeln!(
                    out,
                    "| `{name}` | {:.2} | {:.2} | {:.2} |",
                    h.caller,
                    h.others,
                    h.total()
                );
            }
            None => {
                let _ = writeln!(out, "| `{name}` | — | — | — |");
            }
        }
    }
    out
}

/// The headline as two paired runs measured it on both clocks, and whether they agree.
fn paired_lines([first, second]: [&PairedRun; 2]) -> String {
    let mut out = String::new();
    let show = |p: &Paired| {
        let (low, high) = p.quartiles();
        format!(
            "**{:.1}×** (middle half of the rounds {low:.1}–{high:.1}×)",
            p.median()
        )
    };
    let verdict = |a: &Paired, b: &Paired| {
        let apart = a.disagreement(b);
        if apart <= AGREEMENT {
            format!("they agree within {:.0}%", apart * 100.0)
        } else {
            format!("they are {:.0}% apart, **not reproduced**", apart * 100.0)
        }
    };
    let micros = |p: &Paired| time(p.denominator_median().as_secs_f64() * 1e9);
    let (wall, cpu) = (
        [&first.anti_fixed.wall, &second.anti_fixed.wall],
        [&first.anti_fixed.cpu, &second.anti_fixed.cpu],
    );
    let _ = writeln!(
        out,
        "- **The headline, paired**: {} rounds per run, each timing {} `anti` calls and then {} \
         `fixed` calls back to back, on two clocks at once; the median of the rounds' ratios, \
         two runs, and the bar for agreeing is ±{:.0}%.",
        first.anti_fixed.wall.rounds(),
        ANTI_ROUND.numerator,
        ANTI_ROUND.denominator,
        AGREEMENT * 100.0,
    );
    let _ = writeln!(
        out,
        "  - *CPU time* (every thread of the process): `anti` costs {} as much as `fixed` in \
         run 1, {} in run 2; {}. A `fixed` call used a median of {} of CPU ({} in run 2).",
        show(cpu[0]),
        show(cpu[1]),
        verdict(cpu[0], cpu[1]),
        micros(cpu[0]),
        micros(cpu[1]),
    );
    let _ = writeln!(
        out,
        "  - *Wall clock* (what the caller waits): {} in run 1, {} in run 2; {}. A `fixed` \
         call took a median of {} ({} in run 2).",
        show(wall[0]),
        show(wall[1]),
        verdict(wall[0], wall[1]),
        micros(wall[0]),
        micros(wall[1]),
    );
    let _ = writeln!(
        out,
        "- **`fixed` against its limit, paired** ({} calls of each per round): CPU time run 1 \
         {}, run 2 {}; wall clock run 1 {}, run 2 {}.",
        LIMIT_ROUND.numerator,
        show(&first.fixed_limit.cpu),
        show(&second.fixed_limit.cpu),
        show(&first.fixed_limit.wall),
        show(&second.fixed_limit.wall),
    );
    out
}

/// Why `fixed` costs more than the limit, from the counts.
fn remaining_cost(fixed: Option<Hops>, limit: Option<Hops>) -> String {
    let (Some(fixed), Some(limit)) = (fixed, limit) else {
        return "The context switches could not be counted on this system (no `/proc`), so \
                the gap is not broken down."
            .to_string();
    };
    let runtime_side = if fixed.others > 1.3 {
        format!(
            "More than one thread of the runtime was woken per call ({:.2}): a worker that \
             wakes up to find work first wakes another to help search, which finds nothing \
             and parks again.",
            fixed.others
        )
    } else {
        format!(
            "A `fixed` call woke one runtime thread ({:.2} per call) and parked the caller once \
             ({:.2}): the two hops of the design, no more.",
            fixed.others, fixed.caller
        )
    };
    let limit_side = if limit.total() < fixed.total() - 0.3 {
        format!(
            " The limit parked its threads less ({:.2} per call): std's channel spins briefly \
             before it parks, and sometimes the answer arrives during the spin.",
            limit.total()
        )
    } else {
        String::new()
    };
    format!(
        "Where the remaining time goes: {runtime_side}{limit_side} The placement table below \
         says how much of the rest is the runtime's own path and how much is where the woken \
         threads ran."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hops(caller: f64, others: f64) -> Option<Hops> {
        Some(Hops {
            calls: 100,
            caller,
            others,
        })
    }

    #[test]
    fn the_remaining_cost_names_extra_workers_only_when_they_were_counted() {
        let two_hops = remaining_cost(hops(1.0, 1.0), hops(1.0, 1.0));
        assert!(two_hops.contains("no more"), "{two_hops}");
        let extra = remaining_cost(hops(1.0, 2.0), hops(1.0, 1.0));
        assert!(extra.contains("wakes another"), "{extra}");
        let spinning = remaining_cost(hops(1.0, 1.0), hops(0.6, 0.6));
        assert!(spinning.contains("spins"), "{spinning}");
        assert!(remaining_cost(None, hops(1.0, 1.0)).contains("could not be counted"));
    }
}
