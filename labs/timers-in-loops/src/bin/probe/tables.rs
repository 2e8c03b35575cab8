//! The chapter's paused-time tables: ticks against the message rate, the ticks after a stall,
//! the drift after a thousand periods. Narrow tables: the variants that agree share a column.

use std::fmt::Write as _;
use std::time::Duration;

use evidence::Variants;
use evidence::number::three_digits;
use timers_in_loops::{Record, Scenario, Variant};

use crate::experiments::{
    DRIFT_ACTION, DRIFT_PERIOD, DRIFT_PERIODS, PERIOD, RatePoint, SWEEP_RUN, record,
};

/// The variants the rate table and the plot give a column of their own; the others share one.
pub const OWN_COLUMN: [Variant; 2] = [Variant::Anti, Variant::SleepAfterWork];

/// Seconds, as the tables write them: `8.5`, `0.05`, `10` (at most three decimals, no
/// trailing zeros: every instant here is a whole number of milliseconds).
fn secs(d: Duration) -> String {
    let s = format!("{:.3}", d.as_secs_f64());
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One number, or the range when the variants sharing a column disagree.
fn shared(values: &[f64]) -> String {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if lo == hi {
        format!("{lo:.1}")
    } else {
        format!("{lo:.1}–{hi:.1}")
    }
}

/// `rates.md`: ticks per minute against the message interval.
pub fn rates(points: &[RatePoint]) -> String {
    let all = Variant::all();
    let others: Vec<usize> = (0..all.len())
        .filter(|&i| !OWN_COLUMN.contains(&all[i]))
        .collect();
    let others_names: Vec<String> = others.iter().map(|&i| format!("`{}`", all[i])).collect();
    let mut out = format!(
        "Ticks per minute with a period of {} s (60 is right), each action a tenth of a period, \
         over {} minutes of paused time. The last column is every other variant: {}.\n\n",
        secs(PERIOD),
        SWEEP_RUN.as_secs() / 60,
        others_names.join(", ")
    );
    out.push_str("| a message every | `anti` | `sleep-after-work` | the others |\n");
    out.push_str("| ---: | ---: | ---: | ---: |\n");
    for point in points {
        let column = |v: Variant| {
            let i = all.iter().position(|&w| w == v).expect("a variant");
            format!("{:.1}", point.per_minute[i])
        };
        let rest: Vec<f64> = others.iter().map(|&i| point.per_minute[i]).collect();
        let every = point
            .every
            .map_or("no message".to_string(), |d| format!("{} s", secs(d)));
        let _ = writeln!(
            out,
            "| {every} | {} | {} | {} |",
            column(Variant::Anti),
            column(Variant::SleepAfterWork),
            shared(&rest)
        );
    }
    out.push_str(
        "\nThe others differ by at most one tick in ten minutes: an `interval` ticks at once \
         when it is built, a sleep first after one period.\n",
    );
    out
}

/// The variants of the stall table: the three `MissedTickBehavior`s and the two hand-made
/// deadlines.
pub const STALL_VARIANTS: [Variant; 6] = [
    Variant::Burst,
    Variant::Delay,
    Variant::Fixed,
    Variant::PinnedSleep,
    Variant::Deadline,
    Variant::ResetEachTurn,
];

/// What the variant does after a missed tick, for the table.
fn behaviour(v: Variant) -> &'static str {
    match v {
        Variant::Burst => "`interval`, `Burst` (the default)",
        Variant::Delay => "`interval`, `Delay`",
        Variant::Fixed => "`interval`, `Skip`",
        Variant::PinnedSleep => "pinned `Sleep`, next deadline ahead",
        Variant::Deadline => "`sleep_until`, next deadline ahead",
        Variant::ResetEachTurn => "`reset()` each turn, next deadline ahead",
        _ => "",
    }
}

/// `stall.md`: the tick times after a stall, per missed-tick behaviour.
pub fn stall(scenario: &Scenario) -> (String, Vec<(Variant, Record)>) {
    let stall = scenario.work.stall.expect("the stall scenario stalls");
    let runs: Vec<(Variant, Record)> = STALL_VARIANTS
        .iter()
        .map(|&v| (v, record(v, *scenario)))
        .collect();
    let mut out = format!(
        "A period of {} s; the action of tick {} takes {} s instead of {} s. The first eight \
         ticks from the stalled one, in seconds since the start, and the most ticks that start \
         within any one period:\n\n",
        secs(scenario.period),
        stall.tick,
        secs(stall.lasts),
        secs(scenario.work.each)
    );
    out.push_str("| variant | ticks from the stall (s) | most in a period |\n");
    out.push_str("| --- | --- | ---: |\n");
    for (v, record) in &runs {
        // The stalled tick is the fourth for an interval (its first tick is at 0 s) and the
        // third for a sleep (first after one period): find it by its time.
        let from = record
            .gaps()
            .iter()
            .position(|&g| g >= stall.lasts)
            .unwrap_or(0);
        let ticks: Vec<String> = record.ticks[from..]
            .iter()
            .take(8)
            .map(|&t| secs(t))
            .collect();
        let _ = writeln!(
            out,
            "| `{v}`: {} | {} | {} |",
            behaviour(*v),
            ticks.join(", "),
            record.most_ticks_within(scenario.period)
        );
    }
    (out, runs)
}

/// `drift.md`: how late the thousandth tick comes.
pub fn drift(rows: &[(Variant, Option<Duration>)]) -> String {
    let mut out = format!(
        "A period of {} s, an action of {} s, no message: how late tick {} comes against \
         {} periods after the first tick.\n\n",
        secs(DRIFT_PERIOD),
        secs(DRIFT_ACTION),
        DRIFT_PERIODS,
        DRIFT_PERIODS
    );
    out.push_str("| variant | late by | in periods |\n| --- | ---: | ---: |\n");
    for (v, late) in rows {
        let (by, periods) = match late {
            Some(d) => (
                format!("{} s", secs(*d)),
                three_digits(d.as_secs_f64() / DRIFT_PERIOD.as_secs_f64()),
            ),
            None => ("fewer ticks".into(), "—".into()),
        };
        let _ = writeln!(out, "| `{}` | {by} | {periods} |", v.name());
    }
    out
}
