//! Listing 14.5: a coroutine written as a generator, by hand.
//!
//! The Rust twin of `chapter_14/listing_14_5.py`. Before `async def`, a coroutine was a
//! generator decorated with `@asyncio.coroutine`, suspending with `yield from`. (Python 3.11
//! removed the decorator: the book's program no longer runs.) The honest Rust twin of "a
//! coroutine written by hand" is a `Future` written by hand: a state machine whose `poll` does
//! one step at a time, which is what the compiler makes of an `async fn`.
//!
//! Run with:
//! ```text
//! cargo run --example listing_14_5
//! ```
//!
//! Expected output (1 s):
//! ```text
//! Sleeping!
//! Finished!
//! ```
//!
//! Where Rust differs: `yield from asyncio.sleep(1)` is polling the inner `Sleep` from our own
//! `poll` and returning `Pending` while it is pending: the waker it was given is passed down,
//! so the runtime polls us again when the timer fires.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Sleep;

/// The coroutine's state between two steps.
enum Coroutine {
    Start,
    Sleeping(Pin<Box<Sleep>>),
    Done,
}

impl Future for Coroutine {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        loop {
            match &mut *self {
                Coroutine::Start => {
                    println!("Sleeping!");
                    *self =
                        Coroutine::Sleeping(Box::pin(tokio::time::sleep(Duration::from_secs(1))));
                }
                Coroutine::Sleeping(sleep) => {
                    // `yield from`: pending while the sleep is.
                    if sleep.as_mut().poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    println!("Finished!");
                    *self = Coroutine::Done;
                }
                Coroutine::Done => return Poll::Ready(()),
            }
        }
    }
}

#[util::main]
async fn main() {
    Coroutine::Start.await;
}
