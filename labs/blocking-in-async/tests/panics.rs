//! What happens when the work panics on the thread it was moved to.

use std::process::Command;

use blocking_in_async::HandlerError;
use blocking_in_async::fixed::rayon_oneshot::on_rayon;

#[tokio::test(flavor = "current_thread")]
async fn a_panic_in_spawn_blocking_comes_back_as_an_error() {
    let result = tokio::task::spawn_blocking(|| -> u64 { panic!("hash failed") }).await;
    let error = HandlerError::from(result.unwrap_err());
    assert!(
        matches!(&error, HandlerError::Panicked(m) if m == "hash failed"),
        "{error}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_panic_caught_inside_the_rayon_job_comes_back_as_an_error() {
    let error = on_rayon(|| -> u64 { panic!("batch failed") })
        .await
        .unwrap_err();
    assert!(
        matches!(&error, HandlerError::Panicked(m) if m == "batch failed"),
        "{error}"
    );
    // And the pool is still there for the next job.
    assert_eq!(on_rayon(|| 6 * 7).await.unwrap(), 42);
}

/// Set in the child process that runs the naive pattern.
const CHILD: &str = "BLOCKING_IN_ASYNC_NAIVE_RAYON_CHILD";

#[test]
fn a_panic_escaping_rayon_spawn_aborts_the_whole_process() {
    if std::env::var_os(CHILD).is_some() {
        naive_rayon_oneshot();
        return;
    }
    // Run this same test in a child process, which is expected to die.
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_panic_escaping_rayon_spawn_aborts_the_whole_process",
            "--nocapture",
        ])
        .env(CHILD, "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the child survived:\n{stderr}");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            output.status.signal(),
            Some(6),
            "expected SIGABRT:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("Rayon: detected unexpected panic; aborting"),
        "{stderr}"
    );
}

/// The pattern as often suggested: treat a dropped sender as "the job panicked". Rayon aborts
/// the process before that error can be handled.
fn naive_rayon_oneshot() {
    let runtime = blocking_in_async::Flavor::CurrentThread.runtime().unwrap();
    runtime.block_on(async {
        let (tx, rx) = tokio::sync::oneshot::channel::<u64>();
        rayon::spawn(move || {
            let _keep_until_the_panic = tx;
            panic!("batch failed");
        });
        let _ = rx.await;
        // The receiver may even see the sender dropped; the abort follows regardless. Park
        // until it does, so that the parent sees how the process really ends.
        std::future::pending::<()>().await;
    });
}
