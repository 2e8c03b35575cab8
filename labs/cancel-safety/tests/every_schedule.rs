//! For every schedule, the fixes deliver exactly the lines written, in order.
//!
//! proptest draws the lines (printable ASCII, JSON punctuation and a two-byte character,
//! blank lines included), the sizes of the pieces the stream is cut into, the pauses after
//! each piece and the tick's period; each case replays the schedule on a fresh paused clock
//! against every variant that claims to keep every line. Two more properties pin the
//! anti-pattern down: it loses nothing when no pause is longer than the tick can fill (no
//! tick falls inside a line), and it loses bytes in every schedule where a tick must fall
//! inside the first line's gap.

use std::time::Duration;

use cancel_safety::Variant;
use cancel_safety::traffic::{Loss, Schedule, on_paused_clock, replay};
use proptest::prelude::*;

fn lines() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[a-z0-9{}\":, é]{0,40}", 1..12)
}

fn sizes() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(1usize..48, 1..8)
}

fn pauses() -> impl Strategy<Value = Vec<Duration>> {
    prop::collection::vec((0u64..30).prop_map(Duration::from_millis), 1..8)
}

fn tick() -> impl Strategy<Value = Duration> {
    (1u64..25).prop_map(Duration::from_millis)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_fixes_deliver_every_line_in_order(
        lines in lines(),
        sizes in sizes(),
        pauses in pauses(),
        tick in tick(),
    ) {
        for variant in Variant::fixes() {
            let schedule = Schedule::chunked(&lines, &sizes, &pauses);
            let report = on_paused_clock(replay(variant, schedule, tick))
                .expect("the pipe works");
            prop_assert_eq!(&report.lines, &lines, "{}", variant);
        }
    }

    #[test]
    fn the_anti_pattern_loses_nothing_when_no_tick_can_fall_inside_a_line(
        lines in lines(),
        sizes in sizes(),
    ) {
        // No pauses at all: the whole stream is in the pipe before the first tick is due,
        // so every read completes without waiting and no tick ever wins mid-line.
        let schedule = Schedule::chunked(&lines, &sizes, &[]);
        let report = on_paused_clock(replay(Variant::Anti, schedule, Duration::from_millis(1)))
            .expect("the pipe works");
        prop_assert_eq!(&report.lines, &lines);
    }

    #[test]
    fn the_anti_pattern_tears_the_line_whenever_a_tick_falls_in_its_gap(
        line in "[a-z{}\":]{2,40}",
        at in any::<prop::sample::Index>(),
        tick in tick(),
    ) {
        let at = 1 + at.index(line.len() - 1); // at least one byte on each side
        for variant in [Variant::Anti, Variant::KeptBuffer] {
            // A gap longer than one period: at least one tick falls inside it.
            let schedule = Schedule::default().split_line(&line, at, tick + tick / 2);
            let report = on_paused_clock(replay(variant, schedule, tick))
                .expect("the pipe works");
            let loss = Loss::of(std::slice::from_ref(&line), &report);
            prop_assert_eq!(loss.bytes_lost, at, "{}", variant);
            prop_assert_eq!(&report.lines, &[line[at..].to_string()], "{}", variant);
        }
    }
}
