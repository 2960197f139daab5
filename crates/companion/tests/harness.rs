//! The harness's waits end: a test of a program that never prints what the test waits for
//! fails at a deadline instead of hanging the suite.

use std::time::{Duration, Instant};

use example_harness::Example;

#[test]
fn waiting_for_a_line_that_never_comes_fails_at_the_deadline() {
    let mut server = Example::new("web")
        .real_clock()
        .args(["--port", "0"])
        .spawn();
    server.wait_for_line("Running on");
    let started = Instant::now();
    let waited = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        server.wait_for_line_within("a line web never prints", Duration::from_millis(500))
    }));
    let message = waited.expect_err("the wait gave up");
    let message = message
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(message.contains("did not print"), "{message}");
    assert!(started.elapsed() < Duration::from_secs(5));
}
