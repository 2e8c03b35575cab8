//! The binary as a user meets it: the cargo-subcommand argument, the three formats, `--deny`,
//! allow comments, the config file, and bad input (a folder that is not a crate, a file that
//! does not parse) reported clearly while the other files are still scanned.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_cargo-async-scan");

const BLOCKING: &str = "use std::thread;\n\nasync fn handler() {\n    thread::sleep(D);\n}\n";

fn crate_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n",
    )
    .unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn scan(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg(dir)
        .args(args)
        .output()
        .expect("the scanner runs")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn runs_as_a_cargo_subcommand() {
    let dir = crate_with(&[("src/lib.rs", BLOCKING)]);
    // cargo runs `cargo-async-scan async-scan <args>` for `cargo async-scan <args>`.
    let output = Command::new(BIN)
        .arg("async-scan")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(json(&output)["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn human_output_is_rustc_style_with_the_snippet() {
    let dir = crate_with(&[("src/lib.rs", BLOCKING)]);
    let output = scan(dir.path(), &[]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("warning[blocking-in-async]"), "{text}");
    assert!(text.contains("--> src/lib.rs:4:5"), "{text}");
    assert!(text.contains("thread::sleep(D);"), "{text}");
    assert!(
        text.contains("see book/src/labs/blocking-in-async.md"),
        "{text}"
    );
}

#[test]
fn json_names_rule_place_and_chapter() {
    let dir = crate_with(&[("src/lib.rs", BLOCKING)]);
    let report = json(&scan(dir.path(), &["--format", "json"]));
    let finding = &report["findings"][0];
    assert_eq!(finding["rule"], "blocking-in-async");
    assert_eq!(finding["file"], "src/lib.rs");
    assert_eq!(finding["line"], 4);
    assert_eq!(finding["column"], 5);
    assert_eq!(finding["chapter"], "book/src/labs/blocking-in-async.md");
    assert_eq!(report["files"], 1);
}

#[test]
fn sarif_is_a_2_1_0_log_with_rules_and_located_results() {
    let dir = crate_with(&[("src/lib.rs", BLOCKING)]);
    let log = json(&scan(dir.path(), &["--format", "sarif"]));
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), async_scan::rules::RULES.len());
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "blocking-in-async");
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "blocking-in-async");
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap()
            .contains("std::thread::sleep")
    );
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "src/lib.rs");
    assert_eq!(location["region"]["startLine"], 4);
    assert_eq!(location["region"]["startColumn"], 5);
}

#[test]
fn deny_exits_1_on_a_finding_and_0_without_one() {
    let dirty = crate_with(&[("src/lib.rs", BLOCKING)]);
    assert_eq!(scan(dirty.path(), &["--deny"]).status.code(), Some(1));
    assert_eq!(scan(dirty.path(), &[]).status.code(), Some(0));
    let clean = crate_with(&[("src/lib.rs", "async fn f() {}\n")]);
    assert_eq!(scan(clean.path(), &["--deny"]).status.code(), Some(0));
}

#[test]
fn an_allow_comment_with_a_reason_silences_one_finding() {
    let allowed = "async fn handler() {\n    // async-scan: allow(blocking-in-async) runs once before the server starts\n    std::thread::sleep(D);\n    std::thread::sleep(D);\n}\n";
    let dir = crate_with(&[("src/lib.rs", allowed)]);
    let report = json(&scan(dir.path(), &["--format", "json"]));
    assert_eq!(report["findings"].as_array().unwrap().len(), 1);
    assert_eq!(report["findings"][0]["line"], 4);
    assert_eq!(
        report["suppressed"][0]["reason"],
        "runs once before the server starts"
    );
}

#[test]
fn the_config_file_turns_rules_off_and_experimental_ones_on() {
    let channel = "async fn f() { let (tx, rx) = tokio::sync::mpsc::unbounded_channel(); }\n";
    let dir = crate_with(&[("src/lib.rs", BLOCKING), ("src/chan.rs", channel)]);
    let rules = |dir: &Path| -> Vec<String> {
        json(&scan(dir, &["--format", "json"]))["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(rules(dir.path()), ["blocking-in-async"]);
    std::fs::write(
        dir.path().join("async-scan.toml"),
        "enable = [\"unbounded-channels\"]\ndisable = [\"blocking-in-async\"]\n",
    )
    .unwrap();
    assert_eq!(rules(dir.path()), ["unbounded-channels"]);
    std::fs::write(
        dir.path().join("async-scan.toml"),
        "enable = [\"no-such-rule\"]\n",
    )
    .unwrap();
    let output = scan(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown rule `no-such-rule`"));
}

#[test]
fn a_folder_that_is_not_a_crate_gets_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = scan(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("is not a crate: it has no Cargo.toml"),
        "{stderr}"
    );
    let missing = scan(&dir.path().join("nope"), &[]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("does not exist"));
}

#[test]
fn a_file_that_does_not_parse_is_reported_and_the_others_are_scanned() {
    let dir = crate_with(&[("src/broken.rs", "fn f( {\n"), ("src/lib.rs", BLOCKING)]);
    let output = scan(dir.path(), &["--format", "json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("src/broken.rs:1: cannot parse the file, skipped"),
        "{stderr}"
    );
    let report = json(&output);
    assert_eq!(report["files"], 2);
    assert_eq!(report["findings"].as_array().unwrap().len(), 1);
    assert_eq!(report["errors"][0]["file"], "src/broken.rs");
    // A file that could not be checked fails a `--deny` gate.
    assert_eq!(scan(dir.path(), &["--deny"]).status.code(), Some(1));
}
