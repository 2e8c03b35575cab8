//! The verdicts on the guides' claims, each from an experiment run here; every verdict is
//! computed from what the experiment saw, never typed.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use evidence::Verdict;
use evidence::criterion::Group;
use evidence::number::{percent, time};
use tokio::sync::Semaphore;
use unbounded_concurrency::{Bounds, Variant, paused_runtime};

use crate::{cpu, peak, rate};

/// What the claim experiments saw.
#[derive(Debug)]
pub struct Experiments {
    cpu: Vec<cpu::Row>,
    pool: Vec<PoolRun>,
    rates: Vec<rate::Row>,
    peak_fixed: Option<usize>,
    peak_both: Option<usize>,
    semaphore_cost: Option<(f64, bool)>,
    fifo: (Vec<u32>, Vec<u32>),
    head_of_line: bool,
}

impl Experiments {
    /// Runs the experiments the tables do not already answer.
    pub fn run(
        peaks: &[peak::Row],
        rates: &[rate::Row],
        cpu: &[cpu::Row],
        redundant: &anyhow::Result<Group>,
    ) -> anyhow::Result<Experiments> {
        let largest = *peak::INPUTS.last().expect("sizes");
        let peak_of = |v| peak::find(peaks, v, largest).map(|r| r.outcome.counts.peak_in_flight);
        let semaphore_cost = redundant.as_ref().ok().and_then(|group| {
            let load = group.loads().first()?.to_string();
            let fixed = group.get("fixed", &load)?.headline();
            let both = group.get("semaphore-and-buffer", &load)?.headline();
            Some((both.point - fixed.point, both.separated_from(&fixed)))
        });
        let (fifo, head_of_line) = fairness();
        Ok(Experiments {
            cpu: cpu.to_vec(),
            pool: pool_runs(),
            rates: rates.to_vec(),
            peak_fixed: peak_of(Variant::Fixed),
            peak_both: peak_of(Variant::SemaphoreAndBuffer),
            semaphore_cost,
            fifo,
            head_of_line,
        })
    }

    /// The verdict on claim `id`.
    pub fn judge(&self, id: &str) -> Option<Verdict> {
        Some(match id {
            "semaphore-cuts-cpu" => self.cpu_verdict(),
            "semaphore-prevents-pool-exhaustion" => self.pool_verdict(),
            "semaphore-and-buffer-is-rate-limiting" => self.rate_verdict(),
            "tokio-semaphore-fair" => self.fair_verdict(),
            _ => return None,
        })
    }

    fn cpu_verdict(&self) -> Verdict {
        let find = |v| self.cpu.iter().find(|r| r.variant == v);
        let (Some(anti), Some(fixed), Some(both)) = (
            find(Variant::Anti),
            find(Variant::Fixed),
            find(Variant::SemaphoreAndBuffer),
        ) else {
            return Verdict::not_measured("no CPU measurements");
        };
        let cut = |row: &cpu::Row| 1.0 - row.total().as_secs_f64() / anti.total().as_secs_f64();
        let share = |r: &cpu::Row| r.client.as_secs_f64() / r.wall.as_secs_f64();
        let semaphore_change = both.total().as_secs_f64() / fixed.total().as_secs_f64() - 1.0;
        let measured = format!(
            "{} ids against a server that answers at once (median of {} runs): client and \
             server CPU time together {} for a task per input, {} with `buffer_unordered(8)` \
             ({} less), {} with the guides' semaphore added ({} less; {} against the cap \
             alone). The client's thread was busy {} of the job's time unbounded, {} capped.",
            cpu::INPUTS,
            cpu::RUNS,
            time(anti.total().as_nanos() as f64),
            time(fixed.total().as_nanos() as f64),
            percent(cut(fixed)),
            time(both.total().as_nanos() as f64),
            percent(cut(both)),
            signed_percent(semaphore_change),
            percent(share(anti)),
            percent(share(fixed)),
        );
        let size = match cut(fixed) {
            c if c > 0.60 => "more than the claim's range here",
            c if c >= 0.40 => "within the claim's range here",
            c if c > 0.0 => "less than the claim's range here",
            _ => "none here",
        };
        Verdict::explained(
            measured,
            "Not as stated: the saving is the cap's, and its size is the job's.",
            format!(
                "Capping the fan-out saved {size}: the unbounded job opens a connection (a \
                 connect, an accept, a task and buffers at each end) per request in flight, \
                 the capped one eight, reused. That is CPU *time* saved on the same work (the \
                 busy share of the client's thread moves much less, as the measurement says). \
                 How much it saves depends on what a connection costs next to a request (TLS would add \
                 more, a slow server's work would dilute it), so no fixed percentage holds. \
                 And it comes from the cap, which `buffer_unordered` alone gives; the \
                 semaphore on top adds nothing to it."
            ),
        )
    }

    fn pool_verdict(&self) -> Verdict {
        let get = |name: &str| self.pool.iter().find(|r| r.name == name);
        let (Some(bare), Some(limited), Some(bypass), Some(wide), Some(sequential)) = (
            get("none"),
            get("limiter"),
            get("bypass"),
            get("wide"),
            get("sequential"),
        ) else {
            return Verdict::not_measured("no pool runs");
        };
        let measured = format!(
            "A model pool of {POOL} connections, a {} acquire timeout, {} per query, {} queries \
             at once (paused clock): {} timed out with no semaphore, {} behind a `Semaphore({POOL})`, \
             {} when a second job of {} queries uses the pool beside the limited one, {} behind \
             a `Semaphore({WIDE})`. The guide's own loop, which awaits each query in turn, never \
             had more than {} in flight ({} timed out).",
            time(ACQUIRE_TIMEOUT.as_nanos() as f64),
            time(QUERY.as_nanos() as f64),
            QUERIES,
            bare.timed_out,
            limited.timed_out,
            bypass.timed_out,
            QUERIES,
            wide.timed_out,
            sequential.peak,
            sequential.timed_out,
        );
        if bare.timed_out > 0
            && limited.timed_out == 0
            && (bypass.timed_out > 0 || wide.timed_out > 0)
        {
            Verdict::explained(
                measured,
                "True only in part.",
                "A pool already is a semaphore: its waiters queue. A semaphore in front moves the \
                 queue to where there is no acquire timeout, so a burst stops failing, but only \
                 if *every* user of the pool goes through the same semaphore and its permits are \
                 no more than the pool can serve within its timeout. And in the guide's example \
                 the queries are awaited one at a time: there is nothing for it to limit.",
            )
        } else {
            Verdict::new(measured, "Not shown by this run.")
        }
    }

    fn rate_verdict(&self) -> Verdict {
        let find = |v: Variant, burst: u32| {
            self.rates
                .iter()
                .find(|r| r.outcome.variant == v && r.bounds.burst == burst)
        };
        let usual = Bounds::USUAL;
        let (Some(both), Some(governor)) = (
            find(Variant::SemaphoreAndBuffer, 1),
            find(Variant::Governor, 1),
        ) else {
            return Verdict::not_measured("no rate runs");
        };
        let peaks = match (self.peak_fixed, self.peak_both) {
            (Some(f), Some(b)) => format!(
                " At {} ids, `buffer_unordered(8)` alone peaked at {f} in flight, with the \
                 semaphore too at {b}.",
                peak::INPUTS.last().expect("sizes")
            ),
            _ => String::new(),
        };
        let cost = match self.semaphore_cost {
            Some((ns, true)) => format!(
                " The semaphore cost {} per input (bench).",
                time(ns.max(0.0))
            ),
            Some((_, false)) => " The semaphore's cost did not separate from noise (bench).".into(),
            None => String::new(),
        };
        let measured = format!(
            "{} ids at {} ms each against a quota of {} a second: semaphore plus \
             `buffer_unordered(8)` sent {} requests in the busiest second; `governor` (GCRA, \
             burst 1) {}.{peaks}{cost}",
            rate::INPUTS,
            rate::LATENCY.as_millis(),
            usual.per_second,
            both.outcome.busiest_second,
            governor.outcome.busiest_second,
        );
        if both.outcome.busiest_second > usual.per_second as usize
            && governor.outcome.busiest_second <= usual.per_second as usize
        {
            Verdict::explained(
                measured,
                "False: it is a concurrency cap, applied twice.",
                "Either one alone bounds the requests in flight; together the semaphore never \
                 makes anything wait. Neither bounds requests per second: that is the cap \
                 divided by the server's latency, so a faster server gets more. A quota needs a \
                 rate limiter (a token bucket, GCRA) before each request.",
            )
        } else {
            Verdict::new(measured, "Not shown by this run.")
        }
    }

    fn fair_verdict(&self) -> Verdict {
        let (asked, granted) = &self.fifo;
        let measured = format!(
            "Five tasks queued on a held `Semaphore(1)` in the order {asked:?} got it in the order \
             {granted:?}. With one permit free, an `acquire()` queued behind an \
             `acquire_many(2)` stayed waiting: {}.",
            self.head_of_line
        );
        if asked == granted && self.head_of_line {
            Verdict::explained(
                measured,
                "True: first come, first served.",
                "Tokio documents it: permits go to waiters in the order they asked, and a large \
                 `acquire_many` at the head holds back smaller requests behind it. Fair is not \
                 starvation-free for the job, though: a holder that keeps its permit across slow \
                 work still makes everyone behind it wait, which is what the guide's code (drop \
                 the permit early) is about.",
            )
        } else {
            Verdict::new(measured, "Not FIFO in this run.")
        }
    }
}

/// A change as a signed percentage: `+3.1 %`, `-0.7 %`.
fn signed_percent(change: f64) -> String {
    format!("{:+.1} %", change * 100.0)
}

/// The model pool's connections ...
const POOL: usize = 4;
/// ... the wait for one before a query fails (as sqlx's `acquire_timeout`) ...
const ACQUIRE_TIMEOUT: Duration = Duration::from_millis(100);
/// ... how long a query holds one ...
const QUERY: Duration = Duration::from_millis(30);
/// ... queries per job ...
const QUERIES: usize = 40;
/// ... and a semaphore wider than the pool can serve in its timeout.
const WIDE: usize = 20;

/// One pool experiment.
#[derive(Debug, Clone)]
struct PoolRun {
    name: &'static str,
    timed_out: usize,
    peak: usize,
}

/// The pool model on the paused clock: a semaphore of `POOL` permits, acquired with a timeout.
fn pool_runs() -> Vec<PoolRun> {
    let runtime = paused_runtime();
    runtime.block_on(async {
        vec![
            pool_run("none", None, false, false).await,
            pool_run("limiter", Some(POOL), false, false).await,
            pool_run("bypass", Some(POOL), true, false).await,
            pool_run("wide", Some(WIDE), false, false).await,
            pool_run("sequential", Some(POOL), false, true).await,
        ]
    })
}

async fn pool_run(
    name: &'static str,
    limiter: Option<usize>,
    bypass: bool,
    sequential: bool,
) -> PoolRun {
    let pool = Arc::new(Semaphore::new(POOL));
    let limiter = limiter.map(|k| Arc::new(Semaphore::new(k)));
    let stats = Arc::new(Mutex::new((0usize, 0usize, 0usize))); // timed out, in flight, peak
    let query = {
        let (pool, stats) = (Arc::clone(&pool), Arc::clone(&stats));
        move |limiter: Option<Arc<Semaphore>>| {
            let (pool, stats) = (Arc::clone(&pool), Arc::clone(&stats));
            async move {
                let _permit = match &limiter {
                    Some(l) => Some(l.acquire().await.expect("open")),
                    None => None,
                };
                match tokio::time::timeout(ACQUIRE_TIMEOUT, pool.acquire()).await {
                    Ok(connection) => {
                        {
                            let mut s = stats.lock().expect("no panic");
                            s.1 += 1;
                            s.2 = s.2.max(s.1);
                        }
                        tokio::time::sleep(QUERY).await;
                        stats.lock().expect("no panic").1 -= 1;
                        drop(connection);
                    }
                    Err(_) => stats.lock().expect("no panic").0 += 1,
                }
            }
        }
    };
    if sequential {
        for _ in 0..QUERIES {
            query(limiter.clone()).await;
        }
    } else {
        let mut tasks = Vec::new();
        for _ in 0..QUERIES {
            tasks.push(tokio::spawn(query(limiter.clone())));
            if bypass {
                tasks.push(tokio::spawn(query(None)));
            }
        }
        for task in tasks {
            task.await.expect("no panic");
        }
    }
    let (timed_out, _, peak) = *stats.lock().expect("no panic");
    PoolRun {
        name,
        timed_out,
        peak,
    }
}

/// Tokio's semaphore: the order five waiters asked and got a permit, and whether a small
/// acquire behind a large one waits while a permit is free.
fn fairness() -> ((Vec<u32>, Vec<u32>), bool) {
    let runtime = paused_runtime();
    runtime.block_on(async {
        let settle = || async {
            for _ in 0..8 {
                tokio::task::yield_now().await;
            }
        };
        let asked = vec![4, 1, 3, 0, 2];
        let semaphore = Arc::new(Semaphore::new(1));
        let held = Arc::clone(&semaphore).acquire_owned().await.expect("open");
        let granted = Arc::new(Mutex::new(Vec::new()));
        let mut waiters = Vec::new();
        for &name in &asked {
            let (semaphore, granted) = (Arc::clone(&semaphore), Arc::clone(&granted));
            waiters.push(tokio::spawn(async move {
                let _permit = semaphore.acquire().await.expect("open");
                granted.lock().expect("no panic").push(name);
                tokio::task::yield_now().await;
            }));
            settle().await;
        }
        drop(held);
        for waiter in waiters {
            waiter.await.expect("no panic");
        }
        let granted = granted.lock().expect("no panic").clone();

        let semaphore = Arc::new(Semaphore::new(2));
        let one = Arc::clone(&semaphore).acquire_owned().await.expect("open");
        let two = Arc::clone(&semaphore).acquire_owned().await.expect("open");
        let many = tokio::spawn({
            let semaphore = Arc::clone(&semaphore);
            async move { drop(semaphore.acquire_many(2).await.expect("open")) }
        });
        settle().await;
        let small = tokio::spawn({
            let semaphore = Arc::clone(&semaphore);
            async move { drop(semaphore.acquire().await.expect("open")) }
        });
        settle().await;
        drop(one);
        settle().await;
        let held_back = !small.is_finished();
        drop(two);
        let _ = many.await;
        let _ = small.await;
        ((asked, granted), held_back)
    })
}
