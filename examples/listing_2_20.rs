//! Listing 2.20: a blocking HTTP call inside a task blocks the whole event loop.
//!
//! The Rust twin of the book's Listing 2.20. Three tasks each fetch a status code with a
//! *blocking* client (the listing uses `requests`). We expect them to overlap and take as long
//! as one request, but each call holds the only thread of the runtime until its answer is
//! there, so the three run one after the other: 3 s against the guide's 1-second service.
//! The fix is in `listing_2_20_fixed`.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_20
//! cargo run --example listing_2_20 -- --url http://127.0.0.1:8000
//! ```
//! The book fetches `www.example.com`; we never touch the internet, so the example starts the
//! test service (`cargo run --example web`) on its own thread, or uses `--url`.
//!
//! Expected output (3 s):
//! ```text
//! starting listing_main with args ()
//! starting get_example_status with args ()
//! finished get_example_status in [..] second(s)
//! starting get_example_status with args ()
//! finished get_example_status in [..] second(s)
//! starting get_example_status with args ()
//! finished get_example_status in [..] second(s)
//! finished listing_main in [..] second(s)
//! ```
//! The requests take 1.00 s each and `listing_main` 3.01 s or so (real network time).
//!
//! Where Rust differs: nothing, and that is the point. A blocking call in an `async fn` blocks
//! the runtime's thread in Rust exactly as in Python. Rust cannot see it either: the compiler
//! accepts it. `std::net` (like `std::fs` and `std::thread::sleep`) blocks; `tokio::net` does
//! not. The service runs on a thread of its own here: on the blocked thread it could never
//! answer, and the program would hang.

use std::sync::OnceLock;

use web_service::{Args, Message, blocking};

/// The URL the listing hard-codes; set once from the command line.
static URL: OnceLock<String> = OnceLock::new();

// WRONG -- don't do this: a blocking call inside an async fn.
#[util::async_timed]
async fn get_example_status() -> Result<u16, Message> {
    let url = URL.get().expect("main sets the URL first");
    blocking::get_status(url)
}

/// The listing's `main`. It is a function of its own so that the time it prints leaves out
/// what the Python listing does not do: starting the local web service.
#[util::async_timed]
async fn listing_main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let task_1 = tokio::spawn(get_example_status());
    let task_2 = tokio::spawn(get_example_status());
    let task_3 = tokio::spawn(get_example_status());
    task_1.await??;
    task_2.await??;
    task_3.await??;
    Ok(())
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    // The three requests are the listing's: `--workers` would change nothing, so it is refused.
    let args = Args::from_env_only(&["--url", "--delay", "--stagger"], &[])?;
    let service = args.service_on_thread()?;
    URL.get_or_init(|| service.url("/"));
    listing_main().await
}
