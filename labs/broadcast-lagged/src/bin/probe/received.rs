//! `received.md`: one fast and one slow subscriber, every variant, the same publisher.

use std::fmt::Write as _;
use std::time::Duration;

use broadcast_lagged::scenario::run_paused;
use broadcast_lagged::{Ended, Run, Scenario, Variant, Variants};
use evidence::number::count;

/// A burst of 12 events every 10 ms for a second, a ring of 16; one subscriber keeps up, the
/// other takes 2 ms an event (5 a burst: it falls 7 behind every 10 ms).
pub fn scenario() -> Scenario {
    Scenario {
        capacity: 16,
        bursts: vec![12; 100],
        pause: Duration::from_millis(10),
        subscribers: vec![Duration::ZERO, Duration::from_millis(2)],
    }
}

/// Every variant through [`scenario`].
pub fn runs() -> Vec<(Variant, Run)> {
    let scenario = scenario();
    Variant::all()
        .iter()
        .map(|&variant| (variant, run_paused(variant, &scenario)))
        .collect()
}

pub fn table() -> String {
    let runs = runs();
    let sent = runs.first().map_or(0, |(_, run)| run.sent);
    let mut out = format!(
        "{} events in bursts of 12 every 10 ms into a channel of 16; the slow subscriber takes \
         2 ms an event. What it got, what it reported skipped, and when it stopped (paused \
         time, exact):\n\n\
         | variant | handled | reported skipped | stopped | at |\n\
         | --- | ---: | ---: | --- | ---: |\n",
        count(sent)
    );
    for (variant, run) in &runs {
        let slow = &run.reports[1];
        let stopped = match slow.ended {
            Ended::Closed => "on close",
            Ended::Quit => "**quit**",
        };
        let _ = writeln!(
            out,
            "| `{variant}` | {} | {} | {stopped} | {} ms |",
            count(slow.delivered.len() as u64),
            count(slow.skipped),
            slow.ended_at.as_millis()
        );
    }
    let fast_all = runs
        .iter()
        .filter(|(_, run)| run.reports[0].delivered.len() as u64 == run.sent)
        .map(|(v, _)| format!("`{v}`"))
        .collect::<Vec<_>>();
    let _ = write!(
        out,
        "\nThe fast subscriber handled all {} under {}. ",
        count(sent),
        fast_all.join(", ")
    );
    if let Some((_, fan_out)) = runs.iter().find(|(v, _)| *v == Variant::FanOut)
        && let Some((_, fixed)) = runs.iter().find(|(v, _)| *v == Variant::Fixed)
    {
        let _ = write!(
            out,
            "The price of `fan-out`'s nothing-lost: its publisher finished after {} ms instead \
             of {} ms, held to the slow subscriber's pace.",
            fan_out.publisher_done_at.as_millis(),
            fixed.publisher_done_at.as_millis()
        );
    }
    out.push('\n');
    out
}
