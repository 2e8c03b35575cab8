//! The lab's probe: what criterion does not measure, for the chapter.
//!
//! `cargo xtask book` runs it as `probe --lab polling-queue --out <dir> --criterion <dir>
//! --mode quick|full`. It writes `paused.md` (every pool in the paused-clock scenarios, exact
//! and the same on every machine), `idle-cpu.md` (the CPU time of an idle pool on the real
//! clock, from `/proc/self/task/*/schedstat`) and `claims.md`, each verdict computed from this
//! run's measurements.

use std::fmt::Write as _;
use std::time::Duration;

use clap::Parser;
use evidence::{Probe, ProbeArgs, Variants, Verdict};
use polling_queue::Variant;
use polling_queue::measure::{Profile, idle_cpu, profile};

/// Measure what criterion does not, and write the chapter's fragments.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct Args {
    #[command(flatten)]
    probe: ProbeArgs,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn ms(d: Duration) -> String {
    if d == Duration::MAX {
        "never".into()
    } else {
        format!("{:.3} ms", d.as_secs_f64() * 1e3)
    }
}

fn run(args: Args) -> anyhow::Result<()> {
    let probe = Probe::start(&args.probe)?;
    probe.progress("every pool on the paused clock ...");
    let profiles: Vec<(Variant, Profile)> =
        Variant::all().iter().map(|&v| (v, profile(v))).collect();
    let mut paused = String::from(
        "| variant | wait of a job queued to an idle pool | 100 jobs 7 ms apart: worst wait | not \
         started 300 ms after the last | \
         order of 5 jobs queued together (one worker) | wake-ups per worker, idle second | task \
         polls in that second (Tokio's metrics) | job \
         pushed in the check-wait gap | 1 ms jobs started in a second (4 workers) |\n\
         | --- | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: |\n",
    );
    for (variant, p) in &profiles {
        let _ = writeln!(
            paused,
            "| `{variant}` | {} | {} | {} | {:?} | {} | {} | {} | {} |",
            ms(p.idle_latency),
            ms(p.worst_latency),
            p.not_started,
            p.backlog_order,
            p.idle_wakeups,
            p.idle_runtime_polls,
            if p.gap_job_started {
                "started"
            } else {
                "**never started**"
            },
            p.per_second,
        );
    }
    probe.write("paused.md", &paused)?;

    probe.progress("idle CPU time on the real clock ...");
    let idle = Duration::from_millis(if probe.mode == evidence::Mode::Quick {
        300
    } else {
        1_000
    });
    let mut cpu = format!(
        "A pool of 16 workers on a two-thread runtime, idle for {} of real time: CPU time of \
         every thread of the process over that stretch (the sum of the first field of \
         `/proc/self/task/*/schedstat`, Linux's time-on-CPU in ns):\n\n\
         | variant | CPU time while idle | per second of idling |\n| --- | ---: | ---: |\n",
        ms(idle)
    );
    for &variant in Variant::all() {
        let used = idle_cpu(variant, 16, idle);
        let _ = writeln!(
            cpu,
            "| `{variant}` | {} | {} |",
            used.map_or("unreadable".into(), ms),
            used.map_or("unreadable".into(), |u| ms(u.div_f64(idle.as_secs_f64()))),
        );
    }
    probe.write("idle-cpu.md", &cpu)?;

    let get = |v: Variant| {
        &profiles
            .iter()
            .find(|(w, _)| *w == v)
            .expect("every variant")
            .1
    };
    let anti = get(Variant::Anti);
    let fixed = get(Variant::Fixed);
    probe.write_claims(|id| match id {
        "shared-vec-queue" => {
            let measured = format!(
                "`Arc<Mutex<Vec>>` popped by workers: 5 jobs queued together started in the \
                 order {:?}; `fixed` (`VecDeque` + `Notify`): {:?}.",
                anti.backlog_order, fixed.backlog_order
            );
            let lifo = anti.backlog_order.first() != Some(&0);
            Some(if lifo {
                Verdict::explained(
                    measured,
                    "Works, as a stack.",
                    "`Vec::pop` takes the newest job, so a backlog runs last in, first out; \
                     a `VecDeque` with `pop_front`, or a channel, keeps the order jobs came in.",
                )
            } else {
                Verdict::new(measured, "True.")
            })
        }
        "workers-poll-queue" => {
            let measured = format!(
                "Polling every 100 ms: a job queued to an idle pool waited {}; of 100 jobs \
                 queued 7 ms apart to 2 workers, the worst started {} late and {} had not \
                 started 300 ms after the last; each idle worker woke {} times a second; 4 \
                 workers started {} jobs of 1 ms in a second. `fixed`: {}, worst {}, {} not \
                 started, {} wake-ups, {} jobs.",
                ms(anti.idle_latency),
                ms(anti.worst_latency),
                anti.not_started,
                anti.idle_wakeups,
                anti.per_second,
                ms(fixed.idle_latency),
                ms(fixed.worst_latency),
                fixed.not_started,
                fixed.idle_wakeups,
                fixed.per_second,
            );
            let worse =
                anti.worst_latency > fixed.worst_latency && anti.idle_wakeups > fixed.idle_wakeups;
            Some(if worse {
                Verdict::explained(
                    measured,
                    "Works, at a cost the guide does not mention.",
                    "Polling adds up to the whole interval to every job's start, wakes every \
                     worker while there is nothing to do, and caps the pool at one job per \
                     worker per tick. Awaiting the queue (a channel, or a `Notify`) costs none \
                     of that.",
                )
            } else {
                Verdict::new(measured, "True, no cost measured.")
            })
        }
        _ => None,
    })
}
