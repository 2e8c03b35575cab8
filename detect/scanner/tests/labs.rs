//! The self-check, as a test: every `// scan: expect(<rule>)` marker in the labs' anti code is
//! flagged, every fix is clean, each catalogue entry names the rules its markers use, and the
//! chapters show the scanner's current output (`cargo xtask scan --book` refreshes them).

#[path = "../examples/evidence/labs.rs"]
#[expect(
    dead_code,
    reason = "the evidence tool uses the rest; this test needs the check"
)]
mod labs;

#[test]
fn every_anti_marker_is_flagged_and_every_fix_is_clean() {
    let root = catalogue::workspace_root().expect("the test runs inside the checkout");
    let checks = labs::check_all(&root);
    assert!(!checks.is_empty(), "the catalogue lists no lab");
    let problems: Vec<String> = checks.iter().flat_map(|c| c.problems.clone()).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for check in &checks {
        let fragment = labs::fragment_path(&root, &check.id);
        let committed = std::fs::read_to_string(&fragment).unwrap_or_default();
        assert_eq!(
            committed,
            labs::chapter_fragment(check),
            "{} is stale; run `cargo xtask scan --book`",
            fragment.display()
        );
    }
}
