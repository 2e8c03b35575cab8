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
//!
//! The browser leaves nothing behind, however the check ends. Its profile lives beside this
//! binary in the target directory (never in `/tmp`), and a stale one from a killed run is
//! removed at the next start. Ctrl-C, SIGTERM and SIGHUP close the browser before exiting.
//! And Chromium is started through this same binary in a tiny launcher mode ([`LAUNCH_ENV`])
//! that asks the kernel to kill it when its parent dies, then becomes Chromium: so even a
//! `kill -9` of the check takes the browser with it.

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

/// Set in the environment of this binary when it runs as Chromium's launcher: the path of the
/// real Chromium, which the launcher becomes once its parent-death signal is set.
const LAUNCH_ENV: &str = "BOOK_CHECK_LAUNCH_CHROMIUM";

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
    if let Some(chromium) = std::env::var_os(LAUNCH_ENV) {
        return launch_chromium(Path::new(&chromium));
    }
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

/// The launcher mode: set the parent-death signal, then become Chromium with the same arguments.
fn launch_chromium(chromium: &Path) -> ExitCode {
    use std::os::unix::process::CommandExt;
    if let Err(err) = nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL) {
        eprintln!("book-check: cannot tie Chromium to the check: {err}");
        return ExitCode::FAILURE;
    }
    // Only returns on failure: on success this process *is* Chromium now.
    let err = std::process::Command::new(chromium)
        .args(std::env::args_os().skip(1))
        .env_remove(LAUNCH_ENV)
        .exec();
    eprintln!("book-check: cannot start {}: {err}", chromium.display());
    ExitCode::FAILURE
}

/// Waits for Ctrl-C, SIGTERM or SIGHUP, and names it.
async fn stop_signal() -> &'static str {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut hup)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::hangup()),
    ) else {
        return std::future::pending().await;
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => "Ctrl-C",
        _ = term.recv() => "SIGTERM",
        _ = hup.recv() => "SIGHUP",
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
    let profile = Profile::fresh()?;
    let launcher = std::env::current_exe().context("cannot find this binary to launch Chromium")?;
    let config = BrowserConfig::builder()
        .chrome_executable(&launcher)
        .envs([(LAUNCH_ENV.to_string(), chromium.display().to_string())])
        .user_data_dir(&profile.dir)
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

    // A stop signal ends the pages early, but not the clean-up below.
    let checked = tokio::select! {
        checked = check_pages(&browser, &book, &pages) => checked,
        signal = stop_signal() => Err(anyhow::anyhow!("stopped by {signal}; the browser was closed")),
    };
    // Closed on every path, the error path included; killed if it will not close.
    if browser.close().await.is_err() {
        let _ = browser.kill().await;
    }
    let _ = browser.wait().await;
    connection.abort();
    drop(profile);
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

/// The browser's profile: a directory beside this binary, removed when dropped.
struct Profile {
    dir: PathBuf,
}

impl Profile {
    /// A fresh, empty profile; whatever a killed run left there is removed first.
    fn fresh() -> Result<Profile> {
        let exe = std::env::current_exe().context("cannot find this binary")?;
        let dir = exe
            .parent()
            .context("this binary has no directory")?
            .join("book-check-profile");
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot remove the stale profile {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot make the browser's profile {}", dir.display()))?;
        Ok(Profile { dir })
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
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
