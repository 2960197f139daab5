//! `delay`, and the attribute macros: the functions they decorate keep working as written (`?`,
//! early `return`, generics, references).

use std::num::ParseIntError;

#[util::async_timed]
async fn parse_and_double(text: &str) -> Result<u64, ParseIntError> {
    if text.is_empty() {
        return Ok(0);
    }
    let n: u64 = text.parse()?;
    Ok(n * 2)
}

#[util::async_timed]
async fn first<T: Clone + std::fmt::Debug>(items: Vec<T>) -> Option<T> {
    items.first().cloned()
}

#[test]
fn timed_functions_return_what_their_bodies_return() {
    util::run(async {
        assert_eq!(parse_and_double("21").await, Ok(42));
        assert_eq!(parse_and_double("").await, Ok(0));
        assert!(parse_and_double("x").await.is_err());
        assert_eq!(first(vec!['a', 'b']).await, Some('a'));
    });
}

#[test]
fn a_timed_call_can_be_spawned() {
    let value = util::run(async { tokio::spawn(first(vec![7])).await.unwrap() });
    assert_eq!(value, Some(7));
}

#[test]
fn delay_sleeps_without_blocking_and_returns_its_argument() {
    // Two delays awaited together take as long as the longer one, on tokio's clock.
    let (results, took) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap()
        .block_on(async {
            let before = tokio::time::Instant::now();
            let results = tokio::join!(util::delay(2), util::delay(3));
            (results, before.elapsed())
        });
    assert_eq!(results, (2, 3));
    assert_eq!(took.as_secs(), 3);
}
