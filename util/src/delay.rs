use std::time::Duration;

use crate::timeline::{self, Kind};

/// Listing 2.6: sleep for `delay_seconds` without blocking the thread, saying so before and
/// after, and return the number of seconds slept.
///
/// `tokio::time::sleep` is the twin of `asyncio.sleep`: the task is parked and the runtime runs
/// others meanwhile. (`std::thread::sleep` would block every task on the thread.) The sleep is
/// marked on the timeline (see [`crate::timeline`]); without one, that is only a wrapper.
pub async fn delay(delay_seconds: u64) -> u64 {
    println!("sleeping for {delay_seconds} second(s)");
    let sleep = tokio::time::sleep(Duration::from_secs(delay_seconds));
    timeline::span(Kind::Sleep, || format!("delay({delay_seconds})"), sleep).await;
    println!("finished sleeping for {delay_seconds} second(s)");
    delay_seconds
}
