//! Every lab is complete, and nothing exists outside the catalogue.
//!
//! The catalogue (`anti-patterns/*.toml`) is the one list of labs. These checks walk it and
//! fail, naming the missing piece, when an entry lacks its lab crate, bench, exercise, hint,
//! chapter or generated results, or when a crate under `labs/` or `exercises/` has no entry.
//! What "complete" means is `../shared/LAB-CONTRACT.md`; where the files live is
//! `anti-patterns/README.md`.

use std::collections::BTreeSet;
use std::path::Path;

use catalogue::{Catalogue, Entry};

fn catalogue() -> Catalogue {
    Catalogue::load_workspace().unwrap_or_else(|err| panic!("{err}"))
}

fn read(root: &Path, path: &Path) -> String {
    std::fs::read_to_string(root.join(path))
        .unwrap_or_else(|err| panic!("{} is missing or unreadable: {err}", path.display()))
}

/// Directory names under `<root>/<dir>` that hold a Cargo.toml.
fn crates_under(root: &Path, dir: &str) -> BTreeSet<String> {
    std::fs::read_dir(root.join(dir))
        .unwrap_or_else(|err| panic!("cannot list {dir}/: {err}"))
        .filter_map(|item| item.ok())
        .filter(|item| item.path().join("Cargo.toml").is_file())
        .map(|item| item.file_name().to_string_lossy().into_owned())
        .collect()
}

/// A manifest, parsed.
fn manifest(root: &Path, path: &Path) -> toml::Table {
    read(root, path)
        .parse()
        .unwrap_or_else(|err| panic!("{} is not valid TOML: {err}", path.display()))
}

/// The `name` of a manifest's `[package]`.
fn package_name(manifest: &toml::Table) -> Option<&str> {
    manifest.get("package")?.get("name")?.as_str()
}

/// Whether a target table (`[lib]`, a `[[bin]]`) opts out of `cargo bench`.
fn opts_out_of_bench(target: &toml::Value) -> bool {
    target.get("bench").and_then(toml::Value::as_bool) == Some(false)
}

#[test]
fn the_catalogue_loads_and_has_labs() {
    let catalogue = catalogue();
    assert!(
        !catalogue.entries().is_empty(),
        "anti-patterns/ holds no entry"
    );
    for entry in catalogue.entries() {
        assert!(
            !entry.problem.trim().is_empty(),
            "{}: `problem` is empty",
            entry.id
        );
        assert!(
            !entry.detect.is_empty(),
            "{}: say how to detect it (`detect`)",
            entry.id
        );
    }
}

#[test]
fn every_entry_has_its_lab_crate() {
    let catalogue = catalogue();
    for entry in catalogue.entries() {
        let manifest = manifest(catalogue.root(), &entry.lab_dir().join("Cargo.toml"));
        assert_eq!(
            package_name(&manifest),
            Some(entry.package()),
            "{}",
            entry.id
        );
        // libtest targets reject criterion's flags, so `cargo bench -- --quick` would fail.
        let lib = manifest.get("lib");
        let bins = manifest.get("bin").and_then(toml::Value::as_array);
        assert!(
            lib.is_some_and(opts_out_of_bench) && bins.into_iter().flatten().all(opts_out_of_bench),
            "{}: set `bench = false` on the lab's [lib] and every [[bin]]",
            entry.id
        );
    }
}

#[test]
fn every_entry_has_a_registered_criterion_bench() {
    let catalogue = catalogue();
    let root_manifest = manifest(catalogue.root(), Path::new("Cargo.toml"));
    let benches = root_manifest.get("bench").and_then(toml::Value::as_array);
    for entry in catalogue.entries() {
        let source = read(catalogue.root(), &entry.bench_file());
        let registered = benches.into_iter().flatten().any(|bench| {
            bench.get("name").and_then(toml::Value::as_str) == Some(entry.bench_target())
                && bench.get("harness").and_then(toml::Value::as_bool) == Some(false)
        });
        assert!(
            registered,
            "{}: register the bench in the root Cargo.toml: [[bench]] name = \"{}\" harness = false",
            entry.id,
            entry.bench_target()
        );
        let group = format!("\"{}/", entry.id);
        assert!(
            source.contains(&group),
            "{}: name the bench's criterion groups \"{}/<question>\"",
            entry.id,
            entry.id
        );
    }
}

/// The Rust sources of a binary target: its file, or every file beside a `main.rs` in a
/// directory of its own (`src/bin/probe/main.rs` and its modules).
fn bin_sources(lab: &Path, bin: &toml::Value) -> Vec<std::path::PathBuf> {
    let name = bin.get("name").and_then(toml::Value::as_str).unwrap_or("");
    let main = match bin.get("path").and_then(toml::Value::as_str) {
        Some(path) => lab.join(path),
        None if lab.join(format!("src/bin/{name}.rs")).is_file() => {
            lab.join(format!("src/bin/{name}.rs"))
        }
        None => lab.join(format!("src/bin/{name}/main.rs")),
    };
    if main.file_name().is_some_and(|f| f == "main.rs") && main.parent() != Some(&lab.join("src")) {
        let dir = main.parent().expect("a main.rs has a folder");
        std::fs::read_dir(dir)
            .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
            .filter_map(|item| item.ok().map(|i| i.path()))
            .filter(|path| path.extension().is_some_and(|e| e == "rs"))
            .collect()
    } else {
        vec![main]
    }
}

#[test]
fn no_binary_that_opts_out_of_cargo_test_has_tests() {
    // `test = false` on a lab's demo or probe saves the test command a build of it for a
    // harness with nothing in it; a `#[test]` added later would then never run, silently.
    let catalogue = catalogue();
    for entry in catalogue.entries() {
        let lab = catalogue.root().join("labs").join(&entry.id);
        let manifest = manifest(&lab, Path::new("Cargo.toml"));
        let bins = manifest.get("bin").and_then(toml::Value::as_array);
        for bin in bins.into_iter().flatten() {
            if bin.get("test").and_then(toml::Value::as_bool) != Some(false) {
                continue;
            }
            for source in bin_sources(&lab, bin) {
                let text = read(&lab, &source);
                assert!(
                    !["#[test]", "#[tokio::test", "proptest!"]
                        .iter()
                        .any(|marker| text.contains(marker)),
                    "{}: {} has tests, but its [[bin]] says `test = false`, so `cargo test` never \
                     runs them: remove that line",
                    entry.id,
                    source.display()
                );
            }
        }
    }
}

/// Every `.rs` file under `dir`, at any depth.
fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(items) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for path in items.filter_map(|item| item.ok()).map(|item| item.path()) {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn no_exercise_keeps_tests_outside_its_tests_directory() {
    // `cargo workshop verify` builds only an exercise's `tests/` targets (`--test '*'`): a
    // `#[test]` in the library, the reference or an answer would never run there, silently.
    let catalogue = catalogue();
    for entry in catalogue.entries() {
        let dir = catalogue.root().join(entry.exercise_dir());
        for part in ["src", "solution", "checks"] {
            for source in rust_files(&dir.join(part)) {
                let text = std::fs::read_to_string(&source).unwrap_or_default();
                assert!(
                    !["#[test]", "#[tokio::test", "proptest!"]
                        .iter()
                        .any(|marker| text.contains(marker)),
                    "{}: {} has tests; an exercise's tests live in its tests/ directory, the \
                     only one `cargo workshop verify` builds",
                    entry.id,
                    source.display()
                );
            }
        }
    }
}

#[test]
fn every_entry_has_an_exercise_with_a_hint_tests_and_a_reference_fix() {
    let catalogue = catalogue();
    for entry in catalogue.entries() {
        let dir = entry.exercise_dir();
        let manifest = manifest(catalogue.root(), &dir.join("Cargo.toml"));
        assert_eq!(
            package_name(&manifest),
            Some(entry.exercise_package().as_str()),
            "{}",
            entry.id
        );
        let features = manifest.get("features");
        assert!(
            features.and_then(|f| f.get("reference")).is_some(),
            "{}: the exercise needs a `reference` feature",
            entry.id
        );
        let learner_file = dir.join(&entry.exercise.file);
        read(catalogue.root(), &learner_file);
        let file_name = Path::new(&entry.exercise.file)
            .file_name()
            .expect("a file name");
        read(catalogue.root(), &dir.join("solution").join(file_name));
        let hint = read(catalogue.root(), &dir.join("hint.md"));
        assert!(!hint.trim().is_empty(), "{}: hint.md is empty", entry.id);
        let tests = std::fs::read_dir(catalogue.root().join(&dir).join("tests"))
            .map(|items| items.count())
            .unwrap_or(0);
        assert!(tests > 0, "{}: the exercise has no tests/", entry.id);
    }
}

#[test]
fn every_entry_has_a_chapter_with_generated_results() {
    let catalogue = catalogue();
    for entry in catalogue.entries() {
        let chapter = read(catalogue.root(), &entry.chapter());
        let generated = format!("../generated/{}/", entry.id);
        assert!(
            chapter.contains(&generated),
            "{}: the chapter includes nothing from {generated}",
            entry.id
        );
        assert!(
            chapter.contains("workshop.md"),
            "{}: the chapter must link to the exercise",
            entry.id
        );
        assert!(
            catalogue
                .root()
                .join(entry.generated_dir())
                .join("stamp.md")
                .is_file(),
            "{}: no generated results yet; run `cargo xtask book {}`",
            entry.id,
            entry.id
        );
        // That every included file exists is checked for all chapters by tests/book.rs.
    }
}

#[test]
fn every_claim_gets_a_verdict_in_the_book() {
    let catalogue = catalogue();
    for entry in catalogue.entries().iter().filter(|e| !e.claims.is_empty()) {
        let claims = read(catalogue.root(), &entry.generated_dir().join("claims.md"));
        for claim in &entry.claims {
            assert!(
                claims.contains(&claim.claim),
                "{}: claims.md has no verdict on `{}`; the lab's probe must measure it",
                entry.id,
                claim.id
            );
        }
        assert!(
            !claims.contains("not measured"),
            "{}: a claim is not measured:\n{claims}",
            entry.id
        );
    }
}

#[test]
fn every_lab_and_exercise_crate_has_an_entry() {
    let catalogue = catalogue();
    let ids: BTreeSet<String> = catalogue
        .entries()
        .iter()
        .map(|e: &Entry| e.id.clone())
        .collect();
    for (dir, crates) in [
        ("labs", crates_under(catalogue.root(), "labs")),
        ("exercises", crates_under(catalogue.root(), "exercises")),
    ] {
        let orphans: Vec<_> = crates.difference(&ids).collect();
        assert!(
            orphans.is_empty(),
            "{dir}/ holds crates with no catalogue entry: {orphans:?}"
        );
    }
}

#[test]
fn no_lab_is_still_a_scaffold() {
    let catalogue = catalogue();
    let report: Vec<String> = catalogue
        .entries()
        .iter()
        .filter_map(|entry| {
            let missing = catalogue.unfinished(entry);
            (!missing.is_empty()).then(|| format!("{}:\n  - {}", entry.id, missing.join("\n  - ")))
        })
        .collect();
    assert!(
        report.is_empty(),
        "labs that are not finished yet:\n{}",
        report.join("\n")
    );
}
