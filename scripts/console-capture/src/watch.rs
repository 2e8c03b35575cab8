//! `console-capture watch <lab> <variant>`: the same demo, live in the real tokio-console.
//!
//! The snapshots in the book are for reading; to explore, nothing beats tokio-console itself.
//! This command does the fiddly part: it checks that tokio-console is installed (and says how
//! to install the pinned version if not), builds the demo with its `console` feature, starts it
//! on a free loopback port with a long `--hold`, waits until it serves, and opens tokio-console
//! on it. When you quit tokio-console, the demo is stopped.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, bail};
use tokio::process::Command;

use crate::demo::{self, Demo};
use crate::port;

/// The tokio-console release this project's rules and screenshots follow.
pub const PINNED: &str = "0.1.14";

/// The command that installs it.
pub fn install_command() -> String {
    format!("cargo install tokio-console --version {PINNED} --locked")
}

/// Finds tokio-console and returns its version line, or explains how to install it.
pub async fn check_installed() -> Result<String> {
    let output = Command::new("tokio-console")
        .arg("--version")
        .output()
        .await;
    match output {
        Ok(output) if output.status.success() => {
            let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
            if !version.ends_with(PINNED) {
                eprintln!(
                    "note: found {version}; this project's warnings follow tokio-console {PINNED} \
                     ({})",
                    install_command()
                );
            }
            Ok(version)
        }
        Ok(output) => bail!(
            "`tokio-console --version` failed ({}); reinstall it with `{}`",
            output.status,
            install_command()
        ),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => bail!(
            "tokio-console is not installed (no `tokio-console` on PATH). Install the version \
             this project pins with `{}`, then run this again. (Capturing snapshots for the \
             book does not need it: `console-capture <lab>` reads the demo's data itself.)",
            install_command()
        ),
        Err(err) => Err(err).context("cannot run tokio-console"),
    }
}

/// Runs `lab`'s demo `variant` and opens tokio-console on it.
pub async fn run(
    root: &Path,
    lab: &str,
    variant: &str,
    port: Option<u16>,
    hold: u64,
) -> Result<()> {
    let version = check_installed().await?;
    demo::check(root, lab).await?;
    let exe = demo::build(root, lab).await?;
    let port = match port {
        Some(port) => {
            port::check(port)?;
            port
        }
        None => port::free()?,
    };
    let mut demo = Demo::start(&exe, variant, &[], port, hold)?;
    wait_until_serving(&mut demo, port).await?;
    println!(
        "{lab} `{variant}` is serving on 127.0.0.1:{port} for {hold} s; opening {version} \
         (quit it with q; the demo stops with it)"
    );
    let status = Command::new("tokio-console")
        .arg(format!("http://127.0.0.1:{port}"))
        .stdin(Stdio::inherit())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .status()
        .await
        .context("cannot start tokio-console")?;
    demo.stop().await;
    if !status.success() {
        bail!("tokio-console exited with {status}");
    }
    Ok(())
}

/// Waits (at most 20 s) until something accepts connections on the demo's port.
async fn wait_until_serving(demo: &mut Demo, port: u16) -> Result<()> {
    let started = SystemTime::now();
    loop {
        if let Some(status) = demo.exited()? {
            bail!(
                "the demo exited ({status}) before serving tokio-console; its last output:\n{}",
                demo.last_words().await
            );
        }
        if tokio::net::TcpStream::connect(port::loopback(port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        if started.elapsed().unwrap_or_default() > Duration::from_secs(20) {
            bail!(
                "the demo did not serve tokio-console on port {port} within 20 s; its last output:\n{}",
                demo.tail()
            );
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
