//! The exercises, as the catalogue lists them and as they sit on disk and in git.
//!
//! Nothing here runs anything. An [`Exercise`] only knows where its pieces live, found by the
//! convention in `anti-patterns/README.md`: the catalogue entry names the learner's file
//! (`src/<file>.rs`), the reference fix is the same name under `solution/`, the hint is
//! `hint.md`, and the *starter* is the learner's file as the project committed it, read from git.
//!
//! Keeping the starter in git instead of a copy on disk means there is one version of it to
//! review, `reset` gives what `verify` checked, and a learner's progress lives in the files they
//! edit rather than in a state file that could disagree with them.
//!
//! "As the project committed it" is not simply `HEAD`: a learner may commit their fix, and then
//! `HEAD` holds their fix, not the starter. The project's commits are told from the learner's by
//! where they came from: what was cloned or fetched is reachable from a remote-tracking branch
//! (`refs/remotes/upstream/*` if there is an `upstream` remote, the usual name for the project
//! in a fork, else any remote), and the learner's own commits sit on top, reachable from `HEAD`
//! only. So the starter is the file at the newest commit of `HEAD`'s history that a
//! remote-tracking branch also has ([`Exercise::starter`]). A checkout with no remotes (an
//! unpacked archive put in git, a maintainer's own repository) falls back to `HEAD`. `verify`,
//! the maintainers' check, always checks `HEAD` ([`Exercise::committed`]): what CI will see.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use catalogue::Catalogue;

/// The workshop: the workspace it works in and the exercises in catalogue order.
pub struct Workshop {
    /// The workspace root (where `Cargo.toml` and `anti-patterns/` are).
    pub root: PathBuf,
    /// Every exercise, in the order a learner should do them.
    pub exercises: Vec<Exercise>,
    /// How long an exercise's test binaries may run, all together, before we call it a hang.
    pub timeout: Duration,
    /// Bytes of memory each test process may map.
    pub memory_limit: u64,
}

/// One exercise: `exercises/<id>/`.
pub struct Exercise {
    /// The catalogue id, also the directory name.
    pub id: String,
    /// The chapter title, shown beside the id.
    pub title: String,
    /// The cargo package (`exercise-<id>`).
    pub package: String,
    /// `exercises/<id>`, absolute.
    pub dir: PathBuf,
    /// The learner's file relative to `dir`, as the catalogue gives it (`src/<file>.rs`).
    pub file: PathBuf,
    /// The learner's file relative to the workspace root, for messages a learner can click.
    pub shown: PathBuf,
}

/// How the learner's file compares with the committed starter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edits {
    /// Byte for byte the starter: the exercise has not been started.
    None,
    /// The learner has changed it (whether or not they committed the change).
    Some,
    /// git has no starter to compare with (not a git checkout, or the file is not committed);
    /// carries git's complaint.
    NoStarter(String),
}

impl Workshop {
    /// Reads the catalogue at `root` and lays out its exercises.
    pub fn load(root: &Path, timeout: Duration, memory_limit: u64) -> Result<Self> {
        let catalogue = Catalogue::load(root)?;
        let exercises = catalogue
            .entries()
            .iter()
            .map(|entry| Exercise::new(root, entry))
            .collect();
        Ok(Workshop {
            root: root.to_path_buf(),
            exercises,
            timeout,
            memory_limit,
        })
    }

    /// The exercise with this id, or the catalogue's "unknown ... valid ...: ..." error.
    ///
    /// `Catalogue::get` would say "unknown lab"; a learner typed an exercise name, so we build
    /// the same error with the right noun. `main` recognises it and exits with status 2.
    pub fn find(&self, id: &str) -> Result<&Exercise, catalogue::Error> {
        self.exercises
            .iter()
            .find(|e| e.id == id)
            .ok_or_else(|| catalogue::Error::Unknown {
                kind: "exercise",
                name: id.to_string(),
                valid: self.exercises.iter().map(|e| e.id.clone()).collect(),
            })
    }
}

impl Exercise {
    fn new(root: &Path, entry: &catalogue::Entry) -> Self {
        let dir = root.join(entry.exercise_dir());
        let file = PathBuf::from(&entry.exercise.file);
        Exercise {
            id: entry.id.clone(),
            title: entry.title.clone(),
            package: entry.exercise_package(),
            shown: entry.exercise_dir().join(&file),
            dir,
            file,
        }
    }

    /// The learner's file, absolute.
    pub fn learner_file(&self) -> PathBuf {
        self.dir.join(&self.file)
    }

    /// The reference fix: `solution/<file>.rs`, the learner's path with `src/` swapped.
    pub fn solution_file(&self) -> PathBuf {
        let inside_src = self.file.strip_prefix("src").unwrap_or(&self.file);
        self.dir.join("solution").join(inside_src)
    }

    /// The hint, `hint.md`.
    pub fn hint_file(&self) -> PathBuf {
        self.dir.join("hint.md")
    }

    /// The learner's file as it is now.
    pub fn current(&self) -> Result<Vec<u8>> {
        let path = self.learner_file();
        std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))
    }

    /// The learner's file as committed at git `HEAD`: what `verify` checks.
    pub fn committed(&self) -> Result<Vec<u8>> {
        self.show("HEAD")
    }

    /// The starter: the learner's file at the project's newest commit in `HEAD`'s history (see
    /// the module's story), so that a learner who committed their fix is not taken for one who
    /// has not started.
    pub fn starter(&self) -> Result<Vec<u8>> {
        let base = self.project_commit()?;
        self.show(&base)
    }

    /// The newest commit of `HEAD`'s history that a remote-tracking branch also has, or `HEAD`.
    fn project_commit(&self) -> Result<String> {
        let refs = |pattern: &str| -> Result<Vec<String>> {
            Ok(self
                .git(&["for-each-ref", "--format=%(objectname)", pattern])?
                .lines()
                .map(str::to_string)
                .collect())
        };
        let mut remotes = refs("refs/remotes/upstream/")?;
        if remotes.is_empty() {
            remotes = refs("refs/remotes/")?;
        }
        // Where HEAD's history meets each remote branch; the newest of those meeting points is
        // the one no other is a descendant of, which `rev-list --topo-order` lists first.
        let mut bases = Vec::new();
        for remote in &remotes {
            // No common history with that remote (an unrelated one): it says nothing here.
            if let Ok(base) = self.git(&["merge-base", "HEAD", remote]) {
                bases.push(base.trim().to_string());
            }
        }
        if bases.is_empty() {
            return Ok("HEAD".to_string());
        }
        let mut args = vec!["rev-list", "--topo-order", "--max-count=1"];
        args.extend(bases.iter().map(String::as_str));
        Ok(self.git(&args)?.trim().to_string())
    }

    /// The learner's file as it is in `commit`.
    fn show(&self, commit: &str) -> Result<Vec<u8>> {
        // `<commit>:./<path>` is resolved relative to the directory git runs in, so this works
        // whether or not the workspace root is also the root of the git repository.
        let spec = format!("{commit}:./{}", self.file.display());
        let output = Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .args(["show", &spec])
            .output()
            .context("cannot run git (the starter of each exercise is read from git)")?;
        if !output.status.success() {
            let complaint = String::from_utf8_lossy(&output.stderr).trim().to_string();
            return Err(anyhow!(
                "git has no committed starter for {} (the starter is read from git): {complaint}",
                self.shown.display()
            ));
        }
        Ok(output.stdout)
    }

    /// Runs git in the exercise's directory and returns what it printed.
    fn git(&self, args: &[&str]) -> Result<String> {
        let output = Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .args(args)
            .output()
            .context("cannot run git (the starter of each exercise is read from git)")?;
        if !output.status.success() {
            let complaint = String::from_utf8_lossy(&output.stderr).trim().to_string();
            return Err(anyhow!("git {}: {complaint}", args.join(" ")));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// Whether the learner has touched their file.
    pub fn edits(&self) -> Result<Edits> {
        let current = self.current()?;
        Ok(match self.starter() {
            Ok(starter) if starter == current => Edits::None,
            Ok(_) => Edits::Some,
            Err(err) => Edits::NoStarter(err.to_string()),
        })
    }
}
