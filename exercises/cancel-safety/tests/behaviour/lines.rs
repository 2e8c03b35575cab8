//! No command is lost or torn, whatever pieces it arrives in and whenever the tick fires.
//!
//! Every test runs on a paused clock (see `support`), so a tick that falls between two pieces
//! of a command does so on every run: these tests cannot pass by luck.

use std::time::Duration;

use exercise_cancel_safety::support::Peer;

const TICK: Duration = Duration::from_millis(10);

/// `lines` joined with newlines, each line's end included.
fn stream(lines: &[&str]) -> Vec<u8> {
    lines
        .iter()
        .flat_map(|l| format!("{l}\n").into_bytes())
        .collect()
}

#[tokio::test(start_paused = true)]
async fn a_command_split_around_a_tick_arrives_whole() {
    let peer = Peer::new()
        .write(r#"{"cmd":"he"#)
        .pause(Duration::from_millis(15))
        .write("llo\"}\n");
    let (served, _) = peer.serve(TICK).await;
    assert_eq!(
        served.lines,
        [r#"{"cmd":"hello"}"#],
        "the tick at 10 ms fell between the two pieces"
    );
}

#[tokio::test(start_paused = true)]
async fn no_command_is_torn_at_any_split_point_with_one_or_more_ticks_in_between() {
    let lines = [r#"{"cmd":"ping","seq":1}"#, "", r#"{"cmd":"stat"}"#];
    let bytes = stream(&lines);
    // A gap that one tick falls into, one that three do, and one shorter than a tick.
    for gap in [15, 35, 4].map(Duration::from_millis) {
        for at in 1..bytes.len() {
            let peer = Peer::new()
                .pause(Duration::from_millis(7)) // the first tick falls inside the gap too
                .write(&bytes[..at])
                .pause(gap)
                .write(&bytes[at..]);
            let (served, _) = peer.serve(TICK).await;
            assert_eq!(
                served.lines, lines,
                "the stream was split after byte {at} with a {gap:?} pause between the pieces"
            );
        }
    }
}

/// A small deterministic pseudo-random generator (xorshift), so every run draws the same
/// schedules and a failure names one you can replay.
struct Draw(u64);

impl Draw {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[tokio::test(start_paused = true)]
async fn every_line_arrives_in_order_over_many_schedules_of_pieces_pauses_and_ticks() {
    let alphabet: Vec<char> = "abc{}\":,0123456789 é".chars().collect();
    for seed in 1..=60u64 {
        let mut draw = Draw(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let lines: Vec<String> = (0..1 + draw.below(8))
            .map(|_| {
                (0..draw.below(40))
                    .map(|_| alphabet[draw.below(alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let bytes = stream(&refs);
        let tick = Duration::from_millis(2 + draw.below(15));
        let mut peer = Peer::new();
        let mut start = 0;
        while start < bytes.len() {
            let end = (start + 1 + draw.below(24) as usize).min(bytes.len());
            peer = peer
                .write(&bytes[start..end])
                .pause(Duration::from_millis(draw.below(30)));
            start = end;
        }
        let (served, _) = peer.serve(tick).await;
        assert_eq!(
            served.lines, lines,
            "schedule {seed}, a tick every {tick:?}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_long_command_trickling_in_over_many_ticks_arrives_whole() {
    let command = format!(r#"{{"cmd":"upload","data":"{}"}}"#, "x".repeat(4_000));
    let bytes = stream(&[&command]);
    let mut peer = Peer::new();
    for piece in bytes.chunks(100) {
        peer = peer.write(piece).pause(Duration::from_millis(13));
    }
    let (served, _) = peer.serve(TICK).await;
    assert_eq!(served.lines.len(), 1, "one command, in 41 pieces");
    assert!(
        served.lines[0] == command,
        "the long command arrived changed"
    );
}

#[tokio::test(start_paused = true)]
async fn blank_lines_count_and_a_last_line_without_a_newline_is_delivered() {
    let (served, _) = Peer::new()
        .write("first\n\n")
        .write("last")
        .serve(TICK)
        .await;
    assert_eq!(served.lines, ["first", "", "last"]);
}

#[tokio::test(start_paused = true)]
async fn a_character_split_between_two_pieces_arrives_whole() {
    let bytes = "café\n".as_bytes();
    let at = "caf".len() + 1; // inside the two bytes of 'é'
    let peer = Peer::new()
        .write(&bytes[..at])
        .pause(Duration::from_millis(15))
        .write(&bytes[at..]);
    let (served, _) = peer.serve(TICK).await;
    assert_eq!(served.lines, ["café"]);
}
