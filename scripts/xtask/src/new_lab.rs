//! `cargo xtask new-lab <id>`: a new lab that builds, in the common layout, on the lab kit.
//!
//! A lab is one catalogue entry and one crate, plus the pieces every lab has by convention
//! (`anti-patterns/README.md`): its bench, its exercise and its chapter. This command writes
//! all of them from the templates in `scripts/xtask/templates/new-lab/`, then regenerates the
//! files derived from the catalogue, so the new lab is in the workspace, the bench list and the
//! book's index at once. It writes nothing outside those paths, and refuses to overwrite any.
//!
//! Every template carries the marker [`SCAFFOLD_MARKER`]. The completeness test
//! (`tests/catalogue.rs`, through `Catalogue::unfinished`) lists each file that still holds it, so a scaffold builds and runs
//! from the first minute, yet is never mistaken for a finished lab.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use catalogue::Catalogue;

use crate::generate;

pub use catalogue::SCAFFOLD_MARKER;

/// A template, and where it goes (with `{{id}}` and `{{file}}` in the path).
struct Template {
    to: &'static str,
    text: &'static str,
}

/// Every file of a new lab. The templates are compiled in (`include_str!`): the command writes
/// into the checkout it runs in, never reads one it was built from.
const TEMPLATES: &[Template] = &[
    Template {
        to: "anti-patterns/{{id}}.toml",
        text: include_str!("../templates/new-lab/entry.toml"),
    },
    Template {
        to: "labs/{{id}}/Cargo.toml",
        text: include_str!("../templates/new-lab/lab/Cargo.toml"),
    },
    Template {
        to: "labs/{{id}}/src/lib.rs",
        text: include_str!("../templates/new-lab/lab/src/lib.rs"),
    },
    Template {
        to: "labs/{{id}}/src/contract.rs",
        text: include_str!("../templates/new-lab/lab/src/contract.rs"),
    },
    Template {
        to: "labs/{{id}}/src/variants.rs",
        text: include_str!("../templates/new-lab/lab/src/variants.rs"),
    },
    Template {
        to: "labs/{{id}}/src/anti.rs",
        text: include_str!("../templates/new-lab/lab/src/anti.rs"),
    },
    Template {
        to: "labs/{{id}}/src/fixed.rs",
        text: include_str!("../templates/new-lab/lab/src/fixed.rs"),
    },
    Template {
        to: "labs/{{id}}/src/bin/probe/main.rs",
        text: include_str!("../templates/new-lab/lab/src/bin/probe/main.rs"),
    },
    Template {
        to: "labs/{{id}}/src/bin/demo.rs",
        text: include_str!("../templates/new-lab/lab/src/bin/demo.rs"),
    },
    Template {
        to: "labs/{{id}}/tests/contract.rs",
        text: include_str!("../templates/new-lab/lab/tests/contract.rs"),
    },
    Template {
        to: "benches/{{id}}.rs",
        text: include_str!("../templates/new-lab/bench.rs"),
    },
    Template {
        to: "book/src/labs/{{id}}.md",
        text: include_str!("../templates/new-lab/chapter.md"),
    },
    Template {
        to: "exercises/{{id}}/Cargo.toml",
        text: include_str!("../templates/new-lab/exercise/Cargo.toml"),
    },
    Template {
        to: "exercises/{{id}}/src/lib.rs",
        text: include_str!("../templates/new-lab/exercise/src/lib.rs"),
    },
    Template {
        to: "exercises/{{id}}/src/{{file}}.rs",
        text: include_str!("../templates/new-lab/exercise/src/file.rs"),
    },
    Template {
        to: "exercises/{{id}}/solution/{{file}}.rs",
        text: include_str!("../templates/new-lab/exercise/solution/file.rs"),
    },
    Template {
        to: "exercises/{{id}}/tests/behaviour.rs",
        text: include_str!("../templates/new-lab/exercise/tests/behaviour.rs"),
    },
    Template {
        to: "exercises/{{id}}/hint.md",
        text: include_str!("../templates/new-lab/exercise/hint.md"),
    },
    Template {
        to: "exercises/{{id}}/checks/README.md",
        text: include_str!("../templates/new-lab/exercise/checks/README.md"),
    },
    Template {
        to: "exercises/{{id}}/checks/pass/same_as_reference.rs",
        text: include_str!("../templates/new-lab/exercise/checks/pass/same_as_reference.rs"),
    },
    Template {
        to: "exercises/{{id}}/checks/fail/off_by_one.rs",
        text: include_str!("../templates/new-lab/exercise/checks/fail/off_by_one.rs"),
    },
];

/// What the new lab is called.
#[derive(Debug, Clone)]
pub struct NewLab {
    /// The catalogue id: kebab-case, also the crate and bench name.
    pub id: String,
    /// The chapter's title.
    pub title: String,
    /// The stem of the file the learner edits in the exercise (`src/<file>.rs`).
    pub file: String,
}

/// Writes the new lab into the workspace at `root` and regenerates the derived files; returns
/// the paths written, relative to `root`.
pub fn scaffold(root: &Path, lab: &NewLab) -> Result<Vec<PathBuf>> {
    check_id(&lab.id)?;
    check_ident(&lab.file).context("--file must be a Rust module name")?;
    let catalogue = Catalogue::load(root)?;
    if catalogue.get(&lab.id).is_ok() {
        bail!("the catalogue already has a lab `{}`", lab.id);
    }
    let order = catalogue
        .entries()
        .iter()
        .map(|e| e.order)
        .max()
        .unwrap_or(0)
        + 1;
    let fill = |text: &str| {
        text.replace("{{id}}", &lab.id)
            .replace("{{crate}}", &lab.id.replace('-', "_"))
            .replace("{{title}}", &lab.title.replace('"', "'"))
            .replace("{{file}}", &lab.file)
            .replace("{{order}}", &order.to_string())
    };
    // Every target is checked before anything is written: a half-written lab helps nobody.
    let files: Vec<(PathBuf, String)> = TEMPLATES
        .iter()
        .map(|t| (PathBuf::from(fill(t.to)), fill(t.text)))
        .collect();
    if let Some((taken, _)) = files.iter().find(|(path, _)| root.join(path).exists()) {
        bail!(
            "{} exists already; new-lab never overwrites",
            taken.display()
        );
    }
    for (path, text) in &files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().expect("every template has a folder"))?;
        std::fs::write(&full, text).with_context(|| format!("cannot write {}", full.display()))?;
    }
    let mut written: Vec<PathBuf> = files.into_iter().map(|(path, _)| path).collect();
    let catalogue = Catalogue::load(root)?;
    written.extend(generate::write(&catalogue).map_err(anyhow::Error::msg)?);
    Ok(written)
}

/// An id is kebab-case ASCII: it names a directory, a package and a bench.
fn check_id(id: &str) -> Result<()> {
    let kebab = !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !kebab {
        bail!("`{id}` is not a kebab-case id (lowercase letters, digits and single dashes)");
    }
    Ok(())
}

fn check_ident(name: &str) -> Result<()> {
    let ident = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ident {
        bail!("`{name}` is not a snake_case name");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kebab_case() {
        for good in ["a", "select-in-loop", "http2-client"] {
            assert!(check_id(good).is_ok(), "{good}");
        }
        for bad in ["", "A", "-a", "a-", "a--b", "a_b", "2a", "a b", "../x"] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_template_carries_the_marker() {
        for template in TEMPLATES {
            assert!(template.text.contains(SCAFFOLD_MARKER), "{}", template.to);
        }
    }
}
