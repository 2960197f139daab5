//! Listing 13.13: an echo program that repeats each line a random number of times, slowly; the
//! child of Listings 13.12 and 13.14.
//!
//! The Rust twin of `chapter_13/listing_13_13.py`. It asks for a line, then prints it 0 to 9
//! times, half a second apart, and asks again, until the line is `quit`. A parent that feeds it
//! cannot know when it is ready for the next line, except by reading its prompt.
//!
//! Run with:
//! ```text
//! printf 'one\ntwo\nthree\nquit\n' | cargo run --example listing_13_13 -- --seed 279
//! ```
//!
//! Expected output (2.5 s): `one` three times, `two` once, `three` not at all, so that the
//! next prompt follows at once, and `quit` once:
//! ```text
//! Enter text to echo: one
//! one
//! one
//! Enter text to echo: two
//! Enter text to echo: Enter text to echo: quit
//! ```
//! Without `--seed` each run draws new counts, as in the book.
//!
//! Where Rust differs: `randrange(10)` is `random_range(0..10)` from `rand`, which draws other
//! numbers than Python's generator for the same seed; `--seed` is there so that a run can be
//! repeated (and tested). The body is `chapter_13::children::echo_randomly`.

use clap::Parser;
use rand::SeedableRng;
use rand::rngs::StdRng;

/// Listing 13.13: echo each line a random number of times, half a second apart
#[derive(Parser)]
struct Args {
    /// Seed the random repeat counts, to repeat a run (random by default)
    #[arg(long)]
    seed: Option<u64>,
}

#[util::plain_main]
fn main() -> std::io::Result<()> {
    let seed = Args::parse().seed;
    let mut random = seed.map_or_else(rand::make_rng, StdRng::seed_from_u64);
    chapter_13::children::echo_randomly(&mut random)
}
