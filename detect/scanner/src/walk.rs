//! Which files a scan reads.
//!
//! The path must be a crate or a workspace (a folder with a `Cargo.toml`), or one `.rs` file.
//! Below it, every `.rs` file is read except build output (`target/`), hidden folders
//! (`.git/`), the config's `exclude` list and, unless tests are included, `tests/` folders.
//! Files are returned sorted, so that two scans of one tree report in the same order.

use std::path::{Path, PathBuf};

use crate::{Config, Error};

/// A file to scan: where it is, and how to name it in the report (relative to the root).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The file on disk.
    pub path: PathBuf,
    /// Its path relative to the scanned root, with `/` separators.
    pub shown: String,
}

/// Every `.rs` file the scan of `root` reads.
pub fn rust_files(root: &Path, config: &Config) -> Result<Vec<SourceFile>, Error> {
    if !root.exists() {
        return Err(Error::Missing(root.to_path_buf()));
    }
    if root.is_file() {
        return Ok(vec![SourceFile {
            path: root.to_path_buf(),
            shown: root.display().to_string(),
        }]);
    }
    if !root.join("Cargo.toml").is_file() {
        return Err(Error::NotACrate(root.to_path_buf()));
    }
    let excluded: Vec<PathBuf> = config.exclude.iter().map(|e| root.join(e)).collect();
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            if entry.depth() == 0 {
                return true;
            }
            if excluded.iter().any(|e| entry.path() == e) {
                return false;
            }
            if entry.file_type().is_dir() {
                return !(name.starts_with('.')
                    || name == "target"
                    || (!config.include_tests && (name == "tests" || name == "benches")));
            }
            true
        });
    for entry in walker.flatten() {
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "rs") {
            let shown = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push(SourceFile {
                path: entry.path().to_path_buf(),
                shown,
            });
        }
    }
    Ok(files)
}
