//! `cargo xtask new-lab`, tried as a contributor would: in a scratch copy of this checkout.
//!
//! The copy holds every file git tracks (and the untracked ones it does not ignore), so it is
//! the workspace as a clean clone would have it. The tests prove the three promises of the
//! lab kit: a new lab touches only its own pieces and the files `cargo xtask generate` derives;
//! it builds and is lint-clean from the first minute; and the completeness check lists exactly
//! the pieces that are still scaffolds. They also prove that the commands act on the checkout
//! they are started in, never on the tree they were built in: the copy is a moved checkout
//! sharing this build's binaries.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use catalogue::Catalogue;
use xtask::new_lab::{self, NewLab};

/// The checkout the tests run in.
fn root() -> PathBuf {
    catalogue::workspace_root().expect("the tests run inside the checkout")
}

/// A scratch copy of the checkout's source files (no build output, no `.git`).
fn copy_checkout() -> tempfile::TempDir {
    let root = root();
    let listed = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(&root)
        .output()
        .expect("git lists the checkout's files");
    assert!(listed.status.success(), "git ls-files failed");
    let copy = tempfile::Builder::new()
        .prefix("new-lab-")
        .tempdir()
        .unwrap();
    for name in listed.stdout.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = Path::new(std::str::from_utf8(name).expect("UTF-8 paths"));
        let (from, to) = (root.join(name), copy.path().join(name));
        // A file deleted in the work tree but still in the index is not part of the tree.
        if !from.is_file() {
            continue;
        }
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(&from, &to).unwrap();
    }
    copy
}

/// Every file below `dir` with its contents, for comparing a tree before and after.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for item in fs::read_dir(&next).unwrap().flatten() {
            let path = item.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_path_buf();
                files.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn lab() -> NewLab {
    NewLab {
        id: "sleep-in-select".into(),
        title: "A sleep rebuilt in a select loop".into(),
        file: "ticker".into(),
    }
}

#[test]
fn a_new_lab_touches_only_its_pieces_and_the_generated_files_and_is_listed_as_unfinished() {
    let copy = copy_checkout();
    let before = snapshot(copy.path());
    let written = new_lab::scaffold(copy.path(), &lab()).unwrap();
    let after = snapshot(copy.path());

    let catalogue = Catalogue::load(copy.path()).unwrap();
    let entry = catalogue.get("sleep-in-select").unwrap();
    let pieces = entry.pieces();
    let generated = [Path::new("Cargo.toml"), Path::new("book/src/SUMMARY.md")];
    let changed: Vec<&PathBuf> = after
        .iter()
        .filter(|(path, text)| before.get(*path) != Some(text))
        .map(|(path, _)| path)
        .collect();
    for path in &changed {
        assert!(
            pieces.iter().any(|piece| path.starts_with(piece))
                || generated.contains(&path.as_path()),
            "new-lab wrote {}, which is neither a piece of the lab nor a generated file",
            path.display()
        );
    }
    assert!(
        before.keys().all(|path| after.contains_key(path)),
        "new-lab deleted a file"
    );
    for file in generated {
        assert!(
            changed.contains(&&file.to_path_buf()),
            "{} was not regenerated",
            file.display()
        );
    }
    assert_eq!(
        changed.len(),
        written.len(),
        "new-lab reports what it wrote: {written:?}"
    );

    // Exactly the scaffolded files, and the exercise's missing alternatives, are unfinished.
    let unfinished = catalogue.unfinished(entry);
    let mut scaffolds: Vec<String> = written
        .iter()
        .filter(|path| !generated.contains(&path.as_path()))
        .map(|path| format!("{} is still a scaffold", path.display()))
        .collect();
    scaffolds.sort();
    let mut listed: Vec<String> = unfinished
        .iter()
        .filter(|line| line.ends_with("is still a scaffold"))
        .cloned()
        .collect();
    listed.sort();
    assert_eq!(listed, scaffolds);
    assert!(
        unfinished
            .iter()
            .any(|l| l.contains("checks/fail holds 1 of at least 8"))
    );
    assert!(
        unfinished
            .iter()
            .any(|l| l.contains("checks/pass holds 1 of at least 3"))
    );

    // Running it twice is refused, and refused before anything is written.
    let again = new_lab::scaffold(copy.path(), &lab()).unwrap_err();
    assert!(again.to_string().contains("already"), "{again}");
    assert_eq!(snapshot(copy.path()), after);
}

#[test]
fn bad_ids_are_refused_before_anything_is_written() {
    let copy = copy_checkout();
    let before = snapshot(copy.path());
    for id in ["Upper", "under_score", "../escape", "runtime-per-call"] {
        let lab = NewLab {
            id: id.into(),
            ..lab()
        };
        assert!(
            new_lab::scaffold(copy.path(), &lab).is_err(),
            "{id} was accepted"
        );
    }
    assert_eq!(snapshot(copy.path()), before);
}

/// Removes the labs from the copy, leaving the kit (libraries, commands, book skeleton).
///
/// A new lab builds on the kit alone, so that is all its build check needs. The bench's check
/// in particular builds the root package, which depends on every lab: with them all in place,
/// each lab added to the project would make this test build its dependencies too. Labs with a
/// loom crate stay: the root manifest's `labs/*/loom` members pattern must match something.
fn remove_labs(copy: &Path) {
    let entries = fs::read_dir(copy.join("anti-patterns")).unwrap();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let id = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if copy.join("labs").join(&id).join("loom").is_dir() {
            continue;
        }
        fs::remove_file(&path).unwrap();
        for dir in [
            format!("labs/{id}"),
            format!("exercises/{id}"),
            format!("book/src/generated/{id}"),
        ] {
            let _ = fs::remove_dir_all(copy.join(dir));
        }
        for file in [format!("benches/{id}.rs"), format!("book/src/labs/{id}.md")] {
            let _ = fs::remove_file(copy.join(file));
        }
    }
}

#[test]
fn the_scaffold_builds_lint_clean_and_its_exercise_fails_on_the_starter() {
    let copy = copy_checkout();
    remove_labs(copy.path());
    new_lab::scaffold(copy.path(), &lab()).unwrap();
    // A target directory of its own, kept between runs so only the first one builds the
    // dependencies; `cargo` is the one running these tests.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("scaffold-check");
    let cargo = |args: &[&str]| {
        let output = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(copy.path())
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .expect("cargo runs");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (ok, stderr) = cargo(&[
        "clippy",
        "--quiet",
        "-p",
        "sleep-in-select",
        "-p",
        "exercise-sleep-in-select",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]);
    assert!(ok, "the scaffold does not build lint-clean:\n{stderr}");
    let (ok, stderr) = cargo(&[
        "clippy",
        "--quiet",
        "-p",
        "async-lab",
        "--bench",
        "sleep-in-select",
        "--",
        "-D",
        "warnings",
    ]);
    assert!(
        ok,
        "the scaffold's bench does not build lint-clean:\n{stderr}"
    );
    // The starter fails its tests and the reference passes them, as in every exercise.
    let (ok, _) = cargo(&["test", "--quiet", "-p", "exercise-sleep-in-select"]);
    assert!(!ok, "the scaffold's starter passes its tests");
    let (ok, stderr) = cargo(&[
        "test",
        "--quiet",
        "-p",
        "exercise-sleep-in-select",
        "--features",
        "reference",
    ]);
    assert!(ok, "the scaffold's reference fails its tests:\n{stderr}");
}

#[test]
fn a_moved_checkout_is_acted_on_where_it_is_not_where_it_was_built() {
    let copy = copy_checkout();
    // Rename a lab in the copy only; the command built from this checkout must see the copy.
    let entry = copy.path().join("anti-patterns/runtime-per-call.toml");
    let text = fs::read_to_string(&entry).unwrap();
    fs::write(&entry, text.replacen("title = \"", "title = \"Moved: ", 1)).unwrap();
    let summary = |root: &Path| fs::read_to_string(root.join("book/src/SUMMARY.md")).unwrap();
    let ours = summary(&root());

    let xtask = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .current_dir(copy.path().join("labs"))
            .output()
            .expect("xtask runs")
    };
    let check = xtask(&["generate", "--check"]);
    assert!(!check.status.success());
    assert!(String::from_utf8_lossy(&check.stderr).contains("book/src/SUMMARY.md"));
    assert!(xtask(&["generate"]).status.success());
    assert!(
        summary(copy.path()).contains("[Moved: "),
        "the copy was not regenerated"
    );
    assert_eq!(
        summary(&root()),
        ours,
        "the command wrote into the tree it was built in"
    );
}
