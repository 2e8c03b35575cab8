//! The exercises, as the catalogue lists them and as they sit on disk and in git.
//!
//! Nothing here runs anything. An [`Exercise`] only knows where its pieces live, found by the
//! convention in `anti-patterns/README.md`: the catalogue entry names the learner's file
//! (`src/<file>.rs`), the reference fix is the same name under `solution/`, the hint is
//! `hint.md`, and the *starter* is whatever git has committed for the learner's file at `HEAD`.
//!
//! Keeping the starter in git instead of a copy on disk means there is one version of it to
//! review, `reset` cannot drift from what `verify` checks, and a learner's progress lives in the
//! files they edit rather than in a state file that could disagree with them.

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
    /// How long one test binary may run before we call it a hang.
    pub timeout: Duration,
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
    /// The learner has changed it.
    Some,
    /// git has no starter to compare with (not a git checkout, or the file is not committed);
    /// carries git's complaint.
    NoStarter(String),
}

impl Workshop {
    /// Reads the catalogue at `root` and lays out its exercises.
    pub fn load(root: &Path, timeout: Duration) -> Result<Self> {
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

    /// The starter: the learner's file as committed at git `HEAD`.
    ///
    /// `HEAD:./<path>` is resolved relative to the directory git runs in, so this works whether
    /// or not the workspace root is also the root of the git repository.
    pub fn starter(&self) -> Result<Vec<u8>> {
        let spec = format!("HEAD:./{}", self.file.display());
        let output = Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .args(["show", &spec])
            .output()
            .context("cannot run git (the starter of each exercise is read from git)")?;
        if !output.status.success() {
            let complaint = String::from_utf8_lossy(&output.stderr).trim().to_string();
            return Err(anyhow!(
                "git has no committed starter for {} (the starter is the version in git HEAD): {complaint}",
                self.shown.display()
            ));
        }
        Ok(output.stdout)
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
