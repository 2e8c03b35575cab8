//! Every message is still handled, whatever the loop does with its timer.

use std::time::Duration;

use exercise_timers_in_loops::{Scenario, drive};

#[tokio::test(start_paused = true)]
async fn every_message_is_handled() {
    let scenario = Scenario {
        period: Duration::from_millis(100),
        message_every: Some(Duration::from_millis(3)),
        run_for: Duration::from_secs(3),
        stall: Some((2, Duration::from_millis(450))),
    };
    let record = drive(scenario).await;
    assert_eq!(record.messages, 2_999 / 3, "messages handled");
}
