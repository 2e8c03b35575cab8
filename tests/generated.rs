//! Nothing derived from the catalogue is stale: the book's index and the labs' part of the
//! root `Cargo.toml` are exactly what `cargo xtask generate` would write.
//!
//! The test compiles the very file the command uses (`scripts/xtask/src/generate.rs`, which
//! depends on nothing but the catalogue), so the two cannot disagree.

use std::fs;
use std::path::Path;

use catalogue::Catalogue;

#[path = "../scripts/xtask/src/generate.rs"]
mod generate;

#[test]
fn every_generated_file_is_up_to_date() {
    let catalogue = Catalogue::load_workspace().unwrap_or_else(|err| panic!("{err}"));
    let stale = generate::stale(&catalogue).unwrap_or_else(|err| panic!("{err}"));
    assert!(stale.is_empty(), "{}", generate::stale_message(&stale));
}

/// A made-up workspace of two labs, in a temporary directory.
fn scratch(name: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix(name).tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("anti-patterns")).unwrap();
    fs::create_dir_all(root.join("book/src")).unwrap();
    let entry = |id: &str, order: u32, title: &str| {
        format!(
            "id = \"{id}\"\norder = {order}\ntitle = \"{title}\"\nproblem = \"p\"\ndetect = []\n\
             [exercise]\nfile = \"src/x.rs\"\n"
        )
    };
    // Written in the opposite order on purpose: `order`, not the file system, decides.
    fs::write(
        root.join("anti-patterns/second.toml"),
        entry("second", 2, "The second"),
    )
    .unwrap();
    fs::write(
        root.join("anti-patterns/first.toml"),
        entry("first", 1, "The first"),
    )
    .unwrap();
    fs::write(
        root.join("Cargo.toml"),
        format!(
            "[package]\nname = \"x\"\n\n{}\n[[bench]]\nname = \"stale\"\n",
            generate::CARGO_MARKER
        ),
    )
    .unwrap();
    dir
}

#[test]
fn the_index_has_one_chapter_per_entry_in_catalogue_order_then_the_detectors() {
    let dir = scratch("generated-summary");
    let catalogue = Catalogue::load(dir.path()).unwrap();
    let text = generate::summary(&catalogue);
    let links: Vec<&str> = text.lines().filter(|l| l.contains("](")).collect();
    assert_eq!(
        links,
        [
            "[Introduction](introduction.md)",
            "[How to read the numbers](how-to-read.md)",
            "- [The first](labs/first.md)",
            "- [The second](labs/second.md)",
            "- [The static scanner](scanner.md)",
            "- [Finding blocking in your own service](detect/stall-detector.md)",
            "[The workshop](workshop.md)",
        ]
    );
}

#[test]
fn the_manifest_keeps_its_own_part_and_regenerates_the_labs() {
    let dir = scratch("generated-manifest");
    let catalogue = Catalogue::load(dir.path()).unwrap();
    let manifest = generate::root_manifest(&catalogue).unwrap();
    assert!(manifest.starts_with("[package]\nname = \"x\"\n"));
    assert!(
        !manifest.contains("stale"),
        "the old generated part is replaced"
    );
    let parsed: toml::Table = manifest.parse().expect("valid TOML");
    let benches = parsed["bench"].as_array().unwrap();
    let names: Vec<&str> = benches
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["first", "second"]);
    assert!(
        benches
            .iter()
            .all(|b| b["harness"].as_bool() == Some(false))
    );
    assert_eq!(
        parsed["dev-dependencies"]["second"]["path"].as_str(),
        Some("labs/second")
    );
}

#[test]
fn stale_files_are_named_with_the_command_that_refreshes_them() {
    let dir = scratch("generated-stale");
    let catalogue = Catalogue::load(dir.path()).unwrap();
    let stale = generate::stale(&catalogue).unwrap();
    assert_eq!(stale.len(), 2, "{stale:?}");
    assert!(generate::stale_message(&stale).contains("cargo xtask generate"));
    let written = generate::write(&catalogue).unwrap();
    assert_eq!(written, stale);
    assert!(generate::stale(&catalogue).unwrap().is_empty());
    // A hand edit below the marker is stale again.
    let path: &Path = &dir.path().join("Cargo.toml");
    let edited = fs::read_to_string(path).unwrap() + "\n[[bench]]\nname = \"by-hand\"\n";
    fs::write(path, edited).unwrap();
    assert_eq!(
        generate::stale(&catalogue).unwrap(),
        [Path::new("Cargo.toml")]
    );
}

#[test]
fn a_manifest_without_the_marker_is_an_error_that_says_where_to_put_it() {
    let dir = scratch("generated-marker");
    fs::write(dir.path().join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    let catalogue = Catalogue::load(dir.path()).unwrap();
    let err = generate::root_manifest(&catalogue).unwrap_err();
    assert!(err.contains(generate::CARGO_MARKER), "{err}");
}
