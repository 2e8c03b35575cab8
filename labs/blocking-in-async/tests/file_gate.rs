//! Synchronous file I/O can wait on the outside world for as long as it likes: a FIFO (named
//! pipe) stands in for a slow disk or a hung network file system. Its reader blocks until
//! someone writes, and here the writer is only let in by the witness task, so a handler that
//! reads on the worker thread can never finish before its time limit, and one that reads
//! elsewhere always can.
#![cfg(unix)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use blocking_in_async::witness::{Witness, alongside};
use blocking_in_async::{Job, Variant, Variants};

/// A FIFO in the temporary directory, removed when dropped.
struct Fifo(PathBuf);

impl Fifo {
    fn new(name: &str) -> Fifo {
        let path = std::env::temp_dir().join(format!(
            "blocking-in-async-{}-{name}.fifo",
            std::process::id()
        ));
        let _ = std::fs::remove_file(&path);
        let status = Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo is part of coreutils");
        assert!(status.success());
        Fifo(path)
    }
}

impl Drop for Fifo {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Opens the FIFO for writing (which blocks until the reader has it open), writes and closes.
fn write_to(path: &Path) {
    let mut writer = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    writer.write_all(&[7; 100_000]).unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn reading_with_std_fs_inline_keeps_the_witness_out_until_the_file_is_ready() {
    let fifo = Fifo::new("std");
    let (witness_ran, signal) = mpsc::channel::<()>();
    let witness = Witness::spawn_then(1, move || {
        let _ = witness_ran.send(());
    });
    // The witness cannot let the writer in (it never runs), so a watchdog thread does after a
    // while. The while only decides how long this test takes.
    let path = fifo.0.clone();
    let watchdog = std::thread::spawn(move || {
        let _ = signal.recv_timeout(Duration::from_millis(200));
        write_to(&path);
    });
    let job = Job::new(1).with_file(&fifo.0);
    let (answer, turns) = tokio::spawn(witness.turns_during(Variant::StdFs.handle(job)))
        .await
        .unwrap();
    answer.unwrap();
    assert_eq!(
        turns, 0,
        "the witness ran while std::fs was waiting on the worker thread"
    );
    watchdog.join().unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn reading_on_the_blocking_pool_lets_the_witness_open_the_door() {
    for variant in [Variant::TokioFs, Variant::FsSpawnBlocking] {
        let fifo = Fifo::new(&variant.name());
        let path = fifo.0.clone();
        // Opening a FIFO for writing blocks until a reader comes, so even the witness hands
        // that to a thread of its own instead of blocking its worker.
        let let_the_writer_in = move || {
            std::thread::spawn(move || write_to(&path));
        };
        let job = Job::new(1).with_file(&fifo.0);
        // The witness is spawned as the handler starts, and nobody else lets the writer in:
        // an answer at all means the witness ran while the handler was reading.
        let (answer, turns) = tokio::spawn(alongside(1, let_the_writer_in, variant.handle(job)))
            .await
            .unwrap();
        answer.unwrap();
        assert!(
            turns >= 1,
            "{variant}: the answer came before the witness ran"
        );
    }
}
