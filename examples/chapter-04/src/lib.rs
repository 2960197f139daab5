//! The module of the book's chapter 4 that its listings import: `chapter_04/__init__.py`'s
//! `fetch_status`, which Listings 4.6 to 4.16 call as `chapter_04::fetch_status`, as the book's
//! `from chapter_04 import fetch_status` does.

use std::time::Duration;

use web_client::{Client, ClientError};

/// Waits `delay` seconds, then `GET url` and returns the status code: the book's
/// `fetch_status(session, url, delay=0)`, timed like it with `#[async_timed]`.
///
/// It takes the `Client` and the URL by value, so that a call can be spawned as a task of its
/// own (`tokio::spawn` needs a future that owns what it uses); cloning a `Client` only clones
/// a handle to the one pool.
#[util::async_timed]
pub async fn fetch_status(session: Client, url: String, delay: u64) -> Result<u16, ClientError> {
    if delay == 0 {
        // `asyncio.sleep(0)` hands the loop to the other tasks once; tokio's zero-length sleep
        // is ready at once, so yield explicitly, and the tasks start in the book's order.
        tokio::task::yield_now().await;
    } else {
        tokio::time::sleep(Duration::from_secs(delay)).await;
    }
    Ok(session.get_status(&url).await?.as_u16())
}
