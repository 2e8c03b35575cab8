//! `book-check`: every page of the built book, opened in headless Chromium as a reader would.
//!
//! mdBook's build succeeding says little about what a reader sees. This command opens each
//! page of `book/book/` at 1280 px and fails, naming the page and what is wrong, when:
//!
//! - the page logs an error to the console, or throws;
//! - an image does not decode;
//! - a raw `{{#include ...}}` is left in the text;
//! - an internal link points to a page that does not exist, or to an anchor that is not there;
//! - a table is wider than its column, so some of its columns hide behind a scroll bar.
//!
//! A machine without Chromium cannot run the check; the command then says how to install it
//! and exits with [`SKIPPED`], which `cargo xtask test` reports as skipped, never as passed.
//! The browser runs with a fresh profile in a temporary directory and with its background
//! network features off, and it is closed (or killed) on every path.

mod report;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use chromiumoxide::cdp::browser_protocol::log::{self, EventEntryAdded};
use chromiumoxide::cdp::js_protocol::runtime::{
    EvaluateParams, EventConsoleApiCalled, EventExceptionThrown,
};
use chromiumoxide::{Browser, BrowserConfig, Page};
use clap::Parser;
use futures::StreamExt;

use crate::report::{Console, PageReport, Problems};

/// The exit status for "could not check: no browser" (the automake convention for a skip).
pub const SKIPPED: u8 = 77;
/// The width of a reader's laptop browser window.
const WIDTH: u32 = 1280;
/// How long one page may take to load and be measured, and the browser to start.
const PAGE_TIMEOUT: Duration = Duration::from_secs(30);

/// Check every page of a built mdBook in headless Chromium.
#[derive(Debug, Parser)]
#[command(name = "book-check")]
struct Args {
    /// The built book (mdBook's output directory).
    #[arg(default_value = "book/book")]
    book: PathBuf,
    /// The Chromium binary; by default the first of `chromium` and `chromium-browser` on PATH.
    #[arg(long)]
    chromium: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let Some(chromium) = args.chromium.clone().or_else(find_chromium) else {
        println!(
            "book-check: SKIPPED: no Chromium on this machine, so the book was not checked in a \
             browser. Install it (Debian: `apt-get install chromium`) or pass --chromium PATH."
        );
        return ExitCode::from(SKIPPED);
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("book-check: error: cannot start a runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&args.book, &chromium)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("book-check: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| [dir.join("chromium"), dir.join("chromium-browser")])
        .find(|candidate| candidate.is_file())
}

/// Checks every page; `Ok(false)` when a page has problems (already printed).
async fn run(book: &Path, chromium: &Path) -> Result<bool> {
    let book = book
        .canonicalize()
        .with_context(|| format!("no built book at {}; build it first", book.display()))?;
    let pages = pages(&book)?;
    if pages.is_empty() {
        bail!("{} holds no page; build the book first", book.display());
    }
    let profile =
        tempfile::TempDir::new().context("cannot make the browser's profile directory")?;
    let config = BrowserConfig::builder()
        .chrome_executable(chromium)
        .user_data_dir(profile.path())
        .window_size(WIDTH, 900)
        // As root (CI) Chromium refuses to start sandboxed; the pages are the book's own files.
        .no_sandbox()
        .launch_timeout(PAGE_TIMEOUT)
        .request_timeout(PAGE_TIMEOUT)
        .args([
            "--disable-gpu",
            "--disable-quic",
            "--allow-file-access-from-files",
        ])
        .build()
        .map_err(anyhow::Error::msg)?;
    let (mut browser, mut handler) = Browser::launch(config)
        .await
        .with_context(|| format!("cannot start {}", chromium.display()))?;
    // The handler drives the DevTools connection; it must be polled for anything to happen.
    let connection = tokio::spawn(async move { while handler.next().await.is_some() {} });

    let checked = check_pages(&browser, &book, &pages).await;
    // Closed on every path, the error path included; killed if it will not close.
    if browser.close().await.is_err() {
        let _ = browser.kill().await;
    }
    let _ = browser.wait().await;
    connection.abort();
    Ok(checked?.print(pages.len()))
}

async fn check_pages(browser: &Browser, book: &Path, pages: &[PathBuf]) -> Result<Problems> {
    let page = browser.new_page("about:blank").await?;
    page.execute(log::EnableParams::default()).await?;
    let console = Console::listen(
        page.event_listener::<EventEntryAdded>().await?,
        page.event_listener::<EventConsoleApiCalled>().await?,
        page.event_listener::<EventExceptionThrown>().await?,
    );
    let mut problems = Problems::default();
    for path in pages {
        console.clear();
        let report = tokio::time::timeout(PAGE_TIMEOUT, measure(&page, path))
            .await
            .with_context(|| format!("{} took longer than {PAGE_TIMEOUT:?}", path.display()))??;
        // Give late console messages (a script that fails after load) a moment to arrive.
        tokio::task::yield_now().await;
        problems.add(book, path, report, console.take());
    }
    Ok(problems)
}

/// Loads one page and runs `page.js` in it.
async fn measure(page: &Page, path: &Path) -> Result<PageReport> {
    page.goto(file_url(path))
        .await
        .with_context(|| format!("{} did not load", path.display()))?;
    let script = EvaluateParams::builder()
        .expression(include_str!("page.js"))
        .await_promise(true)
        .return_by_value(true)
        .build()
        .map_err(anyhow::Error::msg)?;
    let json: String = page
        .evaluate(script)
        .await
        .with_context(|| format!("cannot measure {}", path.display()))?
        .into_value()?;
    Ok(serde_json::from_str(&json)?)
}

/// The book's pages, sorted: every `.html` file but those that repeat the others
/// (`print.html` is the whole book on one page) or are not chapters (`404.html`, `toc.html`).
fn pages(book: &Path) -> Result<Vec<PathBuf>> {
    let mut pages = Vec::new();
    let mut dirs = vec![book.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for item in std::fs::read_dir(&dir)? {
            let path = item?.path();
            let skipped = ["print.html", "404.html", "toc.html"]
                .iter()
                .any(|skip| path.file_name() == Some(OsStr::new(skip)));
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "html") && !skipped {
                pages.push(path);
            }
        }
    }
    pages.sort();
    Ok(pages)
}

/// The `file://` URL of an absolute path, percent-encoding what a URL path cannot hold.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}
