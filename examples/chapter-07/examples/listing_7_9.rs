//! Listing 7.9: a lock taken again by the thread that holds it: a deadlock.
//!
//! The Rust twin of `chapter_07/listing_7_9.py`. `sum_list` takes the lock, then calls itself
//! for the rest of the list, which waits for the same lock, held by the caller, which waits for
//! the call: the program prints four lines and hangs for ever. Ctrl-C ends it.
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_9
//! ```
//!
//! Expected output, then nothing, for ever:
//! ```text
//! Waiting to acquire lock...
//! Acquired lock.
//! Summing rest of list.
//! Waiting to acquire lock...
//! ```
//!
//! Where Rust differs: `std::sync::Mutex` taken again by its own thread "might panic or
//! deadlock" (its documentation), so the listing uses `parking_lot::Mutex`, which deadlocks for
//! certain, as Python's `Lock` does. The fix, `threading.RLock`, is a reentrant mutex:
//! `listing_7_9_fixed`. Its guard gives only shared access to the data, since two frames of
//! one thread hold it at once.

use std::thread;

use parking_lot::Mutex;

static LIST_LOCK: Mutex<()> = Mutex::new(());

fn sum_list(int_list: &[i64]) -> i64 {
    println!("Waiting to acquire lock...");
    let _lock = LIST_LOCK.lock();
    println!("Acquired lock.");
    match int_list {
        [] => {
            println!("Finished summing.");
            0
        }
        [head, tail @ ..] => {
            println!("Summing rest of list.");
            head + sum_list(tail)
        }
    }
}

#[util::plain_main]
fn main() {
    let thread = thread::spawn(|| sum_list(&[1, 2, 3, 4]));
    // It never comes back: the join waits for ever, as the book's does.
    let _ = thread.join();
}
