//! `cpu.md`: the CPU time a job costs the client and the server, on the real clock.
//!
//! The one experiment that cannot run on the paused clock: CPU time is real. The server runs
//! on a thread and runtime of its own, so its CPU time is its thread's
//! (`CLOCK_THREAD_CPUTIME_ID`, read on that thread), apart from the client's, which runs the
//! job on the probe's thread. The server answers at once: the job is pure fan-out, so any
//! difference is what the fan-out costs, not waiting.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use nix::time::{ClockId, clock_gettime};
use unbounded_concurrency::server::{self, Http};
use unbounded_concurrency::{Bounds, Fetcher, Latency, Variant};

/// Ids in one job.
pub const INPUTS: usize = 1_000;
/// Runs per variant; the table shows the median run (by total CPU).
pub const RUNS: usize = 5;
/// The variants measured: the anti-pattern, the fix, and the guides' semaphore.
pub const VARIANTS: [Variant; 3] = [Variant::Anti, Variant::Fixed, Variant::SemaphoreAndBuffer];

/// One variant's median run.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// The variant.
    pub variant: Variant,
    /// CPU time of the client's thread during the job.
    pub client: Duration,
    /// CPU time of the server's thread during the job.
    pub server: Duration,
    /// The job's wall-clock time.
    pub wall: Duration,
}

impl Row {
    /// Client and server together.
    pub fn total(&self) -> Duration {
        self.client + self.server
    }
}

/// CPU time the calling thread has used.
fn thread_cpu() -> Duration {
    let spec = clock_gettime(ClockId::CLOCK_THREAD_CPUTIME_ID).expect("a thread CPU clock");
    Duration::new(
        u64::try_from(spec.tv_sec()).unwrap_or(0),
        u32::try_from(spec.tv_nsec()).unwrap_or(0),
    )
}

/// Runs one job of `variant` against a server on its own thread.
fn once(variant: Variant) -> anyhow::Result<Row> {
    let (url_tx, url_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || -> anyhow::Result<Duration> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        runtime.block_on(async {
            let api = server::start(Latency::zero(), INPUTS).await?;
            let before = thread_cpu();
            url_tx.send(api.url())?;
            // Dropped (the client gone) or told: either way the job is over.
            let _ = stop_rx.await;
            anyhow::Ok(thread_cpu() - before)
        })
    });
    let url = url_rx.recv()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let fetcher: Fetcher = Arc::new(Http::at(&url));
    let (started, before) = (Instant::now(), thread_cpu());
    let answers = runtime.block_on(variant.fetch_all(
        &fetcher,
        (0..INPUTS as u64).collect(),
        Bounds::USUAL,
    ))?;
    let (client, wall) = (thread_cpu() - before, started.elapsed());
    anyhow::ensure!(
        answers.len() == INPUTS,
        "{variant}: {} answers",
        answers.len()
    );
    let _ = stop_tx.send(());
    let server = server
        .join()
        .map_err(|_| anyhow::anyhow!("the server thread panicked"))??;
    Ok(Row {
        variant,
        client,
        server,
        wall,
    })
}

/// The median of `RUNS` runs of every variant, after one run thrown away.
pub fn measure() -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    for variant in VARIANTS {
        once(variant)?;
        let mut runs = (0..RUNS)
            .map(|_| once(variant))
            .collect::<anyhow::Result<Vec<_>>>()?;
        runs.sort_by_key(Row::total);
        rows.push(runs[RUNS / 2]);
    }
    Ok(rows)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// The table, five narrow columns.
pub fn table(rows: &[Row]) -> String {
    let mut out = format!(
        "A job of {} ids, cap 8, against a server that answers at once, on its own thread; the \
         median of {RUNS} runs (by total CPU time), real clock:\n\n\
         | variant | client CPU | server CPU | wall time | client CPU / wall |\n\
         | --- | ---: | ---: | ---: | ---: |\n",
        evidence::number::count(INPUTS as i64)
    );
    for row in rows {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            row.variant,
            ms(row.client),
            ms(row.server),
            ms(row.wall),
            evidence::number::percent(row.client.as_secs_f64() / row.wall.as_secs_f64()),
        );
    }
    out.push_str(
        "\nCPU times from `clock_gettime(CLOCK_THREAD_CPUTIME_ID)` on each thread. A single \
         run on a shared machine moves by a few tenths of a millisecond; the median of five \
         is what the claims table reads.\n",
    );
    out
}
