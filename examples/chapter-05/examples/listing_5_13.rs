//! Listing 5.13: a generator, and the two values `next` takes from it.
//!
//! The Rust twin of `chapter_05/listing_5_13.py`.
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_13
//! ```
//!
//! Expected output:
//! ```text
//! 0
//! 1
//! ```
//!
//! Where Rust differs: a Python generator is a Rust `Iterator`: a value that hands out the
//! next item each time `next` is called and does nothing in between. Calling the generator
//! function runs none of its body; building the iterator computes no item either. A `for` loop
//! over a range is the generator here, so the range itself is the iterator. (Rust's own
//! `gen` blocks, which would read like Python's `yield`, are not stable yet; for a body that
//! is not a range, `std::iter::from_fn` takes a closure that returns each next item.)
//! Python's `next` raises `StopIteration` when the generator is done; Rust's returns `None`,
//! which the program's `next` turns into that error: a third call would end it with
//! `Error: StopIteration`.

fn positive_integers(until: u32) -> impl Iterator<Item = u32> {
    0..until
}

/// Python's `next(iterator)`: the next item, or `StopIteration` once there is none.
fn next<I: Iterator>(iterator: &mut I) -> Result<I::Item, &'static str> {
    iterator.next().ok_or("StopIteration")
}

#[util::plain_main]
fn main() -> Result<(), &'static str> {
    let mut positive_iterator = positive_integers(2);

    println!("{}", next(&mut positive_iterator)?);
    println!("{}", next(&mut positive_iterator)?);
    Ok(())
}
