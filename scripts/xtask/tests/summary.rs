//! The book's index for a made-up catalogue of two labs, written in a temporary directory.

use std::fs;

use catalogue::Catalogue;
use xtask::summary;

#[test]
fn one_chapter_per_entry_in_catalogue_order_between_introduction_and_workshop() {
    let root = std::env::temp_dir().join(format!("xtask-summary-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("anti-patterns")).unwrap();
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
    let catalogue = Catalogue::load(&root).unwrap();

    let text = summary::render(&catalogue);
    let links: Vec<&str> = text.lines().filter(|l| l.contains("](")).collect();
    assert_eq!(
        links,
        [
            "[Introduction](introduction.md)",
            "[How to read the numbers](how-to-read.md)",
            "- [The first](labs/first.md)",
            "- [The second](labs/second.md)",
            "[The workshop](workshop.md)",
        ]
    );

    // `check` compares with the file on disk and says how to fix a difference.
    fs::create_dir_all(root.join("book/src")).unwrap();
    assert!(
        summary::check(&catalogue)
            .unwrap_err()
            .contains("run `cargo xtask summary`")
    );
    fs::write(summary::path(&root), &text).unwrap();
    assert_eq!(summary::check(&catalogue), Ok(()));
    fs::write(summary::path(&root), text.replace("The second", "Renamed")).unwrap();
    assert!(
        summary::check(&catalogue)
            .unwrap_err()
            .contains("out of date")
    );

    fs::remove_dir_all(&root).unwrap();
}
