//! Section 4.1.3: awaiting one coroutine and using its result (`fetch_data`).
//!
//! The article's `main` awaits `fetch_data()`, which sleeps 2 seconds to stand in for a real
//! fetch and returns `"data"`; `asyncio.run(main())` runs it all.
//!
//! Run with:
//! ```text
//! cargo run --example deep_4_1_3_fetch_data
//! ```
//!
//! Expected output (2 s):
//! ```text
//! data
//! ```
//!
//! Where Rust differs: `#[util::main]` plays `asyncio.run(main())`: it builds a single-threaded
//! runtime, runs `main` to the end and shuts the runtime down. `.await` suspends `main` the same
//! way `await` does; nothing else is running, so the thread just sleeps meanwhile.

use std::time::Duration;

async fn fetch_data() -> String {
    tokio::time::sleep(Duration::from_secs(2)).await;
    "data".to_string()
}

#[util::main]
async fn main() {
    let data = fetch_data().await;
    println!("{data}");
}
