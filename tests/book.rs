//! The book is in sync with the workspace: every generated file a chapter includes exists.
//! (That its index lists exactly the catalogue's labs is `tests/generated.rs`.)

use std::path::{Path, PathBuf};

#[test]
fn chapters_include_only_generated_files_that_exist() {
    let src = catalogue::workspace_root()
        .expect("the tests run inside the checkout")
        .join("book/src");
    let mut missing = Vec::new();
    for chapter in markdown_files(&src) {
        let text = std::fs::read_to_string(&chapter).unwrap();
        for target in generated_references(&text) {
            let path = chapter.parent().unwrap().join(&target);
            if !path.exists() {
                missing.push(format!(
                    "{} refers to {target}",
                    chapter.strip_prefix(&src).unwrap().display()
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "generated files are missing (run `cargo xtask book <lab>` and commit book/src/generated/):\n{}",
        missing.join("\n")
    );
}

/// Every `.md` file under `dir`, except the generated ones (they refer to nothing).
fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && !path.ends_with("generated") {
            files.extend(markdown_files(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files
}

/// The paths in `{{#include ...}}` directives and `](...)` links that point into `generated/`.
fn generated_references(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (open, close) in [("{{#include ", "}}"), ("](", ")")] {
        for piece in text.split(open).skip(1) {
            let Some(end) = piece.find(close) else {
                continue;
            };
            // An include may select lines or an anchor after a colon: `file.md:2:5`.
            let target = piece[..end].trim().split(':').next().unwrap_or_default();
            if target.contains("generated/") {
                found.push(target.to_string());
            }
        }
    }
    found
}

#[test]
fn references_are_found_in_includes_and_links() {
    let text = "{{#include ../generated/a/b.md}}\n![plot](../generated/a/b.svg) [x](other.md)\n\
                {{#include ../generated/a/c.md:2:5}}";
    assert_eq!(
        generated_references(text),
        [
            "../generated/a/b.md",
            "../generated/a/c.md",
            "../generated/a/b.svg"
        ]
    );
}
