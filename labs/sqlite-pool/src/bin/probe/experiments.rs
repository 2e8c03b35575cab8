//! The probe's in-process experiments: settings per connection, pool sizes under the mixed
//! load, and a transaction across a slow await.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use evidence::Variants;
use evidence::number::time;
use sqlite_pool::held::{Before, slow_transaction, write_waiting};
use sqlite_pool::settings::{Settings, of_every_connection, synchronous_name};
use sqlite_pool::{Store, Variant, fixed, load};
use sqlx::sqlite::SqlitePoolOptions;

/// The mixed load of the pool-size sweep: tasks at once, operations each.
pub const TASKS: u64 = 16;
pub const OPS: u64 = 40;
/// Pool sizes swept, with the fix's options on one pool for reads and writes.
pub const SIZES: [u32; 6] = [1, 2, 4, 8, 16, 50];
/// The slow call inside the transaction.
pub const SLOW: Duration = Duration::from_millis(200);

/// One variant's pools and the settings of their connections.
pub struct VariantSettings {
    pub variant: Variant,
    pub writer: Vec<Settings>,
    pub reader: Vec<Settings>,
    pub shared: bool,
}

pub async fn settings() -> anyhow::Result<Vec<VariantSettings>> {
    let mut all = Vec::new();
    for &variant in Variant::all() {
        let dir = tempfile::tempdir()?;
        let store = variant.open(&dir.path().join("store.db")).await?;
        let shared = variant != Variant::Fixed && variant != Variant::GuideSemaphore;
        let writer = of_every_connection(store.writer()).await?;
        let reader = if shared {
            Vec::new()
        } else {
            of_every_connection(store.reader()).await?
        };
        store.close().await;
        all.push(VariantSettings {
            variant,
            writer,
            reader,
            shared,
        });
    }
    Ok(all)
}

fn levels(settings: &[Settings]) -> String {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for s in settings {
        match counts.iter_mut().find(|(level, _)| *level == s.synchronous) {
            Some((_, n)) => *n += 1,
            None => counts.push((s.synchronous, 1)),
        }
    }
    counts
        .iter()
        .map(|(level, n)| format!("{n} {}", synchronous_name(*level)))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn settings_table(all: &[VariantSettings]) -> String {
    let mut out = String::from(
        "Every connection each pool may open, opened at once and asked (`PRAGMA synchronous`, \
         `journal_mode`, `busy_timeout`):\n\n\
         | variant | pool | `synchronous` | journal | busy timeout |\n\
         | --- | --- | --- | --- | ---: |\n",
    );
    for v in all {
        let pools: Vec<(&str, &[Settings])> = if v.shared {
            vec![("one for both", &v.writer)]
        } else {
            vec![("writer", &v.writer), ("readers", &v.reader)]
        };
        for (pool, settings) in pools {
            let journal = settings
                .first()
                .map_or("?".to_string(), |s| s.journal_mode.clone());
            let busy = settings.first().map_or(0, |s| s.busy_timeout_ms);
            let _ = writeln!(
                out,
                "| `{}` | {pool} | {} | {journal} | {busy} ms |",
                v.variant,
                levels(settings)
            );
        }
    }
    out
}

/// One run of the mixed load.
pub struct Sized {
    /// `1`..`50` for the sweep, or a variant's name.
    pub label: String,
    pub outcome: load::Outcome,
    pub took: Duration,
}

impl Sized {
    pub fn ops_per_second(&self) -> f64 {
        self.outcome.done as f64 / self.took.as_secs_f64()
    }
}

/// Runs of the load per store; the table shows the run of median throughput.
pub const REPEATS: i64 = 3;

async fn measure(label: String, store: &Store, repeats: i64) -> Sized {
    // One round first, thrown away: every connection open, the file's pages cached.
    let _ = load::run(store, TASKS, 8, 1_000_000).await;
    let mut runs = Vec::new();
    for repeat in 0..repeats {
        let started = Instant::now();
        // New ids each time: every run inserts rows of its own.
        let outcome = load::run(store, TASKS, OPS, repeat * 100_000).await;
        runs.push(Sized {
            label: label.clone(),
            outcome,
            took: started.elapsed(),
        });
    }
    runs.sort_by(|a, b| a.ops_per_second().total_cmp(&b.ops_per_second()));
    runs.swap_remove(runs.len() / 2)
}

pub async fn pool_sizes() -> anyhow::Result<Vec<Sized>> {
    let mut runs = Vec::new();
    for size in SIZES {
        let dir = tempfile::tempdir()?;
        let pool = SqlitePoolOptions::new()
            .max_connections(size)
            .connect_with(fixed::options(&dir.path().join("store.db")))
            .await?;
        sqlite_pool::contract::create_schema(&pool).await?;
        let store = Store::from_pools(pool.clone(), pool);
        runs.push(measure(size.to_string(), &store, REPEATS).await);
        store.close().await;
    }
    for &variant in Variant::all() {
        let dir = tempfile::tempdir()?;
        let store = variant.open(&dir.path().join("store.db")).await?;
        // `anti` once: it is tens of times slower than the rest, and its gap is not noise.
        let repeats = if variant == Variant::Anti { 1 } else { REPEATS };
        runs.push(measure(format!("`{variant}`"), &store, repeats).await);
        store.close().await;
    }
    Ok(runs)
}

pub fn pool_size_table(runs: &[Sized]) -> String {
    let mut out = format!(
        "{TASKS} tasks at once, {OPS} operations each (one insert to every three reads), on a \
         fresh database; of {REPEATS} runs per store (one for `anti`), the one of median throughput. A number is one pool of that many connections with the fix's options \
         (WAL, `synchronous = NORMAL`, 5 s busy timeout), serving reads and writes; a name is \
         that variant's store.\n\n\
         | store | operations/s | p99 latency | `SQLITE_BUSY` | other errors |\n\
         | --- | ---: | ---: | ---: | ---: |\n"
    );
    for run in runs {
        let _ = writeln!(
            out,
            "| {} | {:.0} | {} | {} | {} |",
            run.label,
            run.ops_per_second(),
            time(run.outcome.percentile(0.99).as_nanos() as f64),
            run.outcome.busy,
            run.outcome.other_errors,
        );
    }
    out
}

/// How long another writer waited while a transaction awaited [`SLOW`].
pub struct Held {
    pub case: &'static str,
    pub waited: Duration,
    pub result: Result<(), String>,
}

pub async fn transaction() -> anyhow::Result<Vec<Held>> {
    let mut cases = Vec::new();
    for (case, before, through_pool) in [
        (
            "begun, nothing written yet; the other writer on its own connection",
            Before::Nothing,
            false,
        ),
        (
            "one row written; the other writer on its own connection",
            Before::AWrite,
            false,
        ),
        (
            "begun, nothing written yet; the other writer through the same pool of one",
            Before::Nothing,
            true,
        ),
    ] {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("store.db");
        let store = Variant::Fixed.open(&path).await?;
        let other = {
            let (path, store) = (path.clone(), store.clone());
            async move {
                // Let the transaction begin and reach its await first.
                tokio::time::sleep(Duration::from_millis(20)).await;
                let started = Instant::now();
                let result = if through_pool {
                    store.insert(100).await
                } else {
                    write_waiting(&path, 100, Duration::from_secs(5)).await
                };
                (started.elapsed(), result.map_err(|e| e.to_string()))
            }
        };
        let slow = slow_transaction(store.writer(), before, 1, tokio::time::sleep(SLOW));
        let (committed, (waited, result)) = tokio::join!(slow, other);
        committed?;
        store.close().await;
        cases.push(Held {
            case,
            waited,
            result,
        });
    }
    Ok(cases)
}

pub fn transaction_table(cases: &[Held]) -> String {
    let mut out = format!(
        "A transaction on the fix's writer pool awaits a {} call (the guide's HTTP call); 20 ms \
         into it, another writer inserts a row. How long that insert waited:\n\n\
         | the transaction | the other insert waited | and then |\n| --- | ---: | --- |\n",
        time(SLOW.as_nanos() as f64)
    );
    for c in cases {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            c.case,
            time(c.waited.as_nanos() as f64),
            match &c.result {
                Ok(()) => "succeeded".to_string(),
                Err(e) => format!("failed: {e}"),
            }
        );
    }
    out
}
