//! `crash.md`: writers killed with `SIGKILL` in the middle of their batches.
//!
//! Each run starts a child (this binary in its `--child` mode) writing batches into a fresh
//! database, reads its `committed <rows>` lines, and kills it after a number of commits that
//! changes from run to run, so the kill lands at different points of a batch. Then it opens
//! the file, runs `PRAGMA integrity_check` and counts the rows: every row the child reported
//! committed must be there, and no row of the batch it was killed in.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};
use sqlite_pool::crash::{self, BATCH, Journal};

/// What the runs of one journal setting found.
pub struct Crashes {
    pub journal: Journal,
    pub runs: u32,
    /// Runs whose file failed `integrity_check`.
    pub corrupt: u32,
    /// Runs that lost a row the child had reported committed.
    pub lost: u32,
    /// Runs whose file held a part of a batch (a transaction half applied).
    pub partial: u32,
    /// Rows the children reported committed, in all runs.
    pub acknowledged: i64,
}

pub fn repeat(journal: Journal, runs: u32) -> anyhow::Result<Crashes> {
    let mut found = Crashes {
        journal,
        runs,
        corrupt: 0,
        lost: 0,
        partial: 0,
        acknowledged: 0,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    for run in 0..runs {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("store.db");
        let journal_name = match journal {
            Journal::WalNormal => "wal-normal",
            Journal::RollbackFull => "rollback-full",
        };
        let mut child = Command::new(std::env::current_exe()?)
            .args(["--child", journal_name])
            .arg(&path)
            .stdout(Stdio::piped())
            .spawn()
            .context("cannot start the writer to kill")?;
        let lines = BufReader::new(child.stdout.take().context("the child's stdout")?);
        // Kill after 1 to 7 commits: the kill then lands wherever the next batch has got to.
        let kill_after = 1 + (run % 7) as usize;
        let mut committed = 0;
        for (seen, line) in lines.lines().enumerate() {
            committed = line?
                .strip_prefix("committed ")
                .context("the child prints `committed <rows>`")?
                .parse()?;
            if seen + 1 == kill_after {
                break;
            }
        }
        // `Child::kill` sends SIGKILL on Unix: no destructor, no close, no checkpoint.
        child.kill()?;
        child.wait()?;
        if committed == 0 {
            bail!("the writer died before its first commit");
        }
        let inspection = runtime.block_on(crash::inspect(&path, journal))?;
        found.acknowledged += committed;
        found.corrupt += u32::from(!inspection.intact);
        found.lost += u32::from(inspection.rows < committed);
        found.partial += u32::from(inspection.rows % BATCH != 0);
    }
    Ok(found)
}

pub fn table(all: &[Crashes]) -> String {
    let mut out = format!(
        "A writer inserting batches of {BATCH} rows, one transaction each, killed with \
         `SIGKILL` after 1 to 7 commits; then the file is opened again:\n\n\
         | journal | runs | corrupt | lost a committed row | half a batch |\n\
         | --- | ---: | ---: | ---: | ---: |\n"
    );
    for c in all {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            name(c.journal),
            c.runs,
            c.corrupt,
            c.lost,
            c.partial
        );
    }
    out
}

pub fn name(journal: Journal) -> &'static str {
    match journal {
        Journal::WalNormal => "WAL, `synchronous = NORMAL`",
        Journal::RollbackFull => "rollback (`DELETE`), `FULL`",
    }
}
