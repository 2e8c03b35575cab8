//! Every capacity, burst and consumer speed: the fixes account for every event and end when
//! the channel closes; the anti-pattern stops exactly when it lagged.

use std::time::Duration;

use broadcast_lagged::scenario::run_paused;
use broadcast_lagged::{Ended, Scenario, Variant};
use proptest::prelude::*;

fn scenarios() -> impl Strategy<Value = Scenario> {
    (
        1_usize..24,
        prop::collection::vec(1_u64..48, 1..6),
        0_u64..30,
        prop::collection::vec(0_u64..15, 1..4),
    )
        .prop_map(|(capacity, bursts, pause, speeds)| Scenario {
            capacity,
            bursts,
            pause: Duration::from_millis(pause),
            subscribers: speeds.into_iter().map(Duration::from_millis).collect(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_fixes_account_for_every_event_and_end_on_close(scenario in scenarios()) {
        for variant in Variant::correct() {
            let run = run_paused(variant, &scenario);
            prop_assert_eq!(run.sent, scenario.sent());
            for report in &run.reports {
                prop_assert!(report.accounts_for(run.sent), "{}: {:?}", variant, report);
                prop_assert_eq!(report.ended, Ended::Closed);
                prop_assert!(report.ended_at >= run.publisher_done_at, "{} ended early", variant);
            }
        }
    }

    #[test]
    fn a_queue_per_subscriber_loses_nothing(scenario in scenarios()) {
        let run = run_paused(Variant::FanOut, &scenario);
        for report in &run.reports {
            prop_assert_eq!(&report.delivered, &(0..run.sent).collect::<Vec<_>>());
        }
    }

    #[test]
    fn the_anti_pattern_stops_exactly_when_the_fix_would_have_skipped(scenario in scenarios()) {
        let fixed = run_paused(Variant::Fixed, &scenario);
        let anti = run_paused(Variant::Anti, &scenario);
        let resubscribe = run_paused(Variant::Resubscribe, &scenario);
        for ((fixed, anti), resubscribe) in
            fixed.reports.iter().zip(&anti.reports).zip(&resubscribe.reports)
        {
            if fixed.skipped == 0 {
                prop_assert_eq!(anti, fixed);
                prop_assert_eq!(resubscribe, fixed);
            } else {
                prop_assert_eq!(anti.ended, Ended::Quit);
                prop_assert!((anti.delivered.len() as u64) < scenario.sent());
                // Up to the first lag the two loops are the same loop.
                prop_assert!(fixed.delivered.starts_with(&anti.delivered));
                prop_assert!(!resubscribe.accounts_for(scenario.sent()), "{:?}", resubscribe);
            }
        }
    }
}
