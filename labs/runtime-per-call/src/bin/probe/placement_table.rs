//! `placement.md`: `fixed` against its limit with every thread on one core, then with the
//! threads free to run on any core.
//!
//! Each placement is measured in a fresh child process (this binary, started as
//! `probe --child placement <one-core|any-core>`), because a pin is inherited by every thread
//! started after it and cannot be taken back from the runtime's workers. The child times
//! `fixed` and the `limit` round trip in alternation ([`runtime_per_call::paired`]) and counts
//! how often its threads changed cores ([`runtime_per_call::placement::migrations`]).

use std::fmt::Write as _;

use evidence::number::time;
use runtime_per_call::Variant;
use runtime_per_call::paired::{Paired, Round};
use runtime_per_call::placement::{self, Placement};
use runtime_per_call::round_trip::RoundTrip;
use serde::{Deserialize, Serialize};

/// Rounds per placement: about a second on a machine whose wake-ups are slow, a tenth of
/// that on one core.
const ROUNDS: u32 = 1_000;
/// The two sides cost about the same when placed alike, so as many calls each.
const ROUND: Round = Round {
    numerator: 20,
    denominator: 20,
};
/// The contract's bar: a fix within this factor of its limit is as good as the machine allows.
pub const BAR: f64 = 1.5;

/// One placement's measurement, as the child prints it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Measured {
    pub placement: Placement,
    /// Cores the threads could run on.
    pub cores: usize,
    /// Median time per call, nanoseconds: `fixed` and `limit`, wall clock then CPU time.
    pub fixed_wall: f64,
    pub limit_wall: f64,
    pub fixed_cpu: f64,
    pub limit_cpu: f64,
    /// Median of the rounds' `fixed`/`limit` ratios, on each clock.
    pub wall_ratio: f64,
    pub cpu_ratio: f64,
    /// Times a thread of the process moved to another core, per call.
    pub migrations_per_call: Option<f64>,
}

/// In the child: places the threads, then measures. Must run before any other thread exists.
pub fn measure(placement: Placement) -> anyhow::Result<Measured> {
    if placement == Placement::OneCore {
        placement::pin_to_one_core()?;
    }
    let cores = placement::allowed_cores()?.len();
    let fixed = Variant::Fixed.bridge();
    let limit = RoundTrip::new();
    let run = |rounds| {
        Paired::measure(
            rounds,
            ROUND,
            |key| {
                let _ = fixed.call(key);
            },
            |key| {
                limit.call(key);
            },
        )
    };
    // A short run first whose numbers are thrown away: the runtime's workers and the helper
    // thread exist and have settled on their cores before the measured one.
    let _ = run(ROUNDS / 10);
    let before = placement::migrations();
    let clocks = run(ROUNDS);
    let after = placement::migrations();
    let calls = f64::from(ROUNDS) * (ROUND.numerator + ROUND.denominator) as f64;
    let nanos = |p: &Paired, numerator: bool| {
        let d = if numerator {
            p.numerator_median()
        } else {
            p.denominator_median()
        };
        d.as_secs_f64() * 1e9
    };
    Ok(Measured {
        placement,
        cores,
        fixed_wall: nanos(&clocks.wall, true),
        limit_wall: nanos(&clocks.wall, false),
        fixed_cpu: nanos(&clocks.cpu, true),
        limit_cpu: nanos(&clocks.cpu, false),
        wall_ratio: clocks.wall.median(),
        cpu_ratio: clocks.cpu.median(),
        migrations_per_call: before
            .zip(after)
            .map(|(b, a)| a.saturating_sub(b) as f64 / calls),
    })
}

/// The fragment: a row per placement and clock, then what the two placements say.
pub fn render(measured: &[Measured]) -> String {
    let mut out = format!(
        "`fixed` and its `limit` timed in alternation ({ROUNDS} rounds of {} calls each), in a \
         fresh process per placement; medians per call.\n\n\
         | threads on | clock | `fixed` | `limit` | `fixed` / `limit` |\n\
         | --- | --- | ---: | ---: | ---: |\n",
        ROUND.numerator
    );
    for m in measured {
        let place = where_(m);
        let _ = writeln!(
            out,
            "| {place} | wall | {} | {} | {:.2}× |\n| {place} | CPU | {} | {} | {:.2}× |",
            time(m.fixed_wall),
            time(m.limit_wall),
            m.wall_ratio,
            time(m.fixed_cpu),
            time(m.limit_cpu),
            m.cpu_ratio,
        );
    }
    let moves: Vec<String> = measured
        .iter()
        .map(|m| match m.migrations_per_call {
            Some(per_call) => format!("{per_call:.3} on {}", where_(m)),
            None => format!("not counted on {} (no `se.nr_migrations`)", where_(m)),
        })
        .collect();
    let _ = writeln!(
        out,
        "\nMoves of a thread to another core per call (`se.nr_migrations` in \
         `/proc/self/task/*/sched`): {}.\n",
        moves.join("; ")
    );
    out.push_str(&reading(measured));
    out
}

fn where_(m: &Measured) -> String {
    match m.placement {
        Placement::OneCore => "one core".to_string(),
        Placement::AnyCore if m.cores == 1 => "any core (the machine gave one)".to_string(),
        Placement::AnyCore => format!("any of {} cores", m.cores),
    }
}

/// What the rows say about the bar and about where the rest of the time goes.
fn reading(measured: &[Measured]) -> String {
    let find = |p| measured.iter().find(|m| m.placement == p);
    let Some(one) = find(Placement::OneCore) else {
        return "The one-core measurement is missing, so the fix is not compared with its \
                limit here."
            .to_string();
    };
    let worst = one.wall_ratio.max(one.cpu_ratio);
    let bar = if worst <= BAR {
        format!(
            "**With every thread on one core, `fixed` is within the {BAR}× bar of its limit** \
             ({:.2}× on the wall clock, {:.2}× in CPU time): the runtime's own path (the \
             injection queue, waking a worker, waking the caller) costs no more than two bare \
             hand-offs between threads.",
            one.wall_ratio, one.cpu_ratio
        )
    } else {
        format!(
            "**With every thread on one core, `fixed` is {worst:.2}× its limit, outside the \
             {BAR}× bar**: with both placed alike, what is left is the runtime's own path \
             (the injection queue, waking a worker, waking the caller) against two bare \
             hand-offs between threads."
        )
    };
    let Some(any) = find(Placement::AnyCore).filter(|m| m.cores > 1) else {
        return format!(
            "{bar} The machine gave this process one core, so there is no other \
                        placement to compare."
        );
    };
    let dearer = any.fixed_cpu / one.fixed_cpu;
    let spread = format!(
        " Free to run on {} cores, a `fixed` call cost {dearer:.1}× the CPU time it cost on one \
         core ({} against {}), and the limit {:.1}× ({} against {}): that difference is the \
         price of waking a thread on another core, which neither program pays on one core. \
         The `fixed`/`limit` ratio then says as much about where the kernel put the threads \
         during the run as about the code: criterion's single-caller ratio above and the paired \
         one, each timed in its own state of the machine, can disagree many times over.",
        any.cores,
        time(any.fixed_cpu),
        time(one.fixed_cpu),
        any.limit_cpu / one.limit_cpu,
        time(any.limit_cpu),
        time(one.limit_cpu),
    );
    format!("{bar}{spread}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(placement: Placement, cores: usize, fixed: f64, limit: f64) -> Measured {
        Measured {
            placement,
            cores,
            fixed_wall: fixed,
            limit_wall: limit,
            fixed_cpu: fixed,
            limit_cpu: limit,
            wall_ratio: fixed / limit,
            cpu_ratio: fixed / limit,
            migrations_per_call: Some(0.0),
        }
    }

    #[test]
    fn the_bar_is_read_from_the_one_core_rows() {
        let within = reading(&[
            measured(Placement::OneCore, 1, 2_800.0, 3_000.0),
            measured(Placement::AnyCore, 2, 20_000.0, 2_000.0),
        ]);
        assert!(within.contains("is within the 1.5× bar"), "{within}");
        assert!(within.contains("7.1× the CPU time"), "{within}");
        let outside = reading(&[measured(Placement::OneCore, 1, 6_000.0, 3_000.0)]);
        assert!(outside.contains("2.00× its limit, outside"), "{outside}");
    }

    #[test]
    fn one_core_machines_say_there_is_nothing_to_compare() {
        let single = reading(&[
            measured(Placement::OneCore, 1, 2_800.0, 3_000.0),
            measured(Placement::AnyCore, 1, 2_800.0, 3_000.0),
        ]);
        assert!(single.contains("gave this process one core"), "{single}");
    }
}
