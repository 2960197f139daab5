//! Listing 14.9: a hand-made future, driven by hand.
//!
//! The Rust twin of `chapter_14/listing_14_9.py`, with Listing 14.8's `CustomFuture` from the
//! chapter's library (`chapter_14::listing_14_8`). A loop asks the future for its value; twice it is not done, then the loop
//! sets it, and the next ask gets the value.
//!
//! Run with:
//! ```text
//! cargo run --example listing_14_9
//! ```
//!
//! Expected output:
//! ```text
//! Checking future...
//! Future is not done...
//! Checking future...
//! Future is not done...
//! Setting future value...
//! Checking future...
//! Value is: Finished!
//! ```
//!
//! Where Rust differs: `gen = future.__await__(); gen.send(None)` is one `poll` of the future,
//! here with `Waker::noop()`, since nothing needs waking: the loop asks again by itself.
//! `Poll::Pending` is the coroutine's `yield`, `Poll::Ready(value)` its `StopIteration(value)`.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use chapter_14::listing_14_8::CustomFuture;

#[util::plain_main]
fn main() {
    let future = CustomFuture::new();
    let mut context = Context::from_waker(Waker::noop());
    let mut i = 0;
    loop {
        println!("Checking future...");
        match pin!(future.clone()).poll(&mut context) {
            Poll::Pending => {
                println!("Future is not done...");
                if i == 1 {
                    println!("Setting future value...");
                    future.set_result("Finished!");
                }
                i += 1;
            }
            Poll::Ready(value) => {
                println!("Value is: {value}");
                break;
            }
        }
    }
}
