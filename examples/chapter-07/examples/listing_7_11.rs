//! Listing 7.11: two threads take two locks in opposite orders: a deadlock.
//!
//! The Rust twin of `chapter_07/listing_7_11.py`. Thread 1 takes lock a, sleeps a second, then
//! wants lock b; thread 2 takes lock b, then wants lock a. Each holds what the other waits for:
//! the program prints two lines and hangs for ever. Ctrl-C ends it.
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_11
//! ```
//!
//! Expected output, then nothing, for ever:
//! ```text
//! Acquired lock a from method a!
//! Acquired lock b from method b!
//! ```
//!
//! Where Rust differs: nothing; `std::sync::Mutex` deadlocks across threads as Python's `Lock`
//! does, and the guard (`let _a = LOCK_A.lock()`) is the `with` block. The fix is one order for
//! everyone: `listing_7_11_fixed`.

use std::sync::Mutex;
use std::sync::mpsc::{Sender, channel};
use std::thread;
use std::time::Duration;

static LOCK_A: Mutex<()> = Mutex::new(());
static LOCK_B: Mutex<()> = Mutex::new(());

fn a(holding_a: Sender<()>) {
    let _a = LOCK_A.lock().expect("no thread panics holding it");
    println!("Acquired lock a from method a!");
    let _ = holding_a.send(());
    thread::sleep(Duration::from_secs(1));
    let _b = LOCK_B.lock().expect("no thread panics holding it");
    println!("Acquired both locks from method a!");
}

fn b() {
    let _b = LOCK_B.lock().expect("no thread panics holding it");
    println!("Acquired lock b from method b!");
    let _a = LOCK_A.lock().expect("no thread panics holding it");
    println!("Acquired both locks from method b!");
}

#[util::plain_main]
fn main() {
    let (holding_a, a_is_held) = channel();
    let thread_1 = thread::spawn(move || a(holding_a));
    // In Python, `thread_1.start()` returns once the thread runs, and it reaches lock a before
    // thread 2 exists; a Rust thread may start later than the next one, so thread 2 starts
    // when thread 1 says it holds lock a.
    let _ = a_is_held.recv();
    let thread_2 = thread::spawn(b);
    let _ = thread_1.join();
    let _ = thread_2.join();
}
