//! Seed 001's thread-local runtime, used after its thread has exited: the crash, in a child
//! process.
//!
//! The ignored test does what the guide's `&'static Runtime` permits, with the safe handle
//! that stands in for it (`send_sync::runtime_per_thread`), and crashes; the normal test runs
//! it alone in a child process and passes when the child died of the expected panic.

use send_sync::runtime_per_thread;

#[test]
#[ignore = "crashes on purpose; run by `a_runtime_used_after_its_thread_exits_panics`"]
fn use_the_runtime_after_its_thread_exited() {
    let handle = std::thread::spawn(runtime_per_thread::handle)
        .join()
        .expect("the runtime's thread");
    handle.block_on(async { tokio::time::sleep(std::time::Duration::from_millis(1)).await });
}

#[test]
fn a_runtime_used_after_its_thread_exits_panics() {
    let child = child_test::run_ignored("use_the_runtime_after_its_thread_exited");
    assert!(
        child.failed_with("A Tokio 1.x context was found, but it is being shutdown."),
        "{}",
        child.output
    );
}

#[test]
fn the_same_use_reports_the_panic_in_process() {
    let message = runtime_per_thread::use_after_thread_exit().expect("a panic");
    assert!(message.contains("being shutdown"), "{message}");
}
