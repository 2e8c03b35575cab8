//! The seed's receive loop after end of stream, timed in real time.

use std::time::{Duration, Instant};

use cancel_safety::eof::{Drained, drain_seed_style, drain_until_end};
use cancel_safety::traffic::Schedule;
use evidence::number::{count, duration};

/// Calls the seed-style loop is allowed before the probe stops it.
const CAP: u64 = 200_000;

/// Both loops after a peer that sent three lines (one blank) and closed.
#[derive(Debug, Clone)]
pub struct Spin {
    pub seed: Drained,
    pub seed_took: Duration,
    pub fixed: Drained,
}

impl Spin {
    /// Empty answers per second after end of stream.
    pub fn calls_per_second(&self) -> f64 {
        self.seed.calls as f64 / self.seed_took.as_secs_f64()
    }
}

fn peer() -> Schedule {
    Schedule::default().write("start\n\nstop\n")
}

pub fn measure() -> anyhow::Result<Spin> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (ours, theirs) = tokio::io::duplex(1024);
        peer().play(theirs).await?;
        let start = Instant::now();
        let seed = drain_seed_style(ours, CAP).await?;
        let seed_took = start.elapsed();
        let (ours, theirs) = tokio::io::duplex(1024);
        peer().play(theirs).await?;
        let fixed = drain_until_end(ours, CAP).await?;
        Ok(Spin {
            seed,
            seed_took,
            fixed,
        })
    })
}

pub fn render(spin: &Spin) -> String {
    let row = |name: &str, d: &Drained, took: Option<Duration>| {
        format!(
            "| {name} | {} | {} | {} | {} |\n",
            d.messages.len(),
            count(d.calls),
            if d.stopped { "yes" } else { "no, capped" },
            took.map_or_else(|| "at once".to_string(), duration)
        )
    };
    let mut out = String::from(
        "| loop | messages | calls | stopped by itself | time |\n| --- | ---: | ---: | --- | ---: |\n",
    );
    out.push_str(&row(
        "`receive_message`, skip empty",
        &spin.seed,
        Some(spin.seed_took),
    ));
    out.push_str(&row("`next_line` until `None`", &spin.fixed, None));
    out.push_str(&format!(
        "\nThe peer sends `start`, a blank line and `stop`, then closes. The seed-style loop \
         drops the blank line, then spins on `Ok(\"\")` at about {} calls per second until \
         the probe's cap of {} calls stops it; in a service nothing would.",
        count(spin.calls_per_second() as u64),
        count(CAP)
    ));
    out
}
