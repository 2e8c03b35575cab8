//! Seed 003's end-of-stream case: `receive_message` answers `Ok("")` when the peer has gone,
//! and a caller that skips empty messages spins on it.

use cancel_safety::eof::{drain_seed_style, drain_until_end, receive_message};
use cancel_safety::traffic::Schedule;
use tokio::io::BufReader;

/// Far more calls than the stream has lines: a loop that stops by itself stops long before.
const CAP: u64 = 10_000;

fn peer() -> Schedule {
    Schedule::default().write("start\n\nstop\n")
}

#[tokio::test(start_paused = true)]
async fn at_end_of_stream_receive_message_answers_an_empty_message_forever() {
    let (ours, theirs) = tokio::io::duplex(1024);
    peer().play(theirs).await.expect("the pipe works");
    let mut reader = BufReader::new(ours);
    let mut answers = Vec::new();
    for _ in 0..100 {
        answers.push(receive_message(&mut reader).await.expect("never an error"));
    }
    assert_eq!(answers[..3], ["start", "", "stop"]);
    // The blank line and the end of stream give the same answer; after it, nothing else.
    assert!(answers[1..].iter().filter(|a| a.is_empty()).count() == 98);
}

#[tokio::test(start_paused = true)]
async fn the_seed_style_caller_never_stops_and_drops_the_blank_line() {
    let (ours, theirs) = tokio::io::duplex(1024);
    peer().play(theirs).await.expect("the pipe works");
    let drained = drain_seed_style(ours, CAP).await.expect("never an error");
    assert_eq!(drained.messages, ["start", "stop"]);
    assert_eq!(
        drained.calls, CAP,
        "it was still calling when the cap stopped it"
    );
    assert!(!drained.stopped);
}

#[tokio::test(start_paused = true)]
async fn next_line_says_end_of_stream_and_the_caller_stops_at_once() {
    let (ours, theirs) = tokio::io::duplex(1024);
    peer().play(theirs).await.expect("the pipe works");
    let drained = drain_until_end(ours, CAP).await.expect("never an error");
    assert_eq!(drained.messages, ["start", "", "stop"]);
    assert_eq!(drained.calls, 4, "three lines and one `None`");
    assert!(drained.stopped);
}
