//! Listing 1.5: two CPU-bound computations, one after the other.
//!
//! The Rust twin of `chapter_01/listing_1_5.py`: the naive recursive Fibonacci of 40 and of
//! 41, in turn, and the time they took. The baseline for Listing 1.6, which runs them in two
//! threads.
//!
//! Run with:
//! ```text
//! cargo run --release --example listing_1_5
//! cargo run --example listing_1_5 -- 30         # fib(30) and fib(31): quicker in a debug build
//! ```
//!
//! Expected output:
//! ```text
//! fib(40) is 63245986
//! fib(41) is 102334155
//! Completed in [..] seconds.
//! ```
//! About 0.9 s with `--release` on our 2-core machine, 3 s in a debug build; the book's Python
//! takes tens of seconds.
//!
//! Where Rust differs: only the speed. The same recursion, compiled, runs tens of times faster
//! than CPython's interpreter.

use std::time::Instant;

use clap::Parser;

/// Listing 1.5: fib(N) and fib(N + 1), one after the other
#[derive(Parser)]
struct Args {
    /// The first number (the book's 40): from 1, where the sequence starts, to 93, as fib(94) is
    /// the last to fit in 64 bits. Each number more takes 1.6 times as long.
    #[arg(default_value_t = 40, value_parser = clap::value_parser!(u32).range(1..=93))]
    number: u32,
}

fn print_fib(number: u32) {
    fn fib(n: u32) -> u64 {
        match n {
            1 => 0,
            2 => 1,
            _ => fib(n - 1) + fib(n - 2),
        }
    }
    println!("fib({number}) is {}", fib(number));
}

fn fibs_no_threading(first: u32) {
    print_fib(first);
    print_fib(first + 1);
}

#[util::plain_main]
fn main() {
    let Args { number } = Args::parse();
    let start = Instant::now();

    fibs_no_threading(number);

    println!("Completed in {:.4} seconds.", start.elapsed().as_secs_f64());
}
