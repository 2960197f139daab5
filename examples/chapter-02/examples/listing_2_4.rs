//! Listing 2.4: awaiting a coroutine for its result.
//!
//! The Rust twin of `chapter_02/listing_2_4.py`. `add_one(1).await` suspends `main` until the
//! future is done and gives its value; the two awaits run one after the other, like ordinary
//! calls.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_4
//! ```
//!
//! Expected output (0 s):
//! ```text
//! 2
//! 3
//! ```
//!
//! Rust writes `.await` after the expression instead of `await` before it, so awaits chain from
//! left to right (`fetch().await?.parse()`). As in Python, awaiting a future does not start
//! anything concurrent: it runs the awaited code inside the current task.

async fn add_one(number: i32) -> i32 {
    number + 1
}

#[util::main]
async fn main() {
    let one_plus_one = add_one(1).await;
    let two_plus_one = add_one(2).await;
    println!("{one_plus_one}");
    println!("{two_plus_one}");
}
