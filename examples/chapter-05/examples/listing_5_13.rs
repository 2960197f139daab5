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

fn positive_integers(until: u32) -> impl Iterator<Item = u32> {
    0..until
}

#[util::plain_main]
fn main() {
    let mut positive_iterator = positive_integers(2);

    println!("{:?}", positive_iterator.next().unwrap_or_default());
    println!("{:?}", positive_iterator.next().unwrap_or_default());
}
