//! The report on a made-up lab: a tiny workspace (catalogue entry, lab sources, bench file)
//! and a criterion tree in criterion 0.8's layout, built in a temporary directory with fixed
//! file times, so every outcome is decided by the data and none by the clock or the machine.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use catalogue::Catalogue;
use xtask::workspace::Workspace;
use xtask::{bench, record, report};

/// A throw-away workspace with one lab, `demo`, and criterion output for it.
struct Fixture {
    root: PathBuf,
}

/// When the fake sources were last changed, and when criterion "measured".
fn sources_time() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}
fn measured_time() -> SystemTime {
    SystemTime::now() - Duration::from_secs(600)
}

impl Fixture {
    fn new(name: &str) -> Fixture {
        let root = std::env::temp_dir().join(format!("xtask-report-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let fixture = Fixture { root };
        fixture.write(
            "anti-patterns/demo.toml",
            "id = \"demo\"\norder = 1\ntitle = \"A demo\"\nproblem = \"p\"\ndetect = []\n[exercise]\nfile = \"src/x.rs\"\n",
        );
        fixture.write("labs/demo/Cargo.toml", "[package]\nname = \"demo\"\n");
        fixture.write("labs/demo/src/lib.rs", "//! demo\n");
        fixture.write("benches/demo.rs", "fn main() {}\n");
        for path in [
            "labs/demo/Cargo.toml",
            "labs/demo/src/lib.rs",
            "benches/demo.rs",
        ] {
            fixture.set_time(path, sources_time());
        }
        // Two groups: `calls` with elements at loads 1 and 10, `single` at one load.
        for (variant, per_call) in [
            ("anti", 300_000.0),
            ("fixed", 6_000.0),
            ("thread-local", 6_100.0),
        ] {
            for load in [1_u64, 10] {
                let mean = per_call * load as f64;
                fixture.benchmark(
                    "demo/calls",
                    variant,
                    &load.to_string(),
                    Some(load),
                    mean,
                    0.05,
                );
            }
            fixture.benchmark("demo/single", variant, "1", None, per_call, 0.05);
        }
        // Another lab's group, which the demo's report and clear must leave alone.
        fixture.benchmark("other/calls", "fixed", "1", None, 10.0, 0.1);
        fixture
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn set_time(&self, path: &str, time: SystemTime) {
        File::options()
            .write(true)
            .open(self.root.join(path))
            .unwrap()
            .set_modified(time)
            .unwrap();
    }

    /// Writes one benchmark as criterion does: `<group>/<variant>/<load>/new/*.json`.
    fn benchmark(
        &self,
        group: &str,
        variant: &str,
        load: &str,
        elements: Option<u64>,
        mean: f64,
        spread: f64,
    ) {
        let dir = format!(
            "target/criterion/{}/{variant}/{load}/new",
            group.replace('/', "_")
        );
        let throughput = elements.map_or("null".to_string(), |n| format!("{{\"Elements\":{n}}}"));
        self.write(
            &format!("{dir}/benchmark.json"),
            &format!(
                "{{\"group_id\":\"{group}\",\"function_id\":\"{variant}\",\"value_str\":\"{load}\",\
                 \"throughput\":{throughput},\"full_id\":\"{group}/{variant}/{load}\",\
                 \"directory_name\":\"x\",\"title\":\"x\"}}"
            ),
        );
        let estimate = |p: f64| {
            format!(
                "{{\"confidence_interval\":{{\"confidence_level\":0.95,\"lower_bound\":{},\"upper_bound\":{}}},\
                 \"point_estimate\":{p},\"standard_error\":1.0}}",
                p * (1.0 - spread),
                p * (1.0 + spread)
            )
        };
        self.write(
            &format!("{dir}/estimates.json"),
            &format!(
                "{{\"mean\":{},\"median\":{},\"median_abs_dev\":{},\"slope\":null,\"std_dev\":{}}}",
                estimate(mean),
                estimate(mean),
                estimate(1.0),
                estimate(1.0)
            ),
        );
        self.set_time(&format!("{dir}/estimates.json"), measured_time());
    }

    /// The fingerprint of the demo lab's sources as they are now.
    fn fingerprint(&self) -> String {
        let catalogue = self.catalogue();
        let entry = catalogue.get("demo").unwrap();
        record::fingerprint(&self.root, &record::sources(&self.root, entry))
    }

    /// Saves a run record for a quick run around the fake measurements.
    fn record_run(&self) {
        record::save(
            &self.criterion(),
            "demo",
            evidence::Mode::Quick,
            measured_time() - Duration::from_secs(5),
            measured_time() + Duration::from_secs(5),
            self.fingerprint(),
        )
        .unwrap();
    }

    fn workspace(&self) -> Workspace {
        Workspace {
            root: self.root.clone(),
            target_dir: self.root.join("target"),
            packages: Vec::new(),
        }
    }

    fn catalogue(&self) -> Catalogue {
        Catalogue::load(&self.root).unwrap()
    }

    fn generated(&self, name: &str) -> String {
        fs::read_to_string(self.root.join("book/src/generated/demo").join(name)).unwrap()
    }

    fn criterion(&self) -> PathBuf {
        self.root.join("target/criterion")
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

fn report_error(fixture: &Fixture) -> String {
    let catalogue = fixture.catalogue();
    let err = report::report_lab(&fixture.workspace(), catalogue.get("demo").unwrap()).unwrap_err();
    format!("{err:#}")
}

#[test]
fn writes_a_table_a_plot_and_a_stamp_per_group() {
    let fixture = Fixture::new("writes");
    let catalogue = fixture.catalogue();
    let written = report::report_lab(&fixture.workspace(), catalogue.get("demo").unwrap()).unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "calls.md",
            "calls.svg",
            "single.md",
            "single.svg",
            "stamp.md"
        ]
    );

    let calls = fixture.generated("calls.md");
    assert!(
        calls.starts_with("<!-- Generated by `cargo xtask report`"),
        "{calls}"
    );
    assert!(
        calls.contains("| 10 | `anti` | 300\u{a0}µs (285–315) | 50.0×, separate |"),
        "{calls}"
    );
    assert!(
        calls.contains("| 10 | `fixed` | 6.00\u{a0}µs (5.70–6.30) | reference |"),
        "{calls}"
    );
    assert!(
        calls.contains("| 10 | `thread-local` | 6.10\u{a0}µs (5.79–6.41) | 1.02×, overlap |"),
        "{calls}"
    );
    // No record of a `cargo xtask book` run: the mode cannot be known, and the stamp says so.
    assert!(calls.trim_end().ends_with("manual mode.*"), "{calls}");

    let single = fixture.generated("single.md");
    assert!(
        !single.contains("per operation"),
        "no throughput, so no per-operation column: {single}"
    );

    let svg = fixture.generated("calls.svg");
    assert!(svg.contains("<svg") && svg.contains("demo/calls") && svg.contains("thread-local"));
    assert!(
        svg.contains("log scale"),
        "300 µs against 6 µs spans more than ten times"
    );
    assert!(svg.contains("<!-- Generated by `cargo xtask report`. Measured on"));
    assert!(fixture.generated("stamp.md").starts_with("*Measured on"));
}

#[test]
fn a_question_gone_from_the_bench_loses_its_files_and_nothing_else() {
    let fixture = Fixture::new("orphans");
    fixture.write("book/src/generated/demo/renamed.md", "old table");
    fixture.write("book/src/generated/demo/renamed.svg", "<svg/>");
    fixture.write("book/src/generated/demo/claims.md", "a probe's verdicts");
    let catalogue = fixture.catalogue();
    report::report_lab(&fixture.workspace(), catalogue.get("demo").unwrap()).unwrap();
    let dir = fixture.root.join("book/src/generated/demo");
    assert!(!dir.join("renamed.md").exists() && !dir.join("renamed.svg").exists());
    assert_eq!(fixture.generated("claims.md"), "a probe's verdicts");
    assert!(dir.join("calls.svg").exists());
}

#[test]
fn a_run_record_gives_the_mode() {
    let fixture = Fixture::new("mode");
    let start = measured_time() - Duration::from_secs(5);
    record::save(
        &fixture.criterion(),
        "demo",
        evidence::Mode::Quick,
        start,
        measured_time(),
        fixture.fingerprint(),
    )
    .unwrap();
    let catalogue = fixture.catalogue();
    report::report_lab(&fixture.workspace(), catalogue.get("demo").unwrap()).unwrap();
    assert!(
        fixture
            .generated("calls.md")
            .trim_end()
            .ends_with("quick mode.*")
    );

    // Measurements taken after the recorded run came from somewhere else: `manual`.
    let groups = evidence::criterion::load_lab(&fixture.criterion(), "demo").unwrap();
    record::save(
        &fixture.criterion(),
        "demo",
        evidence::Mode::Full,
        start - Duration::from_secs(99),
        start,
        fixture.fingerprint(),
    )
    .unwrap();
    assert_eq!(
        record::mode_for(&fixture.criterion(), "demo", &groups),
        evidence::Mode::Manual
    );
}

#[test]
fn output_older_than_the_sources_is_refused() {
    let fixture = Fixture::new("stale");
    fixture.set_time("labs/demo/src/lib.rs", SystemTime::now());
    let err = report_error(&fixture);
    assert!(err.contains("older than its sources"), "{err}");
    assert!(err.contains("labs/demo/src/lib.rs"), "{err}");
    assert!(err.contains("cargo xtask book demo"), "{err}");
}

#[test]
fn a_changed_bench_makes_the_output_stale_too() {
    let fixture = Fixture::new("stale-bench");
    fixture.set_time("benches/demo.rs", SystemTime::now());
    assert!(report_error(&fixture).contains("benches/demo.rs"));
}

#[test]
fn with_a_run_record_contents_decide_not_file_times() {
    // Touching a source changes its time, not what was measured: still fresh.
    let fixture = Fixture::new("touched-source");
    fixture.record_run();
    fixture.set_time("labs/demo/src/lib.rs", SystemTime::now());
    let catalogue = fixture.catalogue();
    report::report_lab(&fixture.workspace(), catalogue.get("demo").unwrap()).unwrap();

    // Editing a source, then touching criterion's output so it looks newer: stale all the same.
    let fixture = Fixture::new("touched-output");
    fixture.record_run();
    fixture.write(
        "labs/demo/src/lib.rs",
        "//! demo, edited after the measurement\n",
    );
    fixture.set_time("labs/demo/src/lib.rs", sources_time());
    let err = report_error(&fixture);
    assert!(err.contains("measured other sources"), "{err}");
    assert!(err.contains("cargo xtask book demo"), "{err}");
}

#[test]
fn a_group_with_a_hole_is_refused() {
    let fixture = Fixture::new("hole");
    fs::remove_dir_all(fixture.criterion().join("demo_calls/thread-local/10")).unwrap();
    let err = report_error(&fixture);
    assert!(
        err.contains("`demo/calls` is incomplete: no measurement of thread-local at load 10"),
        "{err}"
    );
    assert!(err.contains("cargo xtask book demo"), "{err}");
}

#[test]
fn a_group_without_fixed_is_refused() {
    let fixture = Fixture::new("no-fixed");
    for load in ["1", "10"] {
        fs::remove_dir_all(fixture.criterion().join("demo_calls/fixed").join(load)).unwrap();
    }
    assert!(report_error(&fixture).contains("has no `fixed` variant"));
}

#[test]
fn no_output_names_the_command_to_run() {
    let fixture = Fixture::new("none");
    fs::remove_dir_all(fixture.criterion()).unwrap();
    let err = report_error(&fixture);
    assert!(
        err.contains("no criterion output") && err.contains("cargo xtask book demo"),
        "{err}"
    );

    // Output for other labs only: the message lists what is there.
    fixture.benchmark("other/calls", "fixed", "1", None, 10.0, 0.1);
    let err = report_error(&fixture);
    assert!(
        err.contains("it holds: other/calls") && err.contains("cargo xtask book demo"),
        "{err}"
    );
}

#[test]
fn clearing_a_lab_leaves_other_labs_alone() {
    let fixture = Fixture::new("clear");
    bench::clear(&fixture.criterion(), "demo").unwrap();
    assert!(evidence::criterion::load_lab(&fixture.criterion(), "demo").is_err());
    assert!(evidence::criterion::load_lab(&fixture.criterion(), "other").is_ok());
    assert!(
        !fixture.criterion().join("demo_calls").exists(),
        "empty folders are removed too"
    );
    // Clearing twice, or a lab never measured, is fine.
    bench::clear(&fixture.criterion(), "demo").unwrap();
    bench::clear(Path::new("/nonexistent/criterion"), "demo").unwrap();
}
