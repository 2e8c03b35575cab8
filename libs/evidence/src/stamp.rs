//! The stamp: where and when a number was measured.
//!
//! A benchmark result is a fact about one machine, one toolchain and one version of the code.
//! The book is committed and read long after the run, so each generated fragment carries a
//! [`Stamp`] saying which machine (CPU model and the cores the process could use), which system
//! (OS and kernel), which toolchain (rustc and the Tokio version in `Cargo.lock`), when (UTC),
//! which code (the git commit, with `+dirty` when the work tree had changes) and how long
//! criterion measured (quick or full mode).
//!
//! Collecting never fails: a field that cannot be found says `unknown` instead, because a
//! stamp with one gap is still far better than a run that refuses to report at all.

use std::fmt;
use std::path::Path;
use std::process::Command;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

/// How long criterion measured each benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Short warm-up and measurement, so every lab fits in a few minutes: good for checking
    /// shapes and large ratios, less so for small differences.
    Quick,
    /// Criterion's defaults (3 s warm-up, 5 s measurement, 100 samples per benchmark).
    Full,
    /// The output came from a criterion run that `cargo xtask book` did not start (someone ran
    /// `cargo bench` by hand), so we cannot tell how long it measured.
    Manual,
}

/// The environment variable through which `cargo xtask book` tells a bench its mode.
pub const MODE_ENV: &str = "ASYNC_LAB_MODE";

impl Mode {
    /// The mode `cargo xtask book` runs this bench in, from [`MODE_ENV`]; `Manual` when the
    /// bench was started by hand (`cargo bench`), which measures everything.
    ///
    /// A bench uses it to measure fewer loads in quick mode, so that every lab fits its share
    /// of the main job's five minutes: `if Mode::from_env() == Mode::Quick { ... }`.
    pub fn from_env() -> Mode {
        std::env::var(MODE_ENV)
            .ok()
            .and_then(|mode| mode.parse().ok())
            .unwrap_or(Mode::Manual)
    }

    /// The name used on command lines and in the stamp.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Quick => "quick",
            Mode::Full => "full",
            Mode::Manual => "manual",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Mode {
    type Err = String;

    /// Parses the `--mode` argument that `cargo xtask book` passes to each probe.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "quick" => Ok(Mode::Quick),
            "full" => Ok(Mode::Full),
            "manual" => Ok(Mode::Manual),
            other => Err(format!(
                "unknown mode `{other}`; expected `quick` or `full`"
            )),
        }
    }
}

/// Everything a reader needs to judge where a number came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The CPU model, from `/proc/cpuinfo`.
    pub cpu: String,
    /// How many cores this process could use (what Tokio sizes its worker pool by).
    pub cores: usize,
    /// The OS's own name for itself (`PRETTY_NAME` in `/etc/os-release`).
    pub os: String,
    /// The kernel release.
    pub kernel: String,
    /// `rustc -V`.
    pub rustc: String,
    /// The Tokio version(s) locked in `Cargo.lock`.
    pub tokio: String,
    /// When the stamp was collected, `YYYY-MM-DD HH:MM UTC`.
    pub date: String,
    /// The short commit hash, with `+dirty` when the work tree had changes.
    pub commit: String,
    /// How long criterion measured.
    pub mode: Mode,
    /// The cfg flags the measured code was built with that change what Tokio does:
    /// `--cfg tokio_unstable` (from `.cargo/config.toml`) turns on runtime metrics and the
    /// hooks console-subscriber needs. Read from this crate's own build, which shares it.
    pub cfg: String,
}

/// What a field says when it could not be found.
const UNKNOWN: &str = "unknown";

impl Stamp {
    /// Collects the stamp for a run of the workspace at `root` (for `Cargo.lock` and git).
    pub fn collect(root: &Path, mode: Mode) -> Stamp {
        Stamp {
            cpu: cpu_model().unwrap_or_else(|| UNKNOWN.to_string()),
            // `available_parallelism` respects CPU affinity and cgroup quotas, so on a
            // container it reports the cores we actually run on, not the host's.
            cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
            os: os_name().unwrap_or_else(|| UNKNOWN.to_string()),
            kernel: read_trimmed("/proc/sys/kernel/osrelease")
                .unwrap_or_else(|| UNKNOWN.to_string()),
            rustc: command_output(Command::new(rustc_program()).arg("-V"))
                .unwrap_or_else(|| UNKNOWN.to_string()),
            tokio: tokio_version(root).unwrap_or_else(|| UNKNOWN.to_string()),
            date: utc_date(SystemTime::now()),
            commit: git_commit(root),
            mode,
            cfg: if cfg!(tokio_unstable) {
                "built with --cfg tokio_unstable".to_string()
            } else {
                "built without --cfg tokio_unstable".to_string()
            },
        }
    }

    /// The stamp as one markdown line, for the bottom of a generated fragment.
    pub fn markdown(&self) -> String {
        // Italics set the stamp apart from the evidence above it; the fields are escaped
        // because CPU names and versions are not ours and could contain markdown.
        format!("*{}*", escape_markdown(&self.plain()))
    }

    /// The stamp as plain text, for places that are not markdown (a plot's caption).
    pub fn plain(&self) -> String {
        format!(
            "Measured on {} ({} cores), {}, kernel {}; {}; tokio {}, {}; {}; commit {}; {} mode.",
            self.cpu,
            self.cores,
            self.os,
            self.kernel,
            self.rustc,
            self.tokio,
            self.cfg,
            self.date,
            self.commit,
            self.mode
        )
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.markdown())
    }
}

/// The model name of the first CPU in `/proc/cpuinfo`.
fn cpu_model() -> Option<String> {
    let info = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    // x86 says `model name`; some ARM kernels only say `Hardware` or `CPU part`, and then we
    // prefer "unknown" to a misleading guess.
    info.lines()
        .find(|line| line.starts_with("model name"))
        .and_then(|line| line.split_once(':'))
        .map(|(_, value)| collapse_spaces(value))
}

/// `PRETTY_NAME` from `/etc/os-release`, without its quotes.
fn os_name() -> Option<String> {
    let release = std::fs::read_to_string("/etc/os-release").ok()?;
    release
        .lines()
        .find_map(|line| line.strip_prefix("PRETTY_NAME="))
        .map(|value| value.trim().trim_matches('"').to_string())
}

/// The compiler cargo would use: `$RUSTC` when set (cargo sets it for build scripts, and
/// people set it for wrappers), else `rustc` from `PATH`, which rustup resolves to the
/// toolchain this workspace builds with.
fn rustc_program() -> String {
    std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string())
}

/// The version of every `tokio` package in `Cargo.lock`, joined with ` and ` when the lock
/// holds more than one (two majors can coexist through dependencies).
pub fn tokio_version(root: &Path) -> Option<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).ok()?;
    let versions = locked_versions(&lock, "tokio");
    (!versions.is_empty()).then(|| versions.join(" and "))
}

/// The versions of package `name` in the text of a `Cargo.lock`.
///
/// The lock file's layout is stable and simple (`[[package]]` blocks whose first two lines
/// are `name = "..."` and `version = "..."`), so a line scan does the job without pulling a
/// TOML parser into every probe.
pub fn locked_versions(lock: &str, name: &str) -> Vec<String> {
    let wanted = format!("name = \"{name}\"");
    let mut versions = Vec::new();
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "));
            if let Some(version) = version {
                versions.push(version.trim_matches('"').to_string());
            }
        }
    }
    versions
}

/// The short commit hash of `root`'s work tree, with `+dirty` when it has changes.
///
/// Changes to `book/src/generated/` do not count: that is where the measurement run writes
/// its own output, so counting them would mark every run after the first as dirty even when
/// the code measured is exactly the commit.
fn git_commit(root: &Path) -> String {
    let git = |args: &[&str]| command_output(Command::new("git").arg("-C").arg(root).args(args));
    let Some(sha) = git(&["rev-parse", "--short", "HEAD"]) else {
        return match git(&["rev-parse", "--git-dir"]) {
            Some(_) => "none yet (no commit)".to_string(),
            None => "unknown (not a git work tree)".to_string(),
        };
    };
    let changes = git(&[
        "status",
        "--porcelain",
        "--",
        ".",
        ":(exclude)book/src/generated",
    ]);
    match changes {
        Some(changes) if changes.is_empty() => sha,
        Some(_) => format!("{sha}+dirty"),
        // `git status` failing after `rev-parse` worked is odd; say so rather than claim clean.
        None => format!("{sha}+unknown-state"),
    }
}

/// The trimmed standard output of a command that succeeded; `None` if it did not run or failed.
fn command_output(command: &mut Command) -> Option<String> {
    let output = command.output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

fn read_trimmed(path: &str) -> Option<String> {
    std::fs::read_to_string(path)
        .ok()
        .map(|s| s.trim().to_string())
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Backslash-escapes the characters that would change how markdown renders the line.
fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '|' | '[' | ']' | '<' | '>' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Formats a time as `YYYY-MM-DD HH:MM UTC`.
///
/// The standard library has no calendar, and a date crate would be the heaviest dependency of
/// every probe, so we convert days since 1970 to a civil date ourselves (the algorithm is
/// Howard Hinnant's `civil_from_days`, exact for the proleptic Gregorian calendar).
pub fn utc_date(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let (hour, minute) = ((secs % 86_400) / 3600, (secs % 3600) / 60);

    let z = days + 719_468; // shift the epoch to 0000-03-01, so leap days end a year
    let era = z.div_euclid(146_097); // 400-year cycles
    let doe = z.rem_euclid(146_097); // day of the era
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // year of the era
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of the (March-based) year
    let mp = (5 * doy + 2) / 153; // month, March = 0
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02} UTC")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates_are_civil_utc() {
        assert_eq!(utc_date(UNIX_EPOCH), "1970-01-01 00:00 UTC");
        // 2000-02-29 12:34 UTC: a leap day in a year divisible by 400.
        assert_eq!(
            utc_date(UNIX_EPOCH + Duration::from_secs(951_827_640)),
            "2000-02-29 12:34 UTC"
        );
        // 2026-03-01 00:00 UTC: the day after February in a common year.
        assert_eq!(
            utc_date(UNIX_EPOCH + Duration::from_secs(1_772_323_200)),
            "2026-03-01 00:00 UTC"
        );
    }

    #[test]
    fn locked_versions_finds_every_copy() {
        let lock = "[[package]]\nname = \"tokio\"\nversion = \"1.54.1\"\n\n[[package]]\nname = \"tokio-test\"\nversion = \"0.4.6\"\n\n[[package]]\nname = \"tokio\"\nversion = \"0.2.25\"\n";
        assert_eq!(locked_versions(lock, "tokio"), ["1.54.1", "0.2.25"]);
        assert!(locked_versions(lock, "mio").is_empty());
    }

    #[test]
    fn markdown_is_one_escaped_line() {
        let stamp = Stamp {
            cpu: "AMD EPYC 7B13 [vm]".into(),
            cores: 2,
            os: "Debian GNU/Linux 12 (bookworm)".into(),
            kernel: "6.1.0-13-cloud_amd64".into(),
            rustc: "rustc 1.95.0 (59807616e 2026-04-14)".into(),
            tokio: "1.54.1".into(),
            date: "2026-11-21 20:14 UTC".into(),
            commit: "1a2b3c4+dirty".into(),
            mode: Mode::Quick,
            cfg: "built with --cfg tokio_unstable".into(),
        };
        assert_eq!(
            stamp.markdown(),
            "*Measured on AMD EPYC 7B13 \\[vm\\] (2 cores), Debian GNU/Linux 12 (bookworm), kernel \
             6.1.0-13-cloud\\_amd64; rustc 1.95.0 (59807616e 2026-04-14); tokio 1.54.1, built with --cfg \
             tokio\\_unstable; 2026-11-21 20:14 UTC; \
             commit 1a2b3c4+dirty; quick mode.*"
        );
        assert!(!stamp.markdown().contains('\n'));
    }

    #[test]
    fn the_stamp_knows_the_build_had_tokio_unstable() {
        // Fails when RUSTFLAGS in the environment replaced `.cargo/config.toml`'s flags, which
        // silently turns off the runtime metrics and console hooks the labs rely on.
        let stamp = Stamp::collect(Path::new("."), Mode::Quick);
        assert_eq!(
            stamp.cfg, "built with --cfg tokio_unstable",
            "RUSTFLAGS replaced .cargo/config.toml's rustflags: add --cfg tokio_unstable to it"
        );
    }

    #[test]
    fn modes_round_trip() {
        for mode in [Mode::Quick, Mode::Full, Mode::Manual] {
            assert_eq!(mode.as_str().parse::<Mode>(), Ok(mode));
        }
        assert!("slow".parse::<Mode>().is_err());
    }

    #[test]
    fn collecting_never_fails() {
        // Whatever this machine lacks, every field is filled in.
        let stamp = Stamp::collect(Path::new("/nonexistent"), Mode::Full);
        assert!(!stamp.cpu.is_empty() && !stamp.rustc.is_empty() && !stamp.commit.is_empty());
        assert_eq!(stamp.tokio, UNKNOWN);
    }
}
