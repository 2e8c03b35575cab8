//! The port delivers the host's messages: each once, in order, whenever they are written.

use exercise_fs_for_devices::SerialPort;
use fs_for_devices::Fifo;

use crate::harness::{finish, next, runtime, spawn_read, waiting};

#[test]
fn lines_written_together_arrive_one_by_one() {
    let runtime = runtime(8);
    let fifo = Fifo::new().unwrap();
    runtime.block_on(async {
        let port = SerialPort::open(fifo.path()).await.unwrap();
        fifo.write(b"one\ntwo\n").unwrap();
        fifo.write(b"three\n").unwrap();
        let (port, first) = next(port, &fifo).await;
        let (port, second) = next(port, &fifo).await;
        let (_port, third) = next(port, &fifo).await;
        assert_eq!(
            [first, second, third],
            [Some("one".into()), Some("two".into()), Some("three".into())],
            "two lines in one write, then a third"
        );
    });
}

#[test]
fn a_message_written_while_the_reader_waits_arrives() {
    let runtime = runtime(8);
    let fifo = Fifo::new().unwrap();
    runtime.block_on(async {
        let port = SerialPort::open(fifo.path()).await.unwrap();
        let (_cancel, task) = spawn_read(port);
        waiting(&fifo, &task).await;
        assert!(
            !task.is_finished(),
            "next_message returned while the port was silent: {:?}",
            finish(task, &fifo).await.1
        );
        fifo.write(b"late\n").unwrap();
        let (_port, message) = finish(task, &fifo).await;
        assert_eq!(message.unwrap().unwrap().as_deref(), Some("late"));
    });
}

#[test]
fn a_hang_up_ends_the_messages() {
    let runtime = runtime(8);
    let mut fifo = Fifo::new().unwrap();
    runtime.block_on(async {
        let port = SerialPort::open(fifo.path()).await.unwrap();
        fifo.write(b"last\n").unwrap();
        let (port, last) = next(port, &fifo).await;
        fifo.hang_up();
        let (_port, end) = next(port, &fifo).await;
        assert_eq!((last.as_deref(), end), (Some("last"), None));
    });
}
