//! Heap and queue depth over time, sampled while a scenario runs.
//!
//! The sampler is a plain thread, not a task: it must keep its rhythm even when the runtime's
//! workers are busy, which is exactly when the numbers are interesting. It waits on a channel
//! with a timeout, so "stop" and "next sample" are one call and no sleep is needed.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use unbounded_channels::scenario::{Outcome, Scenario};

/// One reading.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Sample {
    /// Seconds since the scenario started.
    pub at: f64,
    /// Heap bytes in use above the level right after the scenario started.
    pub heap: u64,
    /// Events in the queue.
    pub queued: u64,
}

/// A variant's whole run: what the scenario reported, and the samples taken during it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Run {
    /// The scenario's own report.
    pub outcome: Outcome,
    /// Heap and queue, every sampling interval.
    pub samples: Vec<Sample>,
}

impl Run {
    /// The largest heap reading.
    pub fn peak_heap(&self) -> u64 {
        self.samples.iter().map(|s| s.heap).max().unwrap_or(0)
    }

    /// The samples taken while events were still arriving.
    pub fn while_arriving(&self) -> impl Iterator<Item = &Sample> {
        let end = self.outcome.arrivals_took.as_secs_f64();
        self.samples.iter().filter(move |s| s.at <= end)
    }

    /// Least-squares slope of the heap while events arrived, in bytes per second, with the
    /// fit's R² (how straight the line is; 1 is perfectly linear).
    pub fn heap_growth(&self) -> (f64, f64) {
        fit(self.while_arriving().map(|s| (s.at, s.heap as f64)))
    }

    /// The same for the queue's depth, in events per second.
    pub fn queue_growth(&self) -> (f64, f64) {
        fit(self.while_arriving().map(|s| (s.at, s.queued as f64)))
    }
}

/// Slope and R² of the least-squares line through `points`; (0, 0) for fewer than three.
fn fit(points: impl Iterator<Item = (f64, f64)>) -> (f64, f64) {
    let points: Vec<(f64, f64)> = points.collect();
    if points.len() < 3 {
        return (0.0, 0.0);
    }
    let n = points.len() as f64;
    let (mx, my) = points
        .iter()
        .fold((0.0, 0.0), |(x, y), p| (x + p.0 / n, y + p.1 / n));
    let (sxy, sxx, syy) = points.iter().fold((0.0, 0.0, 0.0), |(xy, xx, yy), p| {
        let (dx, dy) = (p.0 - mx, p.1 - my);
        (xy + dx * dy, xx + dx * dx, yy + dy * dy)
    });
    if sxx == 0.0 {
        return (0.0, 0.0);
    }
    let slope = sxy / sxx;
    // A flat series has no variance to explain; call its fit perfect rather than divide by 0.
    let r2 = if syy == 0.0 {
        1.0
    } else {
        (sxy * sxy) / (sxx * syy)
    };
    (slope, r2)
}

/// Runs `scenario` on the current runtime, sampling `heap_in_use()` and the queue's depth
/// every `every` from a thread of its own.
pub async fn record(
    scenario: Scenario,
    every: Duration,
    heap_in_use: impl Fn() -> usize + Send + 'static,
) -> Run {
    // The baseline is taken after the start, so the channel, the tasks and the histogram the
    // start allocates are not counted as growth: what remains is what the run accumulates.
    let running = scenario.start();
    let baseline = heap_in_use();
    let counters = running.counters();
    let started = Instant::now();
    let (stop, stopped) = mpsc::channel::<()>();
    let sampler = std::thread::spawn(move || {
        let mut samples = Vec::with_capacity(1024);
        loop {
            samples.push(Sample {
                at: started.elapsed().as_secs_f64(),
                heap: heap_in_use().saturating_sub(baseline) as u64,
                queued: counters.snapshot().queued(),
            });
            match stopped.recv_timeout(every) {
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                _ => break samples,
            }
        }
    });
    let outcome = running.finish().await;
    // Dropping the sender is the stop signal; the sampler takes one last reading first.
    drop(stop);
    let samples = sampler.join().expect("the sampler never panics");
    Run { outcome, samples }
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn a_straight_line_fits_perfectly() {
        let (slope, r2) = fit((0..10).map(|x| (x as f64, 3.0 * x as f64 + 1.0)));
        assert!((slope - 3.0).abs() < 1e-9 && (r2 - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_flat_line_has_no_slope() {
        let (slope, _) = fit((0..10).map(|x| (x as f64, 5.0)));
        assert_eq!(slope, 0.0);
    }
}
