//! Reading criterion's own output.
//!
//! After `cargo bench`, criterion leaves one directory per benchmark under
//! `<target>/criterion/`. The layout is criterion's business, so we do not rebuild paths from
//! names; we rely only on what criterion itself relies on when it lists benchmarks: every
//! `new/benchmark.json` describes one benchmark (its group, function and parameter), and the
//! `new/estimates.json` beside it holds the statistics of its latest run. (`base/` and
//! `change/` hold comparisons with earlier runs and are ignored.)
//!
//! The project's naming convention (see `anti-patterns/README.md`) gives those fields a
//! meaning: the group id is `<lab>/<question>`, the function id is the variant (`anti`,
//! `fixed`, ...) and the parameter is the load. A [`Group`] is one question with every
//! variant at every load, which is exactly one table and one plot in the book.
//!
//! All times are in nanoseconds, as criterion writes them.

use std::cmp::Ordering;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Deserialize;

/// A statistic with its confidence interval, in nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The point estimate.
    pub point: f64,
    /// Lower bound of the confidence interval.
    pub lower: f64,
    /// Upper bound of the confidence interval.
    pub upper: f64,
    /// The interval's confidence level (criterion's default is 0.95).
    pub confidence_level: f64,
}

impl Estimate {
    /// The same estimate divided by `n`, for the time of one operation out of `n`.
    pub fn per(&self, n: u64) -> Estimate {
        // Dividing the bounds by the same constant keeps the interval valid: the uncertainty
        // is in the measured total, not in `n`, which is exact.
        let n = n as f64;
        Estimate {
            point: self.point / n,
            lower: self.lower / n,
            upper: self.upper / n,
            ..*self
        }
    }

    /// Whether the two confidence intervals do not overlap.
    ///
    /// This is the conservative test the book uses: two intervals that do not even touch
    /// leave no doubt which variant is faster. Overlapping intervals do not prove the two are
    /// equal; they only mean this run cannot tell them apart.
    pub fn separated_from(&self, other: &Estimate) -> bool {
        self.upper < other.lower || other.upper < self.lower
    }
}

/// One benchmark: one variant at one load, as criterion measured it last.
#[derive(Debug, Clone)]
pub struct Measurement {
    /// The criterion group id, `<lab>/<question>`.
    pub group: String,
    /// The variant (criterion's function id); empty when the bench gave none.
    pub variant: String,
    /// The load (criterion's parameter, as written); empty when the bench gave none.
    pub load: String,
    /// Operations per iteration, when the group declared `Throughput::Elements(n)`.
    pub elements: Option<u64>,
    /// Mean time of one iteration.
    pub mean: Estimate,
    /// Median time of one iteration.
    pub median: Estimate,
    /// When criterion wrote these estimates (the file's modification time).
    pub measured_at: SystemTime,
    /// The `new/` directory the files were read from.
    pub dir: PathBuf,
}

impl Measurement {
    /// The load as a number, when it is one (it is for every lab so far).
    pub fn load_value(&self) -> Option<f64> {
        self.load.parse().ok()
    }

    /// Mean time of one operation, when the group declared how many an iteration does.
    pub fn mean_per_element(&self) -> Option<Estimate> {
        self.elements.filter(|&n| n > 0).map(|n| self.mean.per(n))
    }

    /// The mean per operation if known, else per iteration: the number a reader compares.
    pub fn headline(&self) -> Estimate {
        self.mean_per_element().unwrap_or(self.mean)
    }
}

/// Every measurement of one criterion group, that is one question asked of one lab.
#[derive(Debug, Clone)]
pub struct Group {
    /// The group id, `<lab>/<question>`.
    pub id: String,
    /// The measurements, sorted by load and then by variant (see [`compare_variants`]).
    pub measurements: Vec<Measurement>,
}

impl Group {
    /// The lab part of the id (before the first `/`).
    pub fn lab(&self) -> &str {
        self.id
            .split_once('/')
            .map_or(self.id.as_str(), |(lab, _)| lab)
    }

    /// The question part of the id (after the first `/`), also the generated files' name.
    pub fn question(&self) -> &str {
        self.id
            .split_once('/')
            .map_or(self.id.as_str(), |(_, question)| question)
    }

    /// Every variant in the group, `anti` first, then `fixed`, then the rest by name.
    pub fn variants(&self) -> Vec<&str> {
        let mut variants: Vec<&str> = self
            .measurements
            .iter()
            .map(|m| m.variant.as_str())
            .collect();
        variants.sort_by(|a, b| compare_variants(a, b));
        variants.dedup();
        variants
    }

    /// Every load in the group, smallest first (numerically when the loads are numbers).
    pub fn loads(&self) -> Vec<&str> {
        let mut loads: Vec<&str> = self.measurements.iter().map(|m| m.load.as_str()).collect();
        loads.sort_by(|a, b| compare_loads(a, b));
        loads.dedup();
        loads
    }

    /// The measurement of `variant` at `load`, if there is one.
    pub fn get(&self, variant: &str, load: &str) -> Option<&Measurement> {
        self.measurements
            .iter()
            .find(|m| m.variant == variant && m.load == load)
    }

    /// The (variant, load) pairs that are missing for the grid to be complete.
    ///
    /// A complete group has every variant at every load. A hole means the bench was stopped
    /// half-way, or filtered, or changed since it last ran: in every case the table would
    /// compare numbers from different runs, so the report refuses it.
    pub fn missing(&self) -> Vec<(String, String)> {
        let mut missing = Vec::new();
        for load in self.loads() {
            for variant in self.variants() {
                if self.get(variant, load).is_none() {
                    missing.push((variant.to_string(), load.to_string()));
                }
            }
        }
        missing
    }

    /// Whether the group declared `Throughput::Elements`, so times per operation exist.
    pub fn has_elements(&self) -> bool {
        self.measurements.iter().any(|m| m.elements.is_some())
    }

    /// When the oldest measurement in the group was written.
    pub fn oldest(&self) -> Option<SystemTime> {
        self.measurements.iter().map(|m| m.measured_at).min()
    }

    /// When the newest measurement in the group was written.
    pub fn newest(&self) -> Option<SystemTime> {
        self.measurements.iter().map(|m| m.measured_at).max()
    }
}

/// The order variants appear in, in every table and legend: `anti`, `fixed`, then by name.
///
/// Putting the anti-pattern and its fix first and in the same place everywhere lets a reader
/// who knows one chapter read the next one at a glance.
pub fn compare_variants(a: &str, b: &str) -> Ordering {
    fn rank(variant: &str) -> u8 {
        match variant {
            "anti" => 0,
            "fixed" => 1,
            _ => 2,
        }
    }
    rank(a).cmp(&rank(b)).then_with(|| a.cmp(b))
}

/// Loads sort as numbers when both are numbers (so 16 comes after 4), else as text.
pub fn compare_loads(a: &str, b: &str) -> Ordering {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.total_cmp(&y),
        _ => a.cmp(b),
    }
}

/// Why criterion's output could not be read, or did not hold what was asked for.
#[derive(Debug)]
pub enum Error {
    /// The criterion directory does not exist: nothing was benchmarked with this target dir.
    NoOutput(PathBuf),
    /// A file or directory could not be read.
    Io(PathBuf, std::io::Error),
    /// A file is not what criterion writes.
    Parse(PathBuf, String),
    /// No measurement belongs to the group (or lab) that was asked for.
    NotFound {
        /// The group id or lab id that was asked for.
        wanted: String,
        /// The criterion directory that was searched.
        dir: PathBuf,
        /// Every group id that does exist there, sorted.
        groups: Vec<String>,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoOutput(dir) => write!(f, "there is no criterion output in {}", dir.display()),
            Error::Io(path, err) => write!(f, "cannot read {}: {err}", path.display()),
            Error::Parse(path, err) => {
                write!(f, "{} is not criterion output: {err}", path.display())
            }
            Error::NotFound {
                wanted,
                dir,
                groups,
            } if groups.is_empty() => {
                write!(
                    f,
                    "no measurement of `{wanted}` in {} (it holds no benchmark groups)",
                    dir.display()
                )
            }
            Error::NotFound {
                wanted,
                dir,
                groups,
            } => write!(
                f,
                "no measurement of `{wanted}` in {}; it holds: {}",
                dir.display(),
                groups.join(", ")
            ),
        }
    }
}

impl std::error::Error for Error {}

/// The part of criterion's `benchmark.json` we use; criterion writes more fields.
#[derive(Deserialize)]
struct BenchmarkFile {
    group_id: String,
    function_id: Option<String>,
    value_str: Option<String>,
    /// Kept loose on purpose: criterion serialises its `Throughput` enum as `{"Elements": n}`,
    /// and reading it as plain JSON means a new kind of throughput in a later criterion does
    /// not stop us reading the times.
    throughput: Option<serde_json::Value>,
}

/// The part of criterion's `estimates.json` we use.
#[derive(Deserialize)]
struct EstimatesFile {
    mean: EstimateFile,
    median: EstimateFile,
}

#[derive(Deserialize)]
struct EstimateFile {
    confidence_interval: IntervalFile,
    point_estimate: f64,
}

#[derive(Deserialize)]
struct IntervalFile {
    confidence_level: f64,
    lower_bound: f64,
    upper_bound: f64,
}

impl From<EstimateFile> for Estimate {
    fn from(e: EstimateFile) -> Self {
        Estimate {
            point: e.point_estimate,
            lower: e.confidence_interval.lower_bound,
            upper: e.confidence_interval.upper_bound,
            confidence_level: e.confidence_interval.confidence_level,
        }
    }
}

/// Every benchmark criterion has measured in `criterion_dir` (`<target>/criterion`).
///
/// The target directory is a parameter rather than a guess because it moves: `CARGO_TARGET_DIR`
/// and `.cargo/config.toml` can put it anywhere, and `cargo metadata` is the one that knows.
pub fn load_all(criterion_dir: &Path) -> Result<Vec<Measurement>, Error> {
    if !criterion_dir.is_dir() {
        return Err(Error::NoOutput(criterion_dir.to_path_buf()));
    }
    let mut files = Vec::new();
    find_benchmark_files(criterion_dir, &mut files)?;
    // The directory walk's order depends on the file system; sort so every run agrees.
    files.sort();
    files.iter().map(|file| read_measurement(file)).collect()
}

/// Every group whose id starts with `<lab>/`, sorted by id.
pub fn load_lab(criterion_dir: &Path, lab: &str) -> Result<Vec<Group>, Error> {
    let prefix = format!("{lab}/");
    let all = load_all(criterion_dir)?;
    let groups = group_by_id(all.iter().filter(|m| m.group.starts_with(&prefix)).cloned());
    if groups.is_empty() {
        return Err(not_found(lab, criterion_dir, &all));
    }
    Ok(groups)
}

/// The group with this exact id (`<lab>/<question>`).
pub fn load_group(criterion_dir: &Path, group_id: &str) -> Result<Group, Error> {
    let all = load_all(criterion_dir)?;
    let mut groups = group_by_id(all.iter().filter(|m| m.group == group_id).cloned());
    groups
        .pop()
        .ok_or_else(|| not_found(group_id, criterion_dir, &all))
}

/// Sorts measurements into groups, each sorted by load and variant.
pub fn group_by_id(measurements: impl IntoIterator<Item = Measurement>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for m in measurements {
        match groups.iter_mut().find(|g| g.id == m.group) {
            Some(group) => group.measurements.push(m),
            None => groups.push(Group {
                id: m.group.clone(),
                measurements: vec![m],
            }),
        }
    }
    for group in &mut groups {
        group.measurements.sort_by(|a, b| {
            compare_loads(&a.load, &b.load).then_with(|| compare_variants(&a.variant, &b.variant))
        });
    }
    groups.sort_by(|a, b| a.id.cmp(&b.id));
    groups
}

fn not_found(wanted: &str, dir: &Path, all: &[Measurement]) -> Error {
    let mut groups: Vec<String> = all.iter().map(|m| m.group.clone()).collect();
    groups.sort();
    groups.dedup();
    Error::NotFound {
        wanted: wanted.to_string(),
        dir: dir.to_path_buf(),
        groups,
    }
}

/// Collects every `.../new/benchmark.json` below `dir`.
fn find_benchmark_files(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::Io(dir.to_path_buf(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::Io(dir.to_path_buf(), e))?;
        let path = entry.path();
        let file_type = entry.file_type().map_err(|e| Error::Io(path.clone(), e))?;
        if file_type.is_dir() {
            find_benchmark_files(&path, found)?;
        } else if entry.file_name() == "benchmark.json"
            && dir.file_name().is_some_and(|n| n == "new")
        {
            found.push(path);
        }
    }
    Ok(())
}

fn read_measurement(benchmark_file: &Path) -> Result<Measurement, Error> {
    let dir = benchmark_file
        .parent()
        .expect("a found file has a parent")
        .to_path_buf();
    let estimates_file = dir.join("estimates.json");
    let benchmark: BenchmarkFile = read_json(benchmark_file)?;
    let estimates: EstimatesFile = read_json(&estimates_file)?;
    let measured_at = std::fs::metadata(&estimates_file)
        .and_then(|m| m.modified())
        .map_err(|e| Error::Io(estimates_file.clone(), e))?;
    Ok(Measurement {
        group: benchmark.group_id,
        variant: benchmark.function_id.unwrap_or_default(),
        load: benchmark.value_str.unwrap_or_default(),
        elements: benchmark.throughput.as_ref().and_then(elements),
        mean: estimates.mean.into(),
        median: estimates.median.into(),
        measured_at,
        dir,
    })
}

/// The element count of a throughput, for the two kinds that count elements.
fn elements(throughput: &serde_json::Value) -> Option<u64> {
    throughput
        .get("Elements")
        .and_then(|n| n.as_u64())
        .or_else(|| {
            throughput
                .get("ElementsAndBytes")?
                .get("elements")?
                .as_u64()
        })
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io(path.to_path_buf(), e))?;
    serde_json::from_str(&text).map_err(|e| Error::Parse(path.to_path_buf(), e.to_string()))
}
