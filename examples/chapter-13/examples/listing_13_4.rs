//! Listing 13.4: a chatty program, the child of Listings 13.5 and 13.6.
//!
//! The Rust twin of `chapter_13/listing_13_4.py`: it writes `Hello there!!` a million times,
//! 14 MB, as fast as it can. Run on its own it fills the terminal; its point is what happens
//! when a parent pipes that much output and does not read it (Listing 13.5).
//!
//! Run with:
//! ```text
//! cargo run --example listing_13_4 -- --lines 3
//! cargo run --example listing_13_4 | wc -c        # the book's million lines: 14000000
//! ```
//!
//! Expected output of the first command:
//! ```text
//! Hello there!!
//! Hello there!!
//! Hello there!!
//! ```
//!
//! Where Rust differs: Python's `sys.stdout.buffer.write` goes through an 8 KiB buffer; a
//! `BufWriter` of that size does the same here (Rust's own stdout would write at every
//! newline). The program's body is `chapter_13::children::hello_there`, which 13.5 and 13.6
//! also run when they start themselves as this child.

use clap::Parser;

/// Listing 13.4: write `Hello there!!` many times
#[derive(Parser)]
struct Args {
    /// How many lines to write (the book's million: 14 MB)
    #[arg(long, default_value_t = 1_000_000)]
    lines: u64,
}

#[util::plain_main]
fn main() -> std::io::Result<()> {
    chapter_13::children::hello_there(Args::parse().lines)
}
