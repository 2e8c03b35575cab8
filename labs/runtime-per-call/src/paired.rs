//! A ratio that survives a noisy machine: two bridges timed in alternation, round by round.
//!
//! Criterion times one variant for a second or two, then the next. On a machine whose speed
//! drifts (shared cores, a virtual machine whose idle cores have to be woken), the two
//! variants of a ratio can then be measured in two different states of the machine, and the
//! ratio moves with the state rather than with the code: the `anti`/`fixed` headline of this
//! lab went from 3× to 16× between criterion runs. So the headline is measured here as a
//! *paired* ratio instead: each round times a few calls of one bridge and then a few calls of
//! the other, back to back, and yields one ratio; the reported figure is the median ratio over
//! many rounds. A drift slower than a round (a couple of milliseconds) slows both sides of
//! each ratio alike and cancels out, and the median ignores the rounds that a preemption hit.
//!
//! What it cannot cancel is a state that slows one side more than the other for the whole
//! run. Both sides here pay cross-thread wake-ups, but in different numbers, so a machine
//! whose wake-ups are slow throughout still gives a different ratio from one whose wake-ups
//! are fast. Much of that slowness is time no thread of ours spends running: a woken thread
//! waiting for the hypervisor to wake an idle core, or for another process to give a core up.
//! So every round is timed on two clocks at once: the wall clock (what a caller waits) and
//! the CPU time of the whole process, every thread included (what the call costs the
//! machine). A wake-up that is slow to arrive costs wall time and no CPU time.

use std::time::{Duration, Instant};

use nix::time::{ClockId, clock_gettime};

/// The ratio of two bridges' time per call, one value per round.
#[derive(Debug, Clone, PartialEq)]
pub struct Paired {
    /// `numerator` time per call over `denominator` time per call, one per round, sorted.
    ratios: Vec<f64>,
    /// The numerator's time per call in each round, sorted.
    numerator: Vec<Duration>,
    /// The denominator's time per call in each round, sorted: which state the machine was in.
    denominator: Vec<Duration>,
}

/// One paired run, timed on both clocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Clocks {
    /// The ratios of wall-clock time per call.
    pub wall: Paired,
    /// The ratios of the process's CPU time per call, all threads together.
    pub cpu: Paired,
}

/// How many calls of each side one round makes.
#[derive(Debug, Clone, Copy)]
pub struct Round {
    /// Calls of the numerator (the dear side: few calls are enough to time it).
    pub numerator: u64,
    /// Calls of the denominator (the cheap side: more calls, so a round times more than the
    /// clock's own cost).
    pub denominator: u64,
}

impl Paired {
    /// Times `rounds` rounds of `round.numerator` calls of `numerator`, then
    /// `round.denominator` calls of `denominator`, alternating, on both clocks.
    ///
    /// Each call gets a fresh key, so no side can answer from a cache of the previous round.
    pub fn measure(
        rounds: u32,
        round: Round,
        mut numerator: impl FnMut(u64),
        mut denominator: impl FnMut(u64),
    ) -> Clocks {
        assert!(rounds > 0 && round.numerator > 0 && round.denominator > 0);
        let mut key = 0;
        let mut wall = Vec::with_capacity(rounds as usize);
        let mut cpu = Vec::with_capacity(rounds as usize);
        let per_call = |time: Duration, calls: u64| time / calls as u32;
        for _ in 0..rounds {
            let (started, started_cpu) = (Instant::now(), process_cpu_time());
            for _ in 0..round.numerator {
                numerator(key);
                key += 1;
            }
            let (between, between_cpu) = (Instant::now(), process_cpu_time());
            for _ in 0..round.denominator {
                denominator(key);
                key += 1;
            }
            let (ended, ended_cpu) = (Instant::now(), process_cpu_time());
            wall.push((
                per_call(between - started, round.numerator),
                per_call(ended - between, round.denominator),
            ));
            cpu.push((
                per_call(between_cpu.saturating_sub(started_cpu), round.numerator),
                per_call(ended_cpu.saturating_sub(between_cpu), round.denominator),
            ));
        }
        Clocks {
            wall: Paired::from_samples(&wall),
            cpu: Paired::from_samples(&cpu),
        }
    }

    /// The ratios of per-call times `(numerator, denominator)`, one pair per round.
    pub fn from_samples(samples: &[(Duration, Duration)]) -> Paired {
        assert!(
            !samples.is_empty(),
            "a paired ratio needs at least one round"
        );
        let mut ratios: Vec<f64> = samples
            .iter()
            // A round too short for the clock to see counts as the smallest time it can see.
            .map(|(n, d)| n.as_secs_f64() / d.as_secs_f64().max(1e-9))
            .collect();
        ratios.sort_by(f64::total_cmp);
        let mut numerator: Vec<Duration> = samples.iter().map(|(n, _)| *n).collect();
        numerator.sort();
        let mut denominator: Vec<Duration> = samples.iter().map(|(_, d)| *d).collect();
        denominator.sort();
        Paired {
            ratios,
            numerator,
            denominator,
        }
    }

    /// The median ratio: the headline.
    pub fn median(&self) -> f64 {
        quantile(&self.ratios, 0.5)
    }

    /// The middle half of the rounds' ratios (first and third quartile).
    pub fn quartiles(&self) -> (f64, f64) {
        (quantile(&self.ratios, 0.25), quantile(&self.ratios, 0.75))
    }

    /// The numerator's median time per call.
    pub fn numerator_median(&self) -> Duration {
        self.numerator[(self.numerator.len() - 1) / 2]
    }

    /// The denominator's median time per call.
    pub fn denominator_median(&self) -> Duration {
        self.denominator[(self.denominator.len() - 1) / 2]
    }

    /// Rounds measured.
    pub fn rounds(&self) -> usize {
        self.ratios.len()
    }

    /// How far apart two runs' medians are, relative to their mean: 0.1 is 10%.
    pub fn disagreement(&self, other: &Paired) -> f64 {
        let (a, b) = (self.median(), other.median());
        (a - b).abs() / ((a + b) / 2.0)
    }
}

/// CPU time the whole process has used, every thread included (`CLOCK_PROCESS_CPUTIME_ID`).
///
/// The kernel adds up the threads' run time to the nanosecond, so a round of a millisecond is
/// timed as finely as on the wall clock; reading it is one system call, nothing next to a round.
fn process_cpu_time() -> Duration {
    let now = clock_gettime(ClockId::CLOCK_PROCESS_CPUTIME_ID)
        .expect("Linux always has the process CPU-time clock");
    Duration::new(now.tv_sec() as u64, now.tv_nsec() as u32)
}

/// The `q` quantile of sorted `values`, by linear interpolation between the nearest ranks.
fn quantile(values: &[f64], q: f64) -> f64 {
    let at = q * (values.len() - 1) as f64;
    let (low, high) = (at.floor() as usize, at.ceil() as usize);
    values[low] + (values[high] - values[low]) * (at - low as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn us(n: u64) -> Duration {
        Duration::from_micros(n)
    }

    /// Equal up to floating-point rounding (300 µs / 30 µs is not exactly 10.0 in binary).
    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a_drift_that_slows_both_sides_alike_leaves_the_ratio_alone() {
        // The machine gets three times slower half-way through; every round is still 10×.
        let samples: Vec<_> = (0..100)
            .map(|i| {
                if i < 50 {
                    (us(100), us(10))
                } else {
                    (us(300), us(30))
                }
            })
            .collect();
        let paired = Paired::from_samples(&samples);
        let (low, high) = paired.quartiles();
        assert!(close(paired.median(), 10.0) && close(low, 10.0) && close(high, 10.0));
    }

    #[test]
    fn the_median_ignores_a_minority_of_disturbed_rounds() {
        // A fifth of the rounds had their numerator preempted and read 100×.
        let samples: Vec<_> = (0..100)
            .map(|i| {
                if i % 5 == 0 {
                    (us(1_000), us(10))
                } else {
                    (us(100), us(10))
                }
            })
            .collect();
        let paired = Paired::from_samples(&samples);
        assert!(close(paired.median(), 10.0), "{}", paired.median());
        assert!(close(paired.quartiles().1, 10.0));
    }

    #[test]
    fn each_side_keeps_its_own_median_time() {
        let samples = [(us(90), us(9)), (us(300), us(10)), (us(100), us(50))];
        let paired = Paired::from_samples(&samples);
        assert_eq!(paired.numerator_median(), us(100));
        assert_eq!(paired.denominator_median(), us(10));
    }

    #[test]
    fn quantiles_interpolate_between_ranks() {
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), 2.5);
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.25), 2.0);
        assert_eq!(quantile(&[7.0], 0.75), 7.0);
    }

    #[test]
    fn disagreement_is_relative_to_the_mean_of_the_two() {
        let ten = Paired::from_samples(&[(us(100), us(10))]);
        let twelve = Paired::from_samples(&[(us(120), us(10))]);
        let d = ten.disagreement(&twelve);
        assert!(close(d, 2.0 / 11.0), "{d}");
        assert_eq!(ten.disagreement(&ten), 0.0);
    }

    #[test]
    fn measure_alternates_and_counts_every_call_once() {
        use std::cell::RefCell;
        let order = RefCell::new(Vec::new());
        let paired = Paired::measure(
            3,
            Round {
                numerator: 1,
                denominator: 2,
            },
            |key| order.borrow_mut().push(('n', key)),
            |key| order.borrow_mut().push(('d', key)),
        );
        assert_eq!((paired.wall.rounds(), paired.cpu.rounds()), (3, 3));
        let order = order.into_inner();
        let sides: String = order.iter().map(|(side, _)| *side).collect();
        assert_eq!(sides, "nddnddndd");
        let keys: Vec<u64> = order.iter().map(|(_, key)| *key).collect();
        assert_eq!(keys, (0..9).collect::<Vec<_>>());
    }
}
