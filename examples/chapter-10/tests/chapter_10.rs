//! Chapter 10, "Microservices": the retry and the circuit breaker, exact under the paused
//! clock.

use example_harness::check;

#[test]
fn listing_10_10_three_failures_and_three_timeouts_take_nine_tenths_of_a_second() {
    let out = check("listing_10_10");
    let logged: Vec<&str> = out
        .stderr
        .lines()
        .filter(|line| line.contains("Exception while waiting"))
        .collect();
    assert_eq!(logged.len(), 6, "{}", out.stderr);
    assert!(
        logged[0].contains("(tried 0 times), retrying: I've failed!"),
        "{}",
        logged[0]
    );
    assert!(
        logged[5].contains("(tried 2 times), retrying: deadline has elapsed"),
        "{}",
        logged[5]
    );
}

#[test]
fn listing_10_12_the_circuit_opens_after_two_timeouts_and_closes_five_seconds_later() {
    check("listing_10_12");
}
