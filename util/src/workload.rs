//! The size of the CPU-bound listings' work (2.18, 2.19, 2.23, 2.24).
//!
//! The book counts to 100,000,000. The tests count much less, to stay fast, by passing the
//! count as the program's first argument; a reader can do the same to see the story sooner.

/// The book's loop count.
pub const BOOK_LOOP_COUNT: u64 = 100_000_000;

/// The loop count: the program's first argument if there is one, else [`BOOK_LOOP_COUNT`].
///
/// # Errors
/// If the first argument is not a whole number, with a message that says so.
pub fn loop_count() -> Result<u64, String> {
    parse(std::env::args().nth(1))
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
}
