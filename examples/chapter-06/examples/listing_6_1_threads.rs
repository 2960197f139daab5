//! Listing 6.1 as a Rust programmer writes it: two threads count at the same time.
//!
//! Not a listing of the book. Python needs processes to count on two CPUs at once, because its
//! threads take turns on the GIL (Listings 1.5 and 1.6 show it). Rust has no GIL: two threads
//! run at once, share the program's memory, and start in microseconds rather than the
//! milliseconds of a new process. `std::thread::scope` joins both before it returns.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_1_threads
//! ```
//!
//! Expected output, in either order for the first two lines when they finish close together:
//! ```text
//! Finished counting to 100000000 in [..]
//! Finished counting to 200000000 in [..]
//! Completed in [..]
//! ```

use std::hint::black_box;
use std::thread;
use std::time::Instant;

use util::py::PyFloat;

fn count(count_to: u64) -> u64 {
    let start = Instant::now();
    let mut counter = 0;
    while counter < count_to {
        counter = black_box(counter + 1);
    }
    let elapsed = start.elapsed();
    println!(
        "Finished counting to {count_to} in {}",
        PyFloat(elapsed.as_secs_f64())
    );
    counter
}

#[util::plain_main]
fn main() {
    let start_time = Instant::now();
    thread::scope(|scope| {
        scope.spawn(|| count(100_000_000));
        scope.spawn(|| count(200_000_000));
    });
    println!(
        "Completed in {}",
        PyFloat(start_time.elapsed().as_secs_f64())
    );
}
