//! The recordings themselves: they parse, they say what they are, and the capture's own
//! transformations (compaction, the JSON layout) change nothing the replay can see.

mod common;

use console_snapshot::replay;

#[test]
fn every_fixture_names_its_lab_and_variant() {
    let fixtures = common::all();
    assert!(
        !fixtures.is_empty(),
        "no fixtures in {}",
        common::dir().display()
    );
    for (lab, variant, recording) in &fixtures {
        assert_eq!((&recording.lab, &recording.variant), (lab, variant));
        assert!(
            !recording.updates.is_empty(),
            "{lab}/{variant} has no updates"
        );
    }
}

#[test]
fn a_thinned_fixture_says_so_and_keeps_every_judged_task() {
    // tokio-fs starts a blocking task per read; its fixture keeps the busiest hundred.
    let recording = common::load("blocking-in-async", "tokio-fs");
    let thinned = recording.thinned.expect("the tokio-fs fixture is thinned");
    assert!(thinned.tasks > 1000, "{thinned:?}");
    let snapshot = replay(&recording);
    assert_eq!(snapshot.thinned, Some(thinned));
    let blocking = snapshot
        .tasks
        .iter()
        .filter(|t| t.kind == "blocking" && !t.worker_thread)
        .count();
    assert!(blocking <= 100, "{blocking}");
    assert!(snapshot.tasks.iter().any(|t| t.kind == "task"));
}

#[test]
fn lost_events_are_reported_not_hidden() {
    // The oneshot actors create events faster than console-subscriber drains them; the
    // recording keeps the count, and the rendered snapshot says so in bold.
    let recording = common::load("unbounded-channels", "actors-oneshot-reply");
    assert!(recording.dropped_events() > 0);
    let section = console_snapshot::render::variant(&replay(&recording), &Default::default());
    assert!(section.contains(&format!(
        "**console-subscriber dropped {} events**",
        recording.dropped_events()
    )));
}

#[test]
fn the_json_layout_round_trips() {
    for (lab, variant, recording) in common::all() {
        let again = console_snapshot::Recording::from_json(&recording.to_json()).unwrap();
        assert_eq!(again, recording, "{lab}/{variant}");
    }
}

#[test]
fn compaction_changes_nothing_the_replay_sees() {
    for (lab, variant, recording) in common::all() {
        // Fixtures are stored compacted; compacting again must be a no-op...
        let mut twice = recording.clone();
        twice.compact();
        assert_eq!(twice, recording, "{lab}/{variant} was not stored compacted");
        // ...and a recording with the subscriber's repetitions put back replays the same: the
        // full state appended again, as the capture receives it from a new subscription.
        let mut repeated = recording.clone();
        let mut full = console_snapshot::recording::Update {
            now: recording.end(),
            ..Default::default()
        };
        for update in &recording.updates {
            full.new_tasks.extend(update.new_tasks.iter().cloned());
            full.task_stats.extend(update.task_stats.clone());
            full.new_resources
                .extend(update.new_resources.iter().cloned());
            full.resource_stats.extend(update.resource_stats.clone());
            full.new_async_ops
                .extend(update.new_async_ops.iter().cloned());
            full.async_op_stats.extend(update.async_op_stats.clone());
        }
        repeated.updates.push(full);
        assert_eq!(replay(&repeated), replay(&recording), "{lab}/{variant}");
    }
}

#[test]
fn replaying_is_deterministic() {
    for (lab, variant, recording) in common::all() {
        assert_eq!(
            replay(&recording),
            replay(&recording.clone()),
            "{lab}/{variant}"
        );
    }
}
