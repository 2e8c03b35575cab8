//! Reading a small, hand-made criterion tree (`tests/fixtures/criterion/`) laid out exactly as
//! criterion 0.8 writes it: two groups of a `demo` lab, one of another lab with a hole in its
//! grid, and a `base/` baseline that must be ignored.

use std::path::{Path, PathBuf};

use evidence::criterion::{self, Error};

fn fixtures() -> PathBuf {
    // Relative on purpose: cargo runs tests from the package directory of the tree under test.
    Path::new("tests/fixtures/criterion").to_path_buf()
}

#[test]
fn reads_every_new_benchmark_and_ignores_baselines() {
    let all = criterion::load_all(&fixtures()).unwrap();
    // 9 in demo/callers, 3 in demo/single-caller, 3 in other-lab/gaps; the base/ copy is not one.
    assert_eq!(all.len(), 15);
    let anti = all
        .iter()
        .find(|m| m.group == "demo/single-caller" && m.variant == "anti")
        .unwrap();
    assert_eq!(
        anti.mean.point, 240_000.0,
        "the new/ estimate, not the base/ one"
    );
    assert_eq!((anti.mean.lower, anti.mean.upper), (230_000.0, 251_000.0));
    assert_eq!(anti.mean.confidence_level, 0.95);
    assert_eq!(anti.elements, None);
}

#[test]
fn a_group_is_sorted_by_load_then_variant() {
    let group = criterion::load_group(&fixtures(), "demo/callers").unwrap();
    assert_eq!((group.lab(), group.question()), ("demo", "callers"));
    assert_eq!(group.variants(), ["anti", "fixed", "thread-local"]);
    // Numeric order: 16 after 4, which a plain string sort would get wrong.
    assert_eq!(group.loads(), ["1", "4", "16"]);
    let order: Vec<(&str, &str)> = group
        .measurements
        .iter()
        .map(|m| (m.load.as_str(), m.variant.as_str()))
        .take(4)
        .collect();
    assert_eq!(
        order,
        [
            ("1", "anti"),
            ("1", "fixed"),
            ("1", "thread-local"),
            ("4", "anti")
        ]
    );
    assert!(group.missing().is_empty());
    assert!(group.has_elements());
}

#[test]
fn elements_give_the_time_per_operation() {
    let group = criterion::load_group(&fixtures(), "demo/callers").unwrap();
    let fixed = group.get("fixed", "16").unwrap();
    assert_eq!(fixed.elements, Some(16));
    let per_call = fixed.mean_per_element().unwrap();
    assert_eq!(per_call.point, 6_000.0);
    assert!((per_call.lower - 5_700.0).abs() < 1e-6 && (per_call.upper - 6_300.0).abs() < 1e-6);
    assert_eq!(fixed.headline(), per_call);
}

#[test]
fn elements_and_bytes_count_as_elements() {
    let group = criterion::load_group(&fixtures(), "other-lab/gaps").unwrap();
    assert_eq!(group.get("anti", "8").unwrap().elements, Some(8));
}

#[test]
fn a_hole_in_the_grid_is_reported() {
    let group = criterion::load_group(&fixtures(), "other-lab/gaps").unwrap();
    assert_eq!(group.missing(), [("fixed".to_string(), "8".to_string())]);
}

#[test]
fn a_lab_is_every_group_under_its_prefix() {
    let groups = criterion::load_lab(&fixtures(), "demo").unwrap();
    let ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["demo/callers", "demo/single-caller"]);
    // A prefix of a lab's name is not the lab.
    assert!(criterion::load_lab(&fixtures(), "dem").is_err());
}

#[test]
fn asking_for_a_missing_group_lists_the_existing_ones() {
    let err = criterion::load_group(&fixtures(), "demo/nope").unwrap_err();
    let Error::NotFound { groups, .. } = &err else {
        panic!("unexpected error: {err}")
    };
    assert_eq!(
        groups,
        &["demo/callers", "demo/single-caller", "other-lab/gaps"]
    );
    assert!(
        err.to_string()
            .contains("demo/callers, demo/single-caller, other-lab/gaps")
    );
}

#[test]
fn no_criterion_directory_is_its_own_error() {
    let err = criterion::load_all(Path::new("/nonexistent/criterion")).unwrap_err();
    assert!(matches!(err, Error::NoOutput(_)), "{err}");
}

#[test]
fn separated_intervals() {
    let group = criterion::load_group(&fixtures(), "demo/single-caller").unwrap();
    let [anti, fixed, local] =
        ["anti", "fixed", "thread-local"].map(|v| group.get(v, "1").unwrap().mean);
    assert!(anti.separated_from(&fixed) && fixed.separated_from(&anti));
    assert!(
        !fixed.separated_from(&local),
        "5.7-6.15 µs and 5.6-6.4 µs overlap"
    );
}
