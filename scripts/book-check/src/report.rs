//! What one page showed, and the problems across the book, worded for the person fixing them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use std::sync::{Arc, Mutex};

use chromiumoxide::cdp::browser_protocol::log::{EventEntryAdded, LogEntryLevel};
use chromiumoxide::cdp::js_protocol::runtime::{
    ConsoleApiCalledType, EventConsoleApiCalled, EventExceptionThrown,
};
use chromiumoxide::listeners::EventStream;
use futures::StreamExt;
use serde::Deserialize;

/// The measurements `page.js` takes of one page.
#[derive(Debug, Deserialize)]
pub struct PageReport {
    cut_tables: Vec<CutTable>,
    broken_images: Vec<String>,
    raw_includes: usize,
    links: Vec<String>,
    missing_anchors: Vec<String>,
}

/// A table wider than the room it has.
#[derive(Debug, Deserialize)]
struct CutTable {
    index: usize,
    width: f64,
    room: f64,
    columns: Vec<String>,
    hidden: Vec<String>,
}

/// Every problem found so far, by page.
#[derive(Debug, Default)]
pub struct Problems {
    pages: Vec<(PathBuf, Vec<String>)>,
}

impl Problems {
    /// Judges one page's report (and the console errors it logged).
    pub fn add(&mut self, book: &Path, page: &Path, report: PageReport, console: Vec<String>) {
        let mut found = Vec::new();
        for line in console {
            found.push(format!("console error: {line}"));
        }
        for table in report.cut_tables {
            found.push(format!(
                "table {} is {} px wide in {} px of room; hidden: {} (columns: {})",
                table.index + 1,
                table.width.round(),
                table.room.round(),
                if table.hidden.is_empty() {
                    "partly the last column".into()
                } else {
                    table.hidden.join(" | ")
                },
                table.columns.join(" | ")
            ));
        }
        for image in report.broken_images {
            found.push(format!("image does not decode: {image}"));
        }
        if report.raw_includes > 0 {
            found.push(format!(
                "{} raw `{{{{#include` left in the text",
                report.raw_includes
            ));
        }
        for anchor in report.missing_anchors {
            found.push(format!(
                "link to a missing anchor on the same page: {anchor}"
            ));
        }
        for link in report.links {
            if let Some(problem) = dead_link(&link) {
                found.push(problem);
            }
        }
        if !found.is_empty() {
            let shown = page.strip_prefix(book).unwrap_or(page).to_path_buf();
            self.pages.push((shown, found));
        }
    }

    /// Prints the verdict; returns whether every page passed.
    pub fn print(&self, checked: usize) -> bool {
        let mut out = String::new();
        for (page, found) in &self.pages {
            let _ = writeln!(out, "{}:", page.display());
            for problem in found {
                let _ = writeln!(out, "  - {problem}");
            }
        }
        let bad = self.pages.len();
        let _ = writeln!(
            out,
            "book-check: {checked} pages opened in headless Chromium at 1280 px: {} passed, {bad} with problems",
            checked - bad
        );
        print!("{out}");
        bad == 0
    }
}

/// The console errors a page has logged since the last [`Console::take`].
///
/// Three DevTools event streams feed it: the log (failed loads, CSP and security messages),
/// `console.error` calls, and uncaught exceptions. Each is read on a task of its own.
pub struct Console {
    lines: Arc<Mutex<Vec<String>>>,
}

impl Console {
    /// Starts collecting from the three streams.
    pub fn listen(
        mut log: EventStream<EventEntryAdded>,
        mut calls: EventStream<EventConsoleApiCalled>,
        mut thrown: EventStream<EventExceptionThrown>,
    ) -> Console {
        let lines: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = Arc::clone(&lines);
        tokio::spawn(async move {
            while let Some(event) = log.next().await {
                if event.entry.level == LogEntryLevel::Error {
                    let at = event.entry.url.clone().unwrap_or_default();
                    push(&sink, format!("{} {at}", event.entry.text));
                }
            }
        });
        let sink = Arc::clone(&lines);
        tokio::spawn(async move {
            while let Some(event) = calls.next().await {
                if event.r#type == ConsoleApiCalledType::Error {
                    let args: Vec<String> = event
                        .args
                        .iter()
                        .map(|arg| match &arg.value {
                            Some(value) => value.to_string(),
                            None => arg.description.clone().unwrap_or_default(),
                        })
                        .collect();
                    push(&sink, format!("console.error: {}", args.join(" ")));
                }
            }
        });
        let sink = Arc::clone(&lines);
        tokio::spawn(async move {
            while let Some(event) = thrown.next().await {
                let details = &event.exception_details;
                let what = details
                    .exception
                    .as_ref()
                    .and_then(|e| e.description.clone())
                    .unwrap_or_else(|| details.text.clone());
                push(&sink, format!("uncaught exception: {what}"));
            }
        });
        Console { lines }
    }

    /// Forgets what was logged so far (before loading the next page).
    pub fn clear(&self) {
        self.lines.lock().expect("no panic while held").clear();
    }

    /// What was logged since the last call.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.lines.lock().expect("no panic while held"))
    }
}

fn push(lines: &Mutex<Vec<String>>, line: String) {
    lines.lock().expect("no panic while held").push(line);
}

/// Why a `file://` link from the book is dead, if it is.
fn dead_link(url: &str) -> Option<String> {
    let rest = url.strip_prefix("file://")?;
    let (path, fragment) = match rest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (rest, None),
    };
    let path = PathBuf::from(percent_decode(path.split('?').next().unwrap_or(path)));
    let target = if path.is_dir() {
        path.join("index.html")
    } else {
        path
    };
    if !target.is_file() {
        return Some(format!("dead link: {} does not exist", target.display()));
    }
    let fragment = fragment.filter(|f| !f.is_empty())?;
    let id = percent_decode(fragment);
    let html = std::fs::read_to_string(&target).ok()?;
    let present = html.contains(&format!("id=\"{id}\"")) || html.contains(&format!("id={id}"));
    (!present).then(|| format!("dead link: no anchor #{id} in {}", target.display()))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_and_dead_links() {
        assert_eq!(percent_decode("a%20b%C2%B5"), "a bµ");
        assert_eq!(percent_decode("100%"), "100%");
        let dir = tempfile::TempDir::new().unwrap();
        let page = dir.path().join("page.html");
        std::fs::write(&page, "<h2 id=\"symptom\">Symptom</h2>").unwrap();
        let url = format!("file://{}", page.display());
        assert_eq!(dead_link(&url), None);
        assert_eq!(dead_link(&format!("{url}#symptom")), None);
        assert!(
            dead_link(&format!("{url}#nope"))
                .unwrap()
                .contains("no anchor #nope")
        );
        let missing = format!("file://{}/gone.html", dir.path().display());
        assert!(dead_link(&missing).unwrap().contains("does not exist"));
    }
}
