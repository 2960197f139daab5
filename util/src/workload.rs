//! The CPU-bound listings' work (2.18, 2.19, 2.23, 2.24): counting to a large number.
//!
//! The book counts to 100,000,000. The tests count much less, to stay fast, by passing the
//! count as the program's first argument; a reader can do the same to see the story sooner.

use std::hint::black_box;
use std::time::Duration;

/// The book's loop count.
pub const BOOK_LOOP_COUNT: u64 = 100_000_000;

/// How long the timeline takes one step of [`count`] to be, under the tests' paused clock, in
/// nanoseconds: the book's count is then 1 s, about what a debug build takes on our 2-core
/// machine.
const NANOS_CHARGED_PER_STEP: u64 = 10;

/// The loop count: the program's first argument if there is one, else [`BOOK_LOOP_COUNT`].
///
/// # Errors
/// If the first argument is not a whole number, with a message that says so.
pub fn loop_count() -> Result<u64, String> {
    parse(std::env::args().nth(1))
}

/// Counts from 0 to `loops` one step at a time, the book's `for i in range(loops): counter =
/// counter + 1`, and returns the count. It never awaits: called from async code, it keeps the
/// thread for the whole count.
///
/// `black_box` stops the optimiser from replacing the loop by its result, which it would
/// otherwise do in a release build. Under the tests' paused clock this work takes no time on
/// tokio's clock, so it is charged to the timeline at 10 ns a step (see
/// [`crate::timeline`]).
pub fn count(loops: u64) -> u64 {
    let mut counter = 0;
    for _ in 0..loops {
        counter = black_box(counter + 1);
    }
    crate::timeline::charge(Duration::from_nanos(
        loops.saturating_mul(NANOS_CHARGED_PER_STEP),
    ));
    counter
}

fn parse(argument: Option<String>) -> Result<u64, String> {
    match argument {
        None => Ok(BOOK_LOOP_COUNT),
        Some(text) => text
            .parse()
            .map_err(|e| format!("the loop count `{text}` is not a whole number: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_to_the_book_and_rejects_non_numbers() {
        assert_eq!(parse(None), Ok(100_000_000));
        assert_eq!(parse(Some("1000".into())), Ok(1000));
        let error = parse(Some("lots".into())).unwrap_err();
        assert!(
            error.starts_with("the loop count `lots` is not a whole number"),
            "{error}"
        );
    }

    #[test]
    fn counts_every_step() {
        assert_eq!(count(0), 0);
        assert_eq!(count(12_345), 12_345);
    }
}
