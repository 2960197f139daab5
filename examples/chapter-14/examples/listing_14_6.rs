//! Listing 14.6: two generators stepped by hand, in turns.
//!
//! The Rust twin of `chapter_14/listing_14_6.py`. Two generators, one over 1 to 4 and one over
//! 5 to 9, each advanced one step per turn: their values interleave, which is concurrency
//! without any event loop. A finished generator gives `None`.
//!
//! Run with:
//! ```text
//! cargo run --example listing_14_6
//! ```
//!
//! Expected output:
//! ```text
//! 1
//! 5
//! 2
//! 6
//! 3
//! 7
//! 4
//! 8
//! None
//! 9
//! None
//! None
//! ```
//!
//! Where Rust differs: stable Rust has no generators; an `Iterator` is the closest thing, and
//! `next()` is `send(None)`: it runs the generator to its next value, and says `None` once it
//! is exhausted (Python raises `StopIteration`, which the listing catches).

use std::fmt;

/// Prints as Python prints the step's result: the number, or `None`.
struct Step(Option<u32>);

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(value) => write!(f, "{value}"),
            None => f.write_str("None"),
        }
    }
}

fn generator(start: u32, end: u32) -> impl Iterator<Item = u32> {
    start..end
}

#[util::plain_main]
fn main() {
    let mut one_to_five = generator(1, 5);
    let mut five_to_ten = generator(5, 10);
    loop {
        let one_to_five_result = one_to_five.next();
        let five_to_ten_result = five_to_ten.next();
        println!("{}", Step(one_to_five_result));
        println!("{}", Step(five_to_ten_result));
        if one_to_five_result.is_none() && five_to_ten_result.is_none() {
            break;
        }
    }
}
