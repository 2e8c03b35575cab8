//! Names, resolved the way a reader of one file resolves them: through its `use` statements.
//!
//! `sleep(d)` is harmless after `use tokio::time::sleep` and blocks a worker after
//! `use std::thread::sleep`. Without type information the only honest way to tell them apart
//! is to follow the imports, so every path the rules look at goes through [`Imports::resolve`]
//! first and is compared as a full path (`std::thread::sleep`). A name that no `use` explains
//! (a local function, a method) resolves to itself and matches no rule: the scanner prefers
//! missing a finding to inventing one.
//!
//! Imports are collected from the whole file, modules and function bodies included, and not
//! scoped: a file that imports one `sleep` in a module and another in a second module is rare
//! enough that the simplicity is worth it.

use std::collections::HashMap;

use syn::visit::Visit;

/// What the `use` statements of one file bring into scope.
#[derive(Debug, Default, Clone)]
pub struct Imports {
    /// Local name → full path (`fs` → `std::fs`, `Runtime` → `tokio::runtime::Runtime`).
    names: HashMap<String, Vec<String>>,
    /// Prefixes imported with `*` (`use tokio::time::*` → `tokio::time`).
    globs: Vec<Vec<String>>,
}

impl Imports {
    /// Collects every `use` in `file`.
    pub fn of(file: &syn::File) -> Self {
        let mut collector = Collector::default();
        collector.visit_file(file);
        collector.imports
    }

    /// The full path a path written in this file stands for, as segments.
    ///
    /// The first segment is looked up among the imports (`fs::read` → `std::fs::read`); a
    /// single segment that no import names is tried against each glob import, but only
    /// `known` says whether a glob candidate is real, since a glob brings in names we cannot
    /// list.
    pub fn resolve(&self, path: &syn::Path, known: impl Fn(&[String]) -> bool) -> Vec<String> {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.resolve_segments(&segments, known)
    }

    /// [`Imports::resolve`] on segments already turned into strings.
    pub fn resolve_segments(
        &self,
        segments: &[String],
        known: impl Fn(&[String]) -> bool,
    ) -> Vec<String> {
        let Some(first) = segments.first() else {
            return Vec::new();
        };
        if let Some(full) = self.names.get(first) {
            let mut out = full.clone();
            out.extend_from_slice(&segments[1..]);
            return out;
        }
        for glob in &self.globs {
            let mut candidate = glob.clone();
            candidate.extend_from_slice(segments);
            if known(&candidate) {
                return candidate;
            }
        }
        segments.to_vec()
    }

    /// Whether any import of this file starts with `prefix` (`tokio::sync::broadcast`).
    pub fn mentions(&self, prefix: &[&str]) -> bool {
        let starts = |path: &Vec<String>| {
            path.len() >= prefix.len() && path.iter().zip(prefix).all(|(a, b)| a == b)
        };
        self.names.values().any(starts) || self.globs.iter().any(starts)
    }
}

#[derive(Default)]
struct Collector {
    imports: Imports,
}

impl<'ast> Visit<'ast> for Collector {
    // A test module's imports (`use std::fs;` for fixtures) say nothing about the code.
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if !crate::analyze::is_test(&item.attrs) {
            syn::visit::visit_item_mod(self, item);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        flatten(&item.tree, &mut Vec::new(), &mut self.imports);
    }
}

/// Walks one `use` tree, recording each name it binds.
fn flatten(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Imports) {
    match tree {
        syn::UseTree::Path(path) => {
            prefix.push(path.ident.to_string());
            flatten(&path.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(name) => {
            let ident = name.ident.to_string();
            if ident == "self" {
                // `use std::fs::{self}` binds `fs`.
                if let Some(last) = prefix.last() {
                    out.names.insert(last.clone(), prefix.clone());
                }
            } else {
                let mut full = prefix.clone();
                full.push(ident.clone());
                out.names.insert(ident, full);
            }
        }
        syn::UseTree::Rename(rename) => {
            let mut full = prefix.clone();
            if rename.ident != "self" {
                full.push(rename.ident.to_string());
            }
            out.names.insert(rename.rename.to_string(), full);
        }
        syn::UseTree::Glob(_) => out.globs.push(prefix.clone()),
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                flatten(tree, prefix, out);
            }
        }
    }
}

/// Whether `path` is `target` (written `a::b::c`), ignoring a leading `::`.
pub fn is(path: &[String], target: &str) -> bool {
    let mut parts = target.split("::");
    let mut segments = path.iter();
    loop {
        match (parts.next(), segments.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a == b => continue,
            _ => return false,
        }
    }
}

/// Whether `path` starts with `prefix` (written `a::b`).
pub fn starts_with(path: &[String], prefix: &str) -> bool {
    let parts: Vec<&str> = prefix.split("::").collect();
    path.len() >= parts.len() && path.iter().zip(&parts).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(source: &str, path: &str) -> String {
        let file = syn::parse_file(source).unwrap();
        let imports = Imports::of(&file);
        let path: syn::Path = syn::parse_str(path).unwrap();
        imports
            .resolve(&path, |p| is(p, "tokio::time::sleep"))
            .join("::")
    }

    #[test]
    fn follows_plain_grouped_renamed_and_self_imports() {
        let source = "use std::fs::{self, File}; use tokio::time::sleep as nap; use std::thread;";
        assert_eq!(resolve(source, "fs::read"), "std::fs::read");
        assert_eq!(resolve(source, "File::open"), "std::fs::File::open");
        assert_eq!(resolve(source, "nap"), "tokio::time::sleep");
        assert_eq!(resolve(source, "thread::sleep"), "std::thread::sleep");
    }

    #[test]
    fn a_glob_counts_only_for_a_known_name() {
        let source = "use tokio::time::*;";
        assert_eq!(resolve(source, "sleep"), "tokio::time::sleep");
        assert_eq!(resolve(source, "other"), "other");
    }

    #[test]
    fn an_unimported_name_resolves_to_itself() {
        assert_eq!(resolve("", "sleep"), "sleep");
    }
}
