//! Listing 2.20, fixed: the same three requests, overlapping this time.
//!
//! The companion of `listing_2_20`. The book promises two fixes for blocking calls in tasks
//! (an async client in chapter 4, a thread pool in chapter 7); this runs both, one after the
//! other. Each takes about 1 s for three requests, instead of 3 s:
//! - `with_async_client`: the pooled async client. While a request waits for its answer, its
//!   task is parked and the runtime runs the others.
//! - `with_spawn_blocking`: the blocking client unchanged, moved to tokio's blocking thread pool
//!   with `spawn_blocking` (`asyncio.to_thread` / `run_in_executor`). The three calls block
//!   three pool threads, not the runtime's.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_20_fixed
//! cargo run --example listing_2_20_fixed -- --url http://127.0.0.1:8000
//! ```
//!
//! Expected output (2 s):
//! ```text
//! starting with_async_client with args ()
//! starting get_example_status with args ()
//! starting get_example_status with args ()
//! starting get_example_status with args ()
//! finished get_example_status in [..] second(s)
//! finished get_example_status in [..] second(s)
//! finished get_example_status in [..] second(s)
//! finished with_async_client in [..] second(s)
//! starting with_spawn_blocking with args ()
//! starting get_example_status_blocking with args ()
//! starting get_example_status_blocking with args ()
//! starting get_example_status_blocking with args ()
//! finished get_example_status_blocking in [..] second(s)
//! finished get_example_status_blocking in [..] second(s)
//! finished get_example_status_blocking in [..] second(s)
//! finished with_spawn_blocking in [..] second(s)
//! ```
//! Every line reports about 1.00 s (real network time).
//!
//! Where Rust differs: `spawn_blocking` takes a plain closure, not an async function. The
//! timed wrapper is an `async fn` that awaits the closure's `JoinHandle`; the blocking call
//! itself runs on a pool thread (up to 512 by default). A running blocking job cannot be
//! cancelled: aborting its handle only stops waiting for it.

use std::sync::{LazyLock, OnceLock};

use web_service::{Args, Client, ClientError, Message, blocking};

/// The URL the listing hard-codes; set once from the command line.
static URL: OnceLock<String> = OnceLock::new();
/// One pooled client for the whole program, like a module-level `aiohttp.ClientSession`.
static CLIENT: LazyLock<Client> = LazyLock::new(Client::new);

fn url() -> &'static str {
    URL.get().expect("main sets the URL first")
}

#[util::async_timed]
async fn get_example_status() -> Result<u16, ClientError> {
    CLIENT.get(url()).await?;
    Ok(200) // `get` turns any other status into an error
}

#[util::async_timed]
async fn with_async_client() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let task_1 = tokio::spawn(get_example_status());
    let task_2 = tokio::spawn(get_example_status());
    let task_3 = tokio::spawn(get_example_status());
    task_1.await??;
    task_2.await??;
    task_3.await??;
    Ok(())
}

#[util::async_timed]
async fn get_example_status_blocking() -> Result<u16, Message> {
    // The blocking call, unchanged from listing_2_20, now on a pool thread.
    tokio::task::spawn_blocking(|| blocking::get_status(url()))
        .await
        .map_err(|error| Message(format!("the blocking job failed: {error}")))?
}

#[util::async_timed]
async fn with_spawn_blocking() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let task_1 = tokio::spawn(get_example_status_blocking());
    let task_2 = tokio::spawn(get_example_status_blocking());
    let task_3 = tokio::spawn(get_example_status_blocking());
    task_1.await??;
    task_2.await??;
    task_3.await??;
    Ok(())
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    // The three requests are the listing's: `--workers` would change nothing, so it is refused.
    let args = Args::from_env_only(&["--url", "--delay", "--stagger"], &[])?;
    // The service gets its own thread: while `spawn_blocking` jobs run, tokio's paused test
    // clock stops moving on this runtime, so a service here could never finish its sleep.
    let service = args.service_on_thread()?;
    URL.get_or_init(|| service.url("/"));
    with_async_client().await?;
    with_spawn_blocking().await
}
