//! Listing 2.3: running a coroutine with `asyncio.run`.
//!
//! The Rust twin of `chapter_02/listing_2_3.py`. `util::run` is the function form of
//! `asyncio.run`: it builds a single-threaded runtime, drives the future to completion, shuts
//! the runtime down and hands back the future's output.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_3
//! ```
//!
//! Expected output (0 s):
//! ```text
//! 2
//! ```
//!
//! Without `util`, the same program reads `tokio::runtime::Builder::new_current_thread()
//! .enable_all().build()?.block_on(coroutine_add_one(1))` (Listing 2.21 builds a runtime by
//! hand). Like `asyncio.run`, `util::run` is meant to be called once, from synchronous code: a
//! runtime started inside another runtime's task panics, where Python raises `RuntimeError`.

async fn coroutine_add_one(number: i32) -> i32 {
    number + 1
}

#[util::plain_main]
fn main() {
    let result = util::run(coroutine_add_one(1));
    println!("{result}");
}
