//! The timer keeps its schedule: a tick every period, on time, whether the peer is silent or
//! half-way through a command. A fix that only ticks between commands, or ticks less often,
//! keeps every line and still starves the metrics.

use std::time::Duration;

use exercise_cancel_safety::support::Peer;
use tokio::time::Instant;

const TICK: Duration = Duration::from_millis(10);

/// Asserts that `ticks` are exactly the ticks due in `window` after `start`, each on time.
fn on_schedule(ticks: &[Instant], start: Instant, window: Duration) {
    let due = (window.as_millis() / TICK.as_millis()) as usize;
    assert_eq!(
        ticks.len(),
        due,
        "{due} ticks were due in {window:?}, one every {TICK:?}"
    );
    for (k, &at) in ticks.iter().enumerate() {
        let expected = start + TICK * (k as u32 + 1);
        let late = at.saturating_duration_since(expected);
        assert!(
            late <= Duration::from_millis(1),
            "tick {} was handled {late:?} late",
            k + 1
        );
    }
}

#[tokio::test(start_paused = true)]
async fn ticks_run_on_time_while_the_peer_is_silent() {
    let peer = Peer::new()
        .write("hello\n")
        .pause(Duration::from_millis(1_005))
        .write("bye\n");
    let (served, start) = peer.serve(TICK).await;
    assert_eq!(served.lines, ["hello", "bye"]);
    on_schedule(&served.ticks, start, Duration::from_millis(1_005));
}

#[tokio::test(start_paused = true)]
async fn ticks_run_on_time_while_a_command_is_half_written() {
    let peer = Peer::new()
        .write(r#"{"cmd":"he"#)
        .pause(Duration::from_millis(505))
        .write("llo\"}\n");
    let (served, start) = peer.serve(TICK).await;
    assert_eq!(served.lines, [r#"{"cmd":"hello"}"#]);
    on_schedule(&served.ticks, start, Duration::from_millis(505));
}
