//! A port waiting for its next message holds no thread: none of Tokio's blocking pool, none of
//! its own; so a file operation is served while every port is silent, even when there are as
//! many silent ports as the pool has threads.

use exercise_fs_for_devices::SerialPort;
use fs_for_devices::{Fifo, busy_blocking_threads, census, queued_blocking_jobs, until};
use tokio::runtime::Handle;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::harness::{Read, finish, next, runtime, spawn_read, waiting};

/// Silent ports per test, and the blocking pool's cap.
const PORTS: usize = 3;

/// `PORTS` ports that have each read one message and wait for the next. Each is judged as
/// soon as it waits: it must wait on no thread.
async fn silent_ports(fifos: &[Fifo]) -> Vec<(oneshot::Sender<()>, JoinHandle<Read>)> {
    let mut reads = Vec::new();
    for fifo in fifos {
        let port = SerialPort::open(fifo.path()).await.unwrap();
        fifo.write(b"hello\n").unwrap();
        let (port, hello) = next(port, fifo).await;
        assert_eq!(hello.as_deref(), Some("hello"));
        let read = spawn_read(port);
        let census = waiting(fifo, &read.1).await;
        assert!(
            !read.1.is_finished(),
            "next_message returned while the port was silent: {:?}",
            finish(read.1, fifo).await.1
        );
        assert_eq!(census.in_read, 0, "a thread in read(2) on a silent port");
        reads.push(read);
    }
    reads
}

#[test]
fn silent_ports_hold_no_thread() {
    let runtime = runtime(PORTS);
    let fifos: Vec<Fifo> = (0..PORTS).map(|_| Fifo::new().unwrap()).collect();
    runtime.block_on(async {
        let reads = silent_ports(&fifos).await;
        let mut in_read = 0;
        for fifo in &fifos {
            in_read += census(fifo).unwrap().in_read;
        }
        assert_eq!(in_read, 0, "threads in read(2) on {PORTS} silent ports");
        let busy = busy_blocking_threads(&Handle::current());
        assert_eq!(
            busy, 0,
            "blocking-pool threads busy while every port is silent"
        );
        for (fifo, (_cancel, task)) in fifos.iter().zip(reads) {
            fifo.write(b"bye\n").unwrap();
            let (_port, bye) = finish(task, fifo).await;
            assert_eq!(bye.unwrap().unwrap().as_deref(), Some("bye"));
        }
    });
}

#[test]
fn file_work_is_served_while_every_port_is_silent() {
    let runtime = runtime(PORTS);
    let fifos: Vec<Fifo> = (0..PORTS).map(|_| Fifo::new().unwrap()).collect();
    let dir = tempfile::tempdir().unwrap();
    runtime.block_on(async {
        let _reads = silent_ports(&fifos).await;
        let handle = Handle::current();
        let mut metadata = tokio::spawn(tokio::fs::metadata(dir.path().to_owned()));
        // Served, or stuck: queued while every thread of the pool is busy, a state nothing
        // ends while the ports are silent.
        tokio::select! {
            served = &mut metadata => assert!(served.unwrap().unwrap().is_dir()),
            stuck = until(&fifos[0], |_| {
                queued_blocking_jobs(&handle) >= 1 && busy_blocking_threads(&handle) >= PORTS
            }) => panic!(
                "a file operation waits for a blocking thread: {PORTS} silent ports hold all \
                 {PORTS} of the pool's ({stuck:?})"
            ),
        }
    });
}
