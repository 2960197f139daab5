//! Listing 1.6: the same two computations in two threads.
//!
//! The Rust twin of `chapter_01/listing_1_6.py`. In the book this is no faster than Listing 1.5:
//! CPython's global interpreter lock (GIL) lets one thread run Python code at a time, so two
//! threads computing take turns. Rust has no such lock: on a machine with two cores the two
//! threads really run at once, and the pair takes about as long as the longer one, fib(41).
//!
//! Run with:
//! ```text
//! cargo run --release --example listing_1_6
//! cargo run --release --example listing_1_6 -- --gil   # what the book sees: one lock, no gain
//! cargo run --example listing_1_6 -- 30
//! ```
//!
//! Expected output, the two fib lines in either order:
//! ```text
//! fib(40) is 63245986
//! fib(41) is 102334155
//! Threads took [..] seconds.
//! ```
//! With `--release` on our 2-core machine: about 0.55 s, against 0.9 s for Listing 1.5; with
//! `--gil`, about 0.9 s, like Listing 1.5, which is the book's result.
//!
//! Where Rust differs: the story inverts. The book's lesson, that threads do not speed up
//! CPU-bound Python, is about the GIL, not about threads. `--gil` shows it: each thread holds one
//! process-wide `Mutex` while it computes, as CPython's threads hold the GIL while they run
//! bytecode, and the two computations run one after the other again. (CPython switches the GIL
//! every 5 ms; holding it throughout takes the same total time.)

use std::sync::Mutex;
use std::thread;
use std::time::Instant;

use clap::Parser;

/// Listing 1.6: fib(N) and fib(N + 1) in two threads
#[derive(Parser)]
struct Args {
    /// The first number (the book's 40): from 1, where the sequence starts, to 93, as fib(94) is
    /// the last to fit in 64 bits. Each number more takes 1.6 times as long.
    #[arg(default_value_t = 40, value_parser = clap::value_parser!(u32).range(1..=93))]
    number: u32,
    /// Hold one lock while computing, as CPython's threads hold the GIL
    #[arg(long)]
    gil: bool,
}

/// A stand-in for CPython's global interpreter lock, used only with `--gil`.
static GIL: Mutex<()> = Mutex::new(());

fn print_fib(number: u32, gil: bool) {
    fn fib(n: u32) -> u64 {
        match n {
            1 => 0,
            2 => 1,
            _ => fib(n - 1) + fib(n - 2),
        }
    }
    let _held = gil.then(|| GIL.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
    println!("fib({number}) is {}", fib(number));
}

fn fibs_with_threads(first: u32, gil: bool) {
    let fortieth_thread = thread::spawn(move || print_fib(first, gil));
    let forty_first_thread = thread::spawn(move || print_fib(first + 1, gil));

    // A panicking thread would be a bug in `fib`: let it show.
    fortieth_thread.join().expect("fib does not panic");
    forty_first_thread.join().expect("fib does not panic");
}

#[util::plain_main]
fn main() {
    let Args { number, gil } = Args::parse();
    let start_threads = Instant::now();

    fibs_with_threads(number, gil);

    println!(
        "Threads took {:.4} seconds.",
        start_threads.elapsed().as_secs_f64()
    );
}
