//! Listing 5.14: an async generator, read with `async for`.
//!
//! The Rust twin of `chapter_05/listing_5_14.py`. The generator waits 1 s before its first
//! number and 2 s before its second, so the loop gets each number as soon as it is ready and
//! the whole takes 3 s.
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_14
//! ```
//!
//! Expected output (3 s):
//! ```text
//! starting main with args ()
//! futures_util::stream::unfold::Unfold<u64, [..]>
//! sleeping for 1 second(s)
//! finished sleeping for 1 second(s)
//! Got number 1
//! sleeping for 2 second(s)
//! finished sleeping for 2 second(s)
//! Got number 2
//! finished main in 3.0000 second(s)
//! ```
//!
//! Where Rust differs: an async generator is a `Stream`, the async twin of `Iterator`. Rust has
//! no `yield` in `async fn` yet, so the stream is built with `futures::stream::unfold`: a state
//! (the next integer) and an async closure that returns the next item and the next state, or
//! `None` at the end. `async for` is `while let Some(item) = stream.next().await`, and
//! `type()` is `type_name_of_val`: the stream's concrete type, which the compiler made from
//! the closures, where Python has one `async_generator` class. (The name is for people: the
//! standard library may spell it otherwise in another release, so the transcript shows only
//! its start. Ours reads `Unfold<u64, listing_5_14::positive_integers_async::{{closure}}, ...>`.)

use futures::{Stream, StreamExt};
use util::delay;

fn positive_integers_async(until: u64) -> impl Stream<Item = u64> {
    futures::stream::unfold(1, move |integer| async move {
        if integer >= until {
            return None;
        }
        delay(integer).await;
        Some((integer, integer + 1))
    })
}

#[util::async_timed]
#[util::main]
async fn main() {
    let async_generator = positive_integers_async(3);
    println!("{}", std::any::type_name_of_val(&async_generator));
    let mut async_generator = std::pin::pin!(async_generator);
    while let Some(number) = async_generator.next().await {
        println!("Got number {number}");
    }
}
