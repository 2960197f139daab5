//! Listing 2.21: building an event loop by hand.
//!
//! The Rust twin of `chapter_02/listing_2_21.py`. Instead of `asyncio.run`, the program makes
//! its own runtime, runs `main` on it until it completes, and shuts the runtime down.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_21
//! ```
//!
//! Expected output (1 s):
//! ```text
//! ```
//!
//! Like the Python listing, it prints nothing: it sleeps for a second and exits.
//!
//! | asyncio | tokio |
//! |---|---|
//! | `asyncio.new_event_loop()` | `Builder::new_current_thread().enable_all().build()?` |
//! | `loop.run_until_complete(main())` | `runtime.block_on(main())` |
//! | `loop.close()` in `finally` | dropping the runtime (here by `shutdown_timeout`) |
//!
//! `enable_all` switches on the timer and I/O drivers; without it `sleep` would panic. A
//! current_thread runtime is the one-thread loop asyncio has; `Builder::new_multi_thread()` would
//! give one worker per core instead. There is no `finally` to write: if `block_on` panicked, the
//! runtime would still be dropped, and shut down, as the stack unwinds. As with `loop.close()`,
//! tasks still pending at the end are not awaited: shutting down drops each one at its current
//! `.await`.

use std::time::Duration;

use tokio::runtime::Builder;

async fn main_coroutine() {
    tokio::time::sleep(Duration::from_secs(1)).await;
}

#[util::plain_main]
fn main() -> std::io::Result<()> {
    let runtime = Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(main_coroutine());
    // Waits up to a second for the blocking pool's threads (there are none here); a plain
    // `drop(runtime)` would wait for them without limit.
    runtime.shutdown_timeout(Duration::from_secs(1));
    Ok(())
}
