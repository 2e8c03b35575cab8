//! The catalogue: one TOML file per anti-pattern in `anti-patterns/`.
//!
//! Every other part of the project follows this list instead of keeping its own. The book's
//! index, the workshop's order, the measurement run and the completeness checks in `tests/`
//! all start from [`Catalogue::load`]. Where things live is derived from an entry's id by one
//! convention (see the path methods on [`Entry`]), so adding a lab means adding one entry and
//! one crate, not editing a list in five places.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Every entry of `anti-patterns/`, in the order a learner should meet them.
#[derive(Debug, Clone)]
pub struct Catalogue {
    root: PathBuf,
    entries: Vec<Entry>,
}

/// One anti-pattern and its lab, as written in `anti-patterns/<id>.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Short kebab-case name; also the lab crate's package name and directory.
    pub id: String,
    /// Position in the book and the workshop (1 comes first).
    pub order: u32,
    /// Title of the chapter.
    pub title: String,
    /// What goes wrong, in two or three sentences.
    pub problem: String,
    /// Ways to catch the pattern in your own code, each one line.
    pub detect: Vec<String>,
    /// The rules of the static scanner (`detect/scanner`, `cargo async-scan`) that flag this
    /// anti-pattern, by id. The lab's anti code marks each expected finding with
    /// `// scan: expect(<rule>)`, and the scanner's self-check holds the two lists equal.
    /// Empty (or absent) when no static rule covers the pattern.
    #[serde(default)]
    pub scanner: Vec<String>,
    /// The workshop exercise that starts from the anti-pattern.
    pub exercise: Exercise,
    /// Claims from popular guides that the lab checks by measurement.
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// tokio-console snapshots for the chapter; absent when the runtime sees no difference.
    #[serde(default)]
    pub console: Option<Console>,
    /// What the load (criterion's parameter) counts in each bench group, keyed by the group's
    /// question: `callers = "calling threads"`. It labels the tables and plots.
    #[serde(default)]
    pub loads: BTreeMap<String, String>,
    /// What a bench group measures, keyed by its question, when it is not the time of an
    /// iteration: `lateness = "worst heartbeat lateness"`. It labels the tables and plots.
    #[serde(default)]
    pub measures: BTreeMap<String, String>,
}

/// Which variants of a lab's demo are captured in tokio-console, and what the lint must say.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Console {
    /// Variant names, as the lab's `demo` binary accepts them (`anti`, `fixed`, ...). Each is
    /// captured for the chapter and recorded as a fixture of the console lint's tests.
    pub variants: Vec<String>,
    /// The captured variants whose long polls the long-poll lint must flag; it must stay
    /// silent on every other one. Empty when the anti-pattern blocks no thread.
    #[serde(default)]
    pub flagged: Vec<String>,
    /// Extra arguments for the demo when it is recorded as a test fixture (a smaller
    /// workload keeps the file small); the chapter's capture uses the demo's defaults.
    #[serde(default)]
    pub fixture_args: Vec<String>,
    /// Flagged variants the stall detector cannot see at all (tasks on a `LocalSet`, which
    /// Tokio's task hooks do not cover, or a cost that is no long poll, such as N tasks
    /// queued at once): its survey lists them as misses, never hides them, and its check in
    /// the test command expects it to stay silent on them. Say why beside the list.
    #[serde(default)]
    pub stall_unseen: Vec<String>,
    /// The runtime flavour the demo runs on when it is not given `--flavor`; multi-thread
    /// unless the entry says `flavour = "current-thread"`. The stall detector's check in the
    /// test command runs each variant on this flavour only; its survey for the book runs both.
    #[serde(default)]
    pub flavour: Flavour,
}

/// A Tokio runtime flavour, as the demos' `--flavor` spells it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flavour {
    /// `Builder::new_multi_thread`, Tokio's default.
    #[default]
    MultiThread,
    /// `Builder::new_current_thread`.
    CurrentThread,
}

impl Flavour {
    /// The name `--flavor` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Flavour::MultiThread => "multi-thread",
            Flavour::CurrentThread => "current-thread",
        }
    }
}

/// Where the learner works in an exercise.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// The file the learner edits, relative to the exercise directory (`src/<name>.rs`).
    pub file: String,
}

/// A claim that a guide makes about the pattern, and the lab's measured verdict on it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable key; the lab's probe reports its verdict under this key.
    pub id: String,
    /// The claim, paraphrased.
    pub claim: String,
}

/// Why the catalogue could not be read, or a name was not in it.
#[derive(Debug)]
pub enum Error {
    /// `anti-patterns/` or one of its files could not be read.
    Io(PathBuf, std::io::Error),
    /// A file is not a valid entry.
    Parse(PathBuf, String),
    /// Two entries share an id or an order.
    Duplicate(String),
    /// The command was started outside a checkout of this project.
    NotInWorkspace(PathBuf),
    /// A lab, exercise or variant name that does not exist; carries the valid names.
    Unknown {
        /// What kind of name it was ("lab", "exercise", ...).
        kind: &'static str,
        /// The name that was asked for.
        name: String,
        /// Every valid name, in catalogue order.
        valid: Vec<String>,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(path, err) => write!(f, "cannot read {}: {err}", path.display()),
            Error::Parse(path, err) => write!(
                f,
                "{} is not a valid catalogue entry: {err}",
                path.display()
            ),
            Error::Duplicate(what) => write!(f, "the catalogue is inconsistent: {what}"),
            Error::NotInWorkspace(dir) => write!(
                f,
                "{} is not inside a checkout of this project (no folder above it holds \
                 Cargo.toml and anti-patterns/); run the command from the checkout",
                dir.display()
            ),
            Error::Unknown { kind, name, valid } => {
                write!(
                    f,
                    "unknown {kind} `{name}`; valid {kind}s: {}",
                    valid.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for Error {}

impl Catalogue {
    /// Reads every `*.toml` file in `<root>/anti-patterns`, sorted by `order`.
    pub fn load(root: &Path) -> Result<Self, Error> {
        let dir = root.join("anti-patterns");
        let read_dir = std::fs::read_dir(&dir).map_err(|e| Error::Io(dir.clone(), e))?;
        let mut entries = Vec::new();
        for item in read_dir {
            let path = item.map_err(|e| Error::Io(dir.clone(), e))?.path();
            if path.extension().is_none_or(|ext| ext != "toml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| Error::Io(path.clone(), e))?;
            let entry: Entry =
                toml::from_str(&text).map_err(|e| Error::Parse(path.clone(), e.to_string()))?;
            // The file name is how people find an entry, so it must match the id inside.
            if path.file_stem().and_then(|s| s.to_str()) != Some(entry.id.as_str()) {
                return Err(Error::Parse(
                    path,
                    format!("the id `{}` must match the file name", entry.id),
                ));
            }
            entries.push(entry);
        }
        entries.sort_by_key(|e| e.order);
        for pair in entries.windows(2) {
            if pair[0].order == pair[1].order {
                return Err(Error::Duplicate(format!(
                    "`{}` and `{}` share order {}",
                    pair[0].id, pair[1].id, pair[0].order
                )));
            }
        }
        Ok(Catalogue {
            root: root.to_path_buf(),
            entries,
        })
    }

    /// Loads the catalogue of the workspace the current directory is in.
    pub fn load_workspace() -> Result<Self, Error> {
        Self::load(&workspace_root()?)
    }

    /// The workspace root the catalogue was read from.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every entry, in catalogue order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id, or an error that lists the valid ids.
    pub fn get(&self, id: &str) -> Result<&Entry, Error> {
        self.entries
            .iter()
            .find(|e| e.id == id)
            .ok_or_else(|| Error::Unknown {
                kind: "lab",
                name: id.to_string(),
                valid: self.ids(),
            })
    }

    /// What `entry` still lacks to be a finished lab, one line per piece: each file that
    /// still carries [`SCAFFOLD_MARKER`], and an exercise with too few alternative answers
    /// (see [`WRONG_FIXES`] and [`RIGHT_FIXES`]). Empty for a finished lab.
    pub fn unfinished(&self, entry: &Entry) -> Vec<String> {
        let root = &self.root;
        let mut missing = Vec::new();
        for piece in entry.pieces() {
            for file in files_below(&root.join(piece)) {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                if text.contains(SCAFFOLD_MARKER) {
                    let shown = file.strip_prefix(root).unwrap_or(&file);
                    missing.push(format!("{} is still a scaffold", shown.display()));
                }
            }
        }
        let checks = root.join(entry.exercise_dir()).join("checks");
        let answers = |kind: &str| {
            files_below(&checks.join(kind))
                .iter()
                .filter(|f| f.extension().is_some_and(|e| e == "rs"))
                .count()
        };
        let (fail, pass) = (answers("fail"), answers("pass"));
        if fail < WRONG_FIXES {
            missing.push(format!(
                "{}/checks/fail holds {fail} of at least {WRONG_FIXES} wrong fixes",
                entry.exercise_dir().display()
            ));
        }
        if pass < RIGHT_FIXES {
            missing.push(format!(
                "{}/checks/pass holds {pass} of at least {RIGHT_FIXES} right fixes",
                entry.exercise_dir().display()
            ));
        }
        missing
    }

    /// Every id, in catalogue order.
    pub fn ids(&self) -> Vec<String> {
        self.entries.iter().map(|e| e.id.clone()).collect()
    }
}

/// The words `cargo xtask new-lab` leaves in every piece it scaffolds, until replaced.
pub const SCAFFOLD_MARKER: &str = "scaffold: replace";
/// An exercise's `checks/fail` holds at least this many plausible wrong fixes.
pub const WRONG_FIXES: usize = 8;
/// An exercise's `checks/pass` holds at least this many right fixes unlike the reference.
pub const RIGHT_FIXES: usize = 3;

/// Every file below `path` (or `path` itself, if it is a file), sorted; build output skipped.
fn files_below(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    for item in std::fs::read_dir(path).into_iter().flatten().flatten() {
        let path = item.path();
        if path.file_name().is_some_and(|name| name == "target") {
            continue;
        }
        files.extend(files_below(&path));
    }
    files.sort();
    files
}

impl Entry {
    /// Every piece a lab is made of, relative to the workspace root: the entry itself, the
    /// lab crate, the bench, the exercise and the chapter. Adding a lab writes these and
    /// nothing else (but the files `cargo xtask generate` derives).
    pub fn pieces(&self) -> [PathBuf; 5] {
        [
            Path::new("anti-patterns").join(format!("{}.toml", self.id)),
            self.lab_dir(),
            self.bench_file(),
            self.exercise_dir(),
            self.chapter(),
        ]
    }

    /// The lab crate's directory, relative to the workspace root.
    pub fn lab_dir(&self) -> PathBuf {
        Path::new("labs").join(&self.id)
    }

    /// The lab crate's package name (`cargo -p <package>`).
    pub fn package(&self) -> &str {
        &self.id
    }

    /// The criterion bench target in `benches/` (`cargo bench --bench <target>`): the id.
    pub fn bench_target(&self) -> &str {
        &self.id
    }

    /// The bench source file, relative to the workspace root.
    pub fn bench_file(&self) -> PathBuf {
        Path::new("benches").join(format!("{}.rs", self.id))
    }

    /// The exercise crate's directory, relative to the workspace root.
    pub fn exercise_dir(&self) -> PathBuf {
        Path::new("exercises").join(&self.id)
    }

    /// The exercise crate's package name.
    pub fn exercise_package(&self) -> String {
        format!("exercise-{}", self.id)
    }

    /// The chapter, relative to the workspace root.
    pub fn chapter(&self) -> PathBuf {
        Path::new("book/src/labs").join(format!("{}.md", self.id))
    }

    /// What the load of the bench group `question` counts, for labels ("load" when unsaid).
    pub fn load_name(&self, question: &str) -> &str {
        self.loads.get(question).map_or("load", String::as_str)
    }

    /// What the bench group `question` measures, for labels ("mean time" when unsaid).
    pub fn measure_name(&self, question: &str) -> &str {
        self.measures
            .get(question)
            .map_or("mean time", String::as_str)
    }

    /// Where the measurement run writes this lab's tables and plots for the chapter.
    pub fn generated_dir(&self) -> PathBuf {
        Path::new("book/src/generated").join(&self.id)
    }
}

/// The workspace root, found at run time: the nearest directory at or above the current one
/// that holds both a `Cargo.toml` and an `anti-patterns/` folder.
///
/// Why not `env!("CARGO_MANIFEST_DIR")`: that is the path of the tree the binary was *built*
/// in. A copied checkout, or two checkouts sharing one `CARGO_TARGET_DIR`, would then read and
/// write the other tree. Cargo runs tests from their package's directory and `cargo run` from
/// wherever the user stands, so walking up from the current directory finds the tree the
/// command was started in, every time.
pub fn workspace_root() -> Result<PathBuf, Error> {
    let start = std::env::current_dir().map_err(|e| Error::Io(PathBuf::from("."), e))?;
    find_root(&start).ok_or(Error::NotInWorkspace(start))
}

/// The nearest directory at or above `start` that looks like this project's workspace root.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join("Cargo.toml").is_file() && dir.join("anti-patterns").is_dir())
        .map(Path::to_path_buf)
}
