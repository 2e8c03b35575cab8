//! The markdown is a pure function of the recording: the same fixture renders to the same
//! bytes, today and after any refactoring that is not meant to change the book.
//!
//! `tests/golden/<lab>.md` holds each lab's fixtures rendered, variant by variant. After an
//! intended change to the rendering, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test -p console-snapshot --test render` and review the diff.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use console_snapshot::{render, replay};

#[test]
fn fixtures_render_as_the_golden_files() {
    let mut by_lab: BTreeMap<String, Vec<console_snapshot::Snapshot>> = BTreeMap::new();
    for (lab, _, recording) in common::all() {
        by_lab.entry(lab).or_default().push(replay(&recording));
    }
    let options = render::Options::default();
    // Relative on purpose: cargo runs tests from the package directory of the tree under test.
    let golden = Path::new("tests/golden");
    for (lab, snapshots) in by_lab {
        let rendered = render::lab(&snapshots, &options);
        let path = golden.join(format!("{lab}.md"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(golden).unwrap();
            std::fs::write(&path, &rendered).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
                path.display()
            )
        });
        assert!(
            rendered == expected,
            "{lab} renders differently from {}; if the change is intended, run with UPDATE_GOLDEN=1 and review the diff",
            path.display()
        );
    }
}

#[test]
fn a_section_has_its_parts_in_order() {
    let recording = common::load("blocking-in-async", "anti");
    let section = render::variant(&replay(&recording), &render::Options::default());
    let at = |needle: &str| {
        section
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in:\n{section}"))
    };
    assert!(section.starts_with(&format!("#### `{}`", recording.variant)));
    assert!(at("| spawned at | kind | tasks |") < at("**Long-poll lint**"));
    assert!(at("**Long-poll lint**") < at("**tokio-console's warnings**"));
}

#[test]
fn tasks_are_summed_per_spawn_location_and_long_lists_are_cut() {
    let options = render::Options {
        top_tasks: 2,
        ..render::Options::default()
    };
    for (lab, variant, recording) in common::all() {
        let snapshot = replay(&recording);
        let section = render::variant(&snapshot, &options);
        // One row per (location, kind, worker or not): the table's rows count those.
        let mut places: Vec<(&str, &str, bool)> = snapshot
            .tasks
            .iter()
            .map(|t| (t.location.as_str(), t.kind.as_str(), t.worker_thread))
            .collect();
        places.sort();
        places.dedup();
        let rows = section
            .lines()
            .skip_while(|l| !l.starts_with("| spawned at |"))
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .count();
        assert_eq!(rows, places.len().min(2), "{lab}/{variant}");
        let cut = section.contains("other places: ");
        assert_eq!(cut, places.len() > 2, "{lab}/{variant}");
    }
}

#[test]
fn a_location_row_gives_its_merged_poll_percentiles() {
    // The blocking anti-pattern's requests each poll for about 20 ms: the row of their spawn
    // location shows it as its median, and the heartbeat's row shows far shorter polls.
    let section = render::variant(
        &replay(&common::load("blocking-in-async", "anti")),
        &render::Options::default(),
    );
    let row = section
        .lines()
        .find(|l| l.starts_with("| `labs/blocking-in-async/src/load.rs"))
        .unwrap_or_else(|| panic!("no row for the requests' spawn location:\n{section}"));
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    // | location | kind | tasks | polls | busy | p50 | p99 | longest | warnings |
    assert!(cells[6].ends_with("ms"), "p50 of a blocked request: {row}");
}
