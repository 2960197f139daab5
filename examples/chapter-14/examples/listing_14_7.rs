//! Listing 14.7: a coroutine run by hand, one `send(None)`.
//!
//! The Rust twin of `chapter_14/listing_14_7.py`. A coroutine that awaits two others is driven
//! without a loop: one step runs it to its end, since nothing in it waits. In Python that end
//! is `StopIteration`, which the listing does not catch: the program ends with a traceback.
//!
//! Run with:
//! ```text
//! cargo run --example listing_14_7
//! ```
//!
//! Expected output:
//! ```text
//! Hello!
//! Goodbye!
//! ```
//! Expected stderr, and exit status 1, where Python prints the `StopIteration` traceback:
//! ```text
//! Error: StopIteration: the coroutine finished at its first step
//! ```
//!
//! Where Rust differs: `coro.send(None)` is one `poll`, with `Waker::noop()` since no loop needs
//! waking. A finished coroutine is `Poll::Ready`, a value, not an exception; the example turns
//! it into the error the book's program dies of.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

async fn say_hello() {
    println!("Hello!");
}

async fn say_goodbye() {
    println!("Goodbye!");
}

async fn meet_and_greet() {
    say_hello().await;
    say_goodbye().await;
}

#[util::plain_main]
fn main() -> Result<(), &'static str> {
    let coro = pin!(meet_and_greet());
    match coro.poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(()) => Err("StopIteration: the coroutine finished at its first step"),
        Poll::Pending => Ok(()),
    }
}
