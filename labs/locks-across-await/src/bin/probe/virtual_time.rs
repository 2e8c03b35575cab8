//! The virtual-time table: round trips, remote calls and missing money per variant and load.

use std::time::Duration;

use evidence::number::{count, duration, tick};
use locks_across_await::remote::ROUND_TRIP;
use locks_across_await::workload::{self, Clock, Keys, Outcome, Stuck, Workload};
use locks_across_await::{Remote, Variant, Variants};

/// The loads, as in the `throughput` bench.
pub const TASKS: [usize; 4] = [1, 4, 16, 64];

/// How long to watch a runtime thread that may be blocked. Only the anti-pattern's runs
/// ever reach it; everything else finishes in milliseconds of real time on a paused clock.
const WALL_LIMIT: Duration = Duration::from_millis(500);

/// One variant at one load with one kind of keys.
pub struct Run {
    /// The ledger measured.
    pub variant: Variant,
    /// The workload it ran.
    pub workload: Workload,
    /// What it did, or how it got stuck.
    pub result: Result<Outcome, Stuck>,
}

/// Every variant at every load, spread keys then hot key.
///
/// Each run gets a thread of its own and they all start at once: the anti-pattern's runs
/// block their thread and are watched for [`WALL_LIMIT`] of real time each, which one after
/// the other would be most of the probe's time. The results do not depend on it: every run
/// is on a paused clock of its own, and the others use milliseconds of real CPU in all.
pub fn measure_all() -> Vec<Run> {
    let mut cells = Vec::new();
    for keys in [Keys::Spread, Keys::Hot] {
        for &variant in Variant::all() {
            for tasks in TASKS {
                cells.push((variant, Workload::new(tasks, keys)));
            }
        }
    }
    std::thread::scope(|scope| {
        let running: Vec<_> = cells
            .into_iter()
            .map(|(variant, workload)| {
                let run = scope.spawn(move || {
                    workload::measure(
                        variant,
                        workload,
                        Remote::default(),
                        Clock::Virtual,
                        WALL_LIMIT,
                    )
                });
                (variant, workload, run)
            })
            .collect();
        running
            .into_iter()
            .map(|(variant, workload, run)| Run {
                variant,
                workload,
                // A panic in a run is a bug in the lab: show it, as a sequential run would.
                result: run
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            })
            .collect()
    })
}

/// The run of `variant` at `tasks` with `keys`.
pub fn find(runs: &[Run], variant: Variant, tasks: usize, keys: Keys) -> Option<&Run> {
    runs.iter()
        .find(|r| r.variant == variant && r.workload.tasks == tasks && r.workload.keys == keys)
}

/// "1 round trip", "64 round trips".
pub fn round_trips_phrase(outcome: &Outcome) -> String {
    let count = round_trips(outcome);
    let noun = if count == "1" {
        "round trip"
    } else {
        "round trips"
    };
    format!("{count} {noun}")
}

/// Round trips a run took, as the book writes them: whole on a paused clock.
pub fn round_trips(outcome: &Outcome) -> String {
    tick(outcome.round_trips(ROUND_TRIP))
}

/// One table per kind of keys; `lab` is the lab's id, for the note on how it was measured.
pub fn render(runs: &[Run], lab: &str) -> String {
    let mut out = format!(
        "Every task makes one deposit; each deposit needs one round trip of {} to the \
         remote service. On a paused clock nothing else takes time, so the elapsed time counts \
         the round trips that had to happen one after the other. *Missing* is the money the \
         deposits added up to minus what the balances hold afterwards.\n",
        duration(ROUND_TRIP)
    );
    for keys in [Keys::Spread, Keys::Hot] {
        let heading = match keys {
            Keys::Spread => "Spread keys: each task deposits into its own account",
            Keys::Hot => "One hot key: every task deposits into the same account",
        };
        out.push_str(&format!(
            "\n**{heading}.** Elapsed time, in round trips:\n\n"
        ));
        out.push_str("| variant |");
        for tasks in TASKS {
            let noun = if tasks == 1 { "task" } else { "tasks" };
            out.push_str(&format!(" {tasks} {noun} |"));
        }
        let most = TASKS[TASKS.len() - 1];
        out.push_str(&format!(
            " remote calls at {most} | missing at {most} |\n| --- |{} ---: | ---: |\n",
            " ---: |".repeat(TASKS.len())
        ));
        for &variant in Variant::all() {
            out.push_str(&format!("| `{variant}` |"));
            for tasks in TASKS {
                let cell = match find(runs, variant, tasks, keys).map(|r| &r.result) {
                    Some(Ok(outcome)) => round_trips(outcome),
                    Some(Err(stuck)) => stuck_cell(stuck),
                    None => "—".into(),
                };
                out.push_str(&format!(" {cell} |"));
            }
            match find(runs, variant, most, keys).map(|r| &r.result) {
                Some(Ok(outcome)) => out.push_str(&format!(
                    " {} | {} of {} |\n",
                    count(outcome.remote_calls),
                    count(outcome.lost()),
                    count(outcome.workload.expected_total())
                )),
                _ => out.push_str(" — | — |\n"),
            }
        }
    }
    out.push_str(&format!(
        "\nMeasured by `labs/{lab}/src/bin/probe` with `workload::measure`: one \
         current-thread runtime on a paused clock per cell, on a thread of its own so that a \
         blocked thread is reported instead of hanging the probe.\n",
    ));
    out
}

/// How a stuck run shows in a table cell.
pub fn stuck_cell(stuck: &Stuck) -> String {
    match stuck {
        Stuck::ThreadBlocked(_) => "deadlock (thread blocked)".into(),
        Stuck::AllTasksWaiting { .. } => "deadlock (tasks waiting)".into(),
    }
}
