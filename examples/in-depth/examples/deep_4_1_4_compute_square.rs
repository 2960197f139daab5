//! Section 4.1.4, the complete example: define a coroutine, run it, print its result.
//!
//! The article's `compute_square(2)` sleeps one second and returns 4; `main` prints
//! `结果: 4` ("result: 4"). The printed text is kept as the article has it.
//!
//! Run with:
//! ```text
//! cargo run --example deep_4_1_4_compute_square
//! ```
//!
//! Expected output (1 s):
//! ```text
//! 结果: 4
//! ```
//!
//! Where Rust differs: nothing that shows in the output. Calling `compute_square(2)` builds the
//! future; `.await` runs it, just as calling the coroutine function and awaiting the
//! coroutine does.

use std::time::Duration;

async fn compute_square(number: u64) -> u64 {
    tokio::time::sleep(Duration::from_secs(1)).await;
    number * number
}

#[util::main]
async fn main() {
    let result = compute_square(2).await;
    println!("结果: {result}");
}
