//! `claims.md` and `limit.md`: verdicts from this run's numbers.

use std::fmt::Write as _;

use evidence::limit::{self, FAR};
use evidence::{Group, Ratio, Verdict};
use sqlite_pool::Variant;

use crate::crash_runs::{Crashes, name};
use crate::experiments::{Held, Sized, VariantSettings};

pub struct Facts<'a> {
    pub settings: &'a [VariantSettings],
    pub sizes: &'a [Sized],
    pub held: &'a [Held],
    pub crashes: &'a [Crashes],
    pub mixed: anyhow::Result<Group>,
    pub synchronous: anyhow::Result<Group>,
}

impl Facts<'_> {
    pub fn judge(&self, id: &str) -> Option<Verdict> {
        Some(match id {
            "fifty-no-benefit" => self.fifty(),
            "two-to-eight" => self.best_size(),
            "pragma-through-pool" => self.pragma(),
            "normal-safe-with-wal" => self.normal(),
            "wal-safer" => self.wal_safer(),
            "no-corruption-on-close" => self.no_corruption(),
            "http-in-transaction" => self.http(),
            "semaphore-prevents-exhaustion" => self.semaphore(),
            "pool-methods" => Verdict::explained(
                "The guide's `SqlitePool::connect(..).await?.with_max_connections(4)` (and \
                 `with_min_connections`, `with_acquire_timeout`) does not compile against \
                 sqlx 0.8: the doctest in `labs/sqlite-pool/src/guide.rs` is `compile_fail` \
                 pinned to E0599 (no such method), and the test command runs it.",
                "False.",
                "A pool is configured before it connects: `SqlitePoolOptions::new()\
                 .max_connections(4).min_connections(1).acquire_timeout(..)\
                 .connect_with(options)`.",
            ),
            _ => return None,
        })
    }

    fn size(&self, label: &str) -> Option<&Sized> {
        self.sizes.iter().find(|s| s.label == label)
    }

    fn fifty(&self) -> Verdict {
        let (Some(fifty), Some(best)) = (self.size("50"), self.best()) else {
            return Verdict::not_measured("the pool-size sweep did not run");
        };
        let measured = format!(
            "With the fix's options, 50 connections did {:.0} operations/s against {:.0} for the \
             best size ({} connections); {} `SQLITE_BUSY`.",
            fifty.ops_per_second(),
            best.ops_per_second(),
            best.label,
            fifty.outcome.busy
        );
        if fifty.ops_per_second() <= best.ops_per_second() * 1.05 {
            Verdict::explained(
                measured,
                "True.",
                "More connections than SQLite has writers add contention, not throughput.",
            )
        } else {
            Verdict::explained(
                measured,
                "Not reproduced.",
                "50 connections were the fastest in this run.",
            )
        }
    }

    fn best(&self) -> Option<&Sized> {
        self.sizes
            .iter()
            .filter(|s| s.label.parse::<u32>().is_ok())
            .max_by(|a, b| a.ops_per_second().total_cmp(&b.ops_per_second()))
    }

    fn best_size(&self) -> Verdict {
        let Some(best) = self.best() else {
            return Verdict::not_measured("the pool-size sweep did not run");
        };
        let n: u32 = best.label.parse().unwrap_or(0);
        let one = self.size("1").map_or(0.0, Sized::ops_per_second);
        let measured = format!(
            "Throughput peaked at {n} connections ({:.0} operations/s; one connection: {one:.0}).",
            best.ops_per_second()
        );
        let verdict = if (2..=8).contains(&n) {
            "True here."
        } else {
            "Not on this machine."
        };
        Verdict::explained(
            measured,
            verdict,
            "Readers share the file under WAL; writers take turns whatever the size. Measure \
             with your own read/write mix.",
        )
    }

    fn pragma(&self) -> Verdict {
        let Some(v) = self
            .settings
            .iter()
            .find(|v| v.variant == Variant::PragmaThroughPool)
        else {
            return Verdict::not_measured("no settings were read");
        };
        let normal = v.writer.iter().filter(|s| s.synchronous == 1).count();
        Verdict::explained(
            format!(
                "`PRAGMA synchronous = NORMAL` executed through a pool of {}: {normal} of its \
                 connections run with NORMAL, the rest with FULL.",
                v.writer.len()
            ),
            "Only one connection gets it.",
            "A pragma is per connection; set it on `SqliteConnectOptions` (or in \
             `after_connect`) so every connection gets it. `journal_mode = WAL` is stored in \
             the file, which hides the mistake.",
        )
    }

    fn ratio(&self, group: &anyhow::Result<Group>, a: &str, b: &str, load: &str) -> Option<Ratio> {
        let group = group.as_ref().ok()?;
        Some(Ratio::of(
            &group.get(a, load)?.headline(),
            &group.get(b, load)?.headline(),
        ))
    }

    fn crash(&self, journal: sqlite_pool::crash::Journal) -> Option<&Crashes> {
        self.crashes.iter().find(|c| c.journal == journal)
    }

    fn normal(&self) -> Verdict {
        use sqlite_pool::crash::Journal;
        let Some(ratio) = self.ratio(&self.synchronous, "full", "fixed", "1") else {
            return Verdict::not_measured("no criterion results for `synchronous`");
        };
        let Some(wal) = self.crash(Journal::WalNormal) else {
            return Verdict::not_measured("no crash runs");
        };
        Verdict::explained(
            format!(
                "Single-row inserts under WAL took {} as long with FULL as with NORMAL ({}). \
                 {} writers killed mid-batch with NORMAL: {} corrupt, {} lost a committed row.",
                ratio.with_range(),
                ratio.separation(),
                wal.runs,
                wal.corrupt,
                wal.lost
            ),
            if ratio.separated && ratio.point > 1.0 {
                "Faster, and safe against a crash."
            } else {
                "Safe against a crash; no faster here."
            },
            "A killed process loses nothing under WAL with NORMAL; a power cut may lose the last \
             commits (not corrupt the file), which this lab does not test.",
        )
    }

    fn wal_safer(&self) -> Verdict {
        use sqlite_pool::crash::Journal;
        let (Some(wal), Some(rollback)) = (
            self.crash(Journal::WalNormal),
            self.crash(Journal::RollbackFull),
        ) else {
            return Verdict::not_measured("no crash runs");
        };
        let measured = format!(
            "Killed mid-batch: {} {} times, {} corrupt; {} {} times, {} corrupt. Lost committed \
             rows: {} and {}.",
            name(wal.journal),
            wal.runs,
            wal.corrupt,
            name(rollback.journal),
            rollback.runs,
            rollback.corrupt,
            wal.lost,
            rollback.lost
        );
        if wal.corrupt + rollback.corrupt == 0 {
            Verdict::explained(
                measured,
                "Not what makes the difference.",
                "Both journals survive a killed process intact; WAL's gain is concurrency \
                 (readers and a writer at once), not crash safety.",
            )
        } else {
            Verdict::explained(measured, "Differences seen.", "See the crash table.")
        }
    }

    fn no_corruption(&self) -> Verdict {
        let runs: u32 = self.crashes.iter().map(|c| c.runs).sum();
        let corrupt: u32 = self.crashes.iter().map(|c| c.corrupt).sum();
        let partial: u32 = self.crashes.iter().map(|c| c.partial).sum();
        Verdict::explained(
            format!(
                "{runs} writers killed mid-batch, both journals: {corrupt} corrupt files, {partial} with half a batch."
            ),
            if corrupt == 0 {
                "Misleading."
            } else {
                "False."
            },
            "SQLite's journal keeps a killed writer's file intact with either journal and \
             either of these settings; the guide's settings do not add that, they have it.",
        )
    }

    fn http(&self) -> Verdict {
        let wait = |i: usize| self.held.get(i).map(|h| h.waited);
        let (Some(nothing), Some(written), Some(pool)) = (wait(0), wait(1), wait(2)) else {
            return Verdict::not_measured("the transaction experiment did not run");
        };
        let ms = |d: std::time::Duration| format!("{:.0} ms", d.as_secs_f64() * 1e3);
        Verdict::explained(
            format!(
                "Another writer on its own connection waited {} while the transaction had not \
                 written yet, {} once it had; through the same pool of one it waited {}.",
                ms(nothing),
                ms(written),
                ms(pool)
            ),
            "Half true.",
            "`BEGIN` is deferred: before its first write the transaction holds a pool \
             connection, not the lock; after it, the write lock too. Either way, fetch first.",
        )
    }

    fn semaphore(&self) -> Verdict {
        let Some(ratio) = self.ratio(&self.mixed, "guide-semaphore", "fixed", "8") else {
            return Verdict::not_measured("no criterion results for `mixed`");
        };
        Verdict::explained(
            format!(
                "The fix behind a `Semaphore(4)` took {} the fix's time under the mixed load \
                 ({}); the tests run 32 writers on a pool of one with no semaphore, and none fails.",
                ratio.with_range(),
                ratio.separation()
            ),
            "False.",
            "A sqlx pool already caps and queues its connections (up to its acquire timeout): \
             there is nothing to exhaust, and a second queue only adds its own cost.",
        )
    }
}

pub fn limit_fragment(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion results to compare with the limit ({err:#}).\n"),
    };
    let rows = limit::rows(group);
    let mut out = String::from(
        "`fixed` against `limit` (only the load's writes, one after another on one bare \
         connection with the fix's options: the part no pool can run in parallel), time per \
         operation of the whole load:\n\n",
    );
    out.push_str(&limit::table(&rows, "tasks"));
    for row in &rows {
        let _ = write!(
            out,
            "\n`fixed` takes {:.2}× the floor's time. ",
            row.ratio.point
        );
        if row.far() {
            out.push_str(&format!(
                "That is past the {FAR}× bar. The rest is the reads that did not overlap the \
                 writes, and the pools: every operation acquires a connection (an async lock \
                 and, when it must wait, a wake-up) and runs on sqlx's worker thread for that \
                 connection, which hands the result back across threads.\n"
            ));
        } else {
            out.push_str(&format!("That is within the {FAR}× bar.\n"));
        }
    }
    out
}
