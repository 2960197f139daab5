//! Chapter 2 of the book: every listing's example, run as a real program.

use example_harness::check;

#[test]
fn listing_2_9_three_delays_take_three_seconds_not_nine() {
    check("listing_2_9");
}
