//! Listing 2.14: the basics of a future, a box for a value that comes later.
//!
//! The Rust twin of `chapter_02/listing_2_14.py`. A future starts empty, gets its result set,
//! and then reports that it is done and hands the result out.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_14
//! ```
//!
//! Expected output:
//! ```text
//! Is my_future done? False
//! Is my_future done? True
//! What is the result of my_future? 42
//! ```
//!
//! The word means two things. An asyncio `Future` is a container that someone fills in later;
//! a Rust `Future` is a computation that runs when polled (a coroutine, in Python's terms). The
//! Rust counterpart of the container is a channel that carries one value:
//! `tokio::sync::oneshot`. It splits the future in two: the `Sender` is the side that calls
//! `set_result` (it can do so only once, since `send` consumes it), and the `Receiver` is the side
//! that asks `done()` and reads the result. Sending `Err(..)` through a channel of `Result`s
//! plays `set_exception`. Listing 2.15 shows a container that many can share, `SetOnce`.
//!
//! No runtime is started: like the Python listing, nothing here waits.

use tokio::sync::oneshot;

#[util::plain_main]
fn main() -> Result<(), oneshot::error::TryRecvError> {
    let (set_result, mut my_future) = oneshot::channel();

    // `done()`: has a value arrived? (`is_empty` is true while the channel holds nothing.)
    let done = |future: &oneshot::Receiver<i32>| if future.is_empty() { "False" } else { "True" };

    println!("Is my_future done? {}", done(&my_future));

    // Fails only if the receiver is gone, which it is not: it is right here.
    set_result
        .send(42)
        .expect("the receiver is alive until the end of main");

    println!("Is my_future done? {}", done(&my_future));
    // `result()`: take the value without waiting. Before `send`, this would be
    // `Err(TryRecvError::Empty)`, Python's `InvalidStateError`.
    println!("What is the result of my_future? {}", my_future.try_recv()?);
    Ok(())
}
