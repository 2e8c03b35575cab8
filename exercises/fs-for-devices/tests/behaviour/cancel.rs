//! `next_message` is cancel safe, and cancelling it leaves nothing behind: no thread still in
//! `read(2)`, no byte taken from the port for nobody, not even half a message.

use exercise_fs_for_devices::SerialPort;
use fs_for_devices::{Fifo, busy_blocking_threads, census};
use tokio::runtime::Handle;

use crate::harness::{finish, next, runtime, spawn_read, waiting};

#[test]
fn a_cancelled_read_leaves_no_thread_behind() {
    let runtime = runtime(8);
    let fifo = Fifo::new().unwrap();
    runtime.block_on(async {
        let port = SerialPort::open(fifo.path()).await.unwrap();
        let (cancel, task) = spawn_read(port);
        let before = waiting(&fifo, &task).await;
        assert!(
            !task.is_finished(),
            "next_message returned from a silent port"
        );
        assert_eq!(
            before.in_read, 0,
            "a thread in read(2) while the read waits"
        );
        let _ = cancel.send(());
        let (_port, cancelled) = finish(task, &fifo).await;
        assert!(
            cancelled.is_none(),
            "the read ended by itself: {cancelled:?}"
        );
        let after = census(&fifo).unwrap();
        assert_eq!(
            after.in_read, 0,
            "a thread still in read(2) after the cancel"
        );
        let busy = busy_blocking_threads(&Handle::current());
        assert_eq!(busy, 0, "blocking-pool threads still busy after the cancel");
    });
}

#[test]
fn a_cancelled_read_keeps_half_a_message() {
    let runtime = runtime(8);
    let fifo = Fifo::new().unwrap();
    runtime.block_on(async {
        let port = SerialPort::open(fifo.path()).await.unwrap();
        fifo.write(b"hel").unwrap();
        let (cancel, task) = spawn_read(port);
        // The reader has taken `hel` from the pipe and waits for the rest.
        waiting(&fifo, &task).await;
        let _ = cancel.send(());
        let (port, cancelled) = finish(task, &fifo).await;
        assert!(
            cancelled.is_none(),
            "a message from half a line: {cancelled:?}"
        );
        fifo.write(b"lo\n").unwrap();
        let (_port, message) = next(port, &fifo).await;
        assert_eq!(message.as_deref(), Some("hello"), "the first half was lost");
    });
}

#[test]
fn a_dropped_port_leaves_the_next_message_to_the_next_port() {
    let runtime = runtime(8);
    let fifo = Fifo::new().unwrap();
    runtime.block_on(async {
        let port = SerialPort::open(fifo.path()).await.unwrap();
        let (cancel, task) = spawn_read(port);
        waiting(&fifo, &task).await;
        let _ = cancel.send(());
        let (port, _) = finish(task, &fifo).await;
        drop(port);
        let left = census(&fifo).unwrap();
        assert_eq!(
            left.open, 0,
            "the dropped port's descriptor is still open ({left:?}): a read still in flight on \
             it takes the next message for nobody"
        );
        fifo.write(b"first\n").unwrap();
        let (_port, first) = next(SerialPort::open(fifo.path()).await.unwrap(), &fifo).await;
        assert_eq!(first.as_deref(), Some("first"));
    });
}
