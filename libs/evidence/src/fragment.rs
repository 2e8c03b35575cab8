//! Generated markdown fragments.
//!
//! A chapter never contains a measured number directly: it includes a fragment from
//! `book/src/generated/<lab>/` (`{{#include ../generated/<lab>/<name>.md}}`), and whatever
//! wrote the fragment, `cargo xtask report` or a lab's probe, writes it through here so that
//! every fragment ends with the same [`Stamp`] line and none can be written without one.

use std::io;
use std::path::{Path, PathBuf};

use crate::Stamp;

/// Writes `<dir>/<name>` as `body` followed by the stamp line, creating `dir` if needed.
///
/// `body` is markdown; a blank line separates it from the stamp so the stamp becomes its own
/// paragraph whatever the body ends with (a table, a list, a paragraph). Returns the path
/// written.
pub fn write_fragment(dir: &Path, name: &str, stamp: &Stamp, body: &str) -> io::Result<PathBuf> {
    let text = format!("{}\n\n{}\n", body.trim_end(), stamp.markdown());
    write_file(dir, name, &text)
}

/// Writes `<dir>/stamp.md`, the stamp alone, for a chapter to show once under its heading.
pub fn write_stamp(dir: &Path, stamp: &Stamp) -> io::Result<PathBuf> {
    write_file(dir, "stamp.md", &format!("{}\n", stamp.markdown()))
}

/// Writes a generated file as is, creating `dir` if needed; for files that carry the stamp in
/// their own way (a plot draws it as a caption).
pub fn write_file(dir: &Path, name: &str, contents: &str) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(name);
    std::fs::write(&path, contents)?;
    Ok(path)
}
