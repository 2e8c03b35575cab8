//! The symptom and the fix, deterministically: a line written in two pieces with a tick
//! between them, on a paused clock.
//!
//! With the clock paused, time moves only when every task waits, straight to the next timer,
//! so "the tick fires between the two pieces" is not a matter of luck: with a 10 ms tick and
//! a 15 ms gap, it fires at 10 ms, while the read holds the first piece and waits for the
//! rest. Every test here runs every variant and holds each to what the lab says of it
//! (`Variant::keeps_every_line`).

use std::time::Duration;

use cancel_safety::traffic::{Loss, Schedule, command, replay};
use cancel_safety::{Variant, Variants};

const TICK: Duration = Duration::from_millis(10);
const GAP: Duration = Duration::from_millis(15);

#[tokio::test(start_paused = true)]
async fn the_issue_s_command_is_torn_by_the_anti_pattern_and_kept_by_every_fix() {
    let line = r#"{"cmd":"hello"}"#;
    for &variant in Variant::all() {
        let schedule = Schedule::default().split_line(line, r#"{"cmd":"he"#.len(), GAP);
        let report = replay(variant, schedule, TICK)
            .await
            .expect("the pipe works");
        assert_eq!(report.ticks, 1, "{variant}: one tick fell in the gap");
        if variant.keeps_every_line() {
            assert_eq!(report.lines, [line], "{variant}");
        } else {
            // The first piece went down with the dropped future; the rest came as a command.
            assert_eq!(report.lines, [r#"llo"}"#], "{variant}");
        }
    }
}

#[tokio::test(start_paused = true)]
async fn the_anti_pattern_loses_exactly_the_bytes_read_before_the_tick_at_every_split() {
    let line = command(7);
    for at in 1..=line.len() {
        for &variant in Variant::all() {
            let schedule = Schedule::default().split_line(&line, at, GAP);
            let report = replay(variant, schedule, TICK)
                .await
                .expect("the pipe works");
            let expected = if variant.keeps_every_line() {
                line.clone()
            } else {
                line[at..].to_string()
            };
            assert_eq!(report.lines, [expected], "{variant}, split at {at}");
        }
    }
}

#[tokio::test(start_paused = true)]
async fn without_a_tick_between_the_pieces_nothing_is_lost_which_is_why_tests_pass() {
    // The same split, but the tick comes after the line is complete: the anti-pattern
    // delivers it intact. The bug needs the tick *inside* the gap.
    let line = command(1);
    for &variant in Variant::all() {
        let schedule = Schedule::default()
            .split_line(&line, 5, Duration::from_millis(2))
            .pause(GAP);
        let report = replay(variant, schedule, TICK)
            .await
            .expect("the pipe works");
        assert_eq!(report.lines, [line.as_str()], "{variant}");
        assert_eq!(report.ticks, 1, "{variant}");
    }
}

#[tokio::test(start_paused = true)]
async fn several_ticks_inside_one_gap_lose_the_piece_once() {
    let line = command(2);
    for &variant in Variant::all() {
        let schedule = Schedule::default().split_line(&line, 9, Duration::from_millis(55));
        let report = replay(variant, schedule, TICK)
            .await
            .expect("the pipe works");
        assert_eq!(report.ticks, 5, "{variant}: ticks at 10, 20, ..., 50 ms");
        let loss = Loss::of(std::slice::from_ref(&line), &report);
        let expected = if variant.keeps_every_line() { 0 } else { 9 };
        assert_eq!(loss.bytes_lost, expected, "{variant}");
    }
}

#[tokio::test(start_paused = true)]
async fn every_variant_keeps_ticking_while_the_peer_is_silent() {
    // A tick that only fires between lines would starve the keep-alive of a quiet peer.
    for &variant in Variant::all() {
        let schedule = Schedule::default()
            .write(format!("{}\n", command(1)))
            .pause(Duration::from_millis(1_005))
            .write(format!("{}\n", command(2)));
        let report = replay(variant, schedule, TICK)
            .await
            .expect("the pipe works");
        assert_eq!(report.ticks, 100, "{variant}");
        assert_eq!(report.lines, [command(1), command(2)], "{variant}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_last_line_without_a_newline_is_delivered_at_end_of_stream() {
    for &variant in Variant::all() {
        let schedule = Schedule::default().write("first\nlast");
        let report = replay(variant, schedule, TICK)
            .await
            .expect("the pipe works");
        assert_eq!(report.lines, ["first", "last"], "{variant}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_character_split_in_half_survives_in_every_fix_and_breaks_the_anti_pattern() {
    // A split inside "é" leaves invalid UTF-8 in the first piece; the fixes must wait for
    // the second half rather than fail.
    let line = "café au lait";
    let at = "caf".len() + 1;
    for &variant in Variant::all() {
        let schedule = Schedule::default().split_line(line, at, GAP);
        let served = replay(variant, schedule, TICK).await;
        if variant.keeps_every_line() {
            let report = served.expect("valid UTF-8 in the end");
            assert_eq!(report.lines, [line], "{variant}");
        } else {
            // The torn rest starts with half a character: an error for valid input, and the
            // loop stops serving.
            let err = served.expect_err("half a character is not UTF-8");
            assert_eq!(err.kind(), std::io::ErrorKind::InvalidData, "{variant}");
        }
    }
}

#[tokio::test(start_paused = true)]
async fn the_limit_reads_the_same_lines_and_never_ticks() {
    // The bench's floor must deliver what the fixes deliver, or it is not a floor for them.
    let written: Vec<String> = (0..50).map(command).collect();
    let schedule = Schedule::chunked(&written, &[7, 64, 3], &[Duration::from_millis(4)]);
    let (peer, ours) = tokio::io::duplex(64 * 1024);
    let writer = tokio::spawn(schedule.play(peer));
    let report = cancel_safety::limit::read_all(ours)
        .await
        .expect("the pipe works");
    writer.await.expect("no panic").expect("the pipe works");
    assert_eq!(report.lines, written);
    assert_eq!(report.ticks, 0);
}
