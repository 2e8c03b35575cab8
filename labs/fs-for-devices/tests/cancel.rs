//! What a cancelled read leaves behind: the thread it held, and the bytes that come next.
//!
//! Each read is cancelled the way `select!` cancels the losing branch: its future is polled
//! until the reader waits (in `read(2)` or on the reactor, as the census sees it), then dropped.

use fs_for_devices::{Census, Fifo, Variant, Variants, census, lines, settled, until};

/// Polls a read on `lines` until the port's reader waits, then drops the read.
async fn cancel_a_read<R>(lines: &mut tokio::io::Lines<R>, fifo: &Fifo) -> Census
where
    R: tokio::io::AsyncBufRead + Unpin,
{
    tokio::select! {
        biased;
        line = lines.next_line() => panic!("a line from a silent port: {line:?}"),
        census = settled(fifo) => census.unwrap(),
    }
}

#[tokio::test]
async fn a_cancelled_read_on_a_kept_port_loses_nothing() {
    for &variant in Variant::all() {
        let fifo = Fifo::new().unwrap();
        let mut lines = lines(variant.open(fifo.path()).await.unwrap());
        let waiting = cancel_a_read(&mut lines, &fifo).await;
        // The read is gone; whether its thread is, the census says.
        let after = census(&fifo).unwrap();
        let holds = usize::from(variant.faults().holds_thread);
        assert_eq!(
            waiting.in_read, holds,
            "{variant}: in read(2) while waiting"
        );
        assert_eq!(
            after.in_read, holds,
            "{variant}: in read(2) after the cancel"
        );
        fifo.write(b"one\n").unwrap();
        assert_eq!(
            lines.next_line().await.unwrap().as_deref(),
            Some("one"),
            "{variant}"
        );
    }
}

#[tokio::test]
async fn a_dropped_port_leaves_a_read_that_takes_the_next_message() {
    for &variant in Variant::all() {
        let fifo = Fifo::new().unwrap();
        let mut lines = lines(variant.open(fifo.path()).await.unwrap());
        cancel_a_read(&mut lines, &fifo).await;
        drop(lines);
        let left = census(&fifo).unwrap();
        let reads_on = variant.faults().reads_after_drop;
        if reads_on {
            assert_eq!(
                (left.open, left.in_read),
                (1, 1),
                "{variant}: the read left behind"
            );
            fifo.write(b"first\n").unwrap();
            // The abandoned read returns with the message, and its descriptor closes.
            until(&fifo, |c| c.open == 0).await.unwrap();
        } else {
            assert_eq!(left.open, 0, "{variant}: a descriptor left open");
            fifo.write(b"first\n").unwrap();
        }
        fifo.write(b"second\n").unwrap();
        let mut next = lines_of(variant, &fifo).await;
        let expected = if reads_on { "second" } else { "first" };
        assert_eq!(
            next.next_line().await.unwrap().as_deref(),
            Some(expected),
            "{variant}"
        );
    }
}

async fn lines_of(
    variant: Variant,
    fifo: &Fifo,
) -> tokio::io::Lines<tokio::io::BufReader<fs_for_devices::Port>> {
    lines(variant.open(fifo.path()).await.unwrap())
}
