//! Listing 7.11 fixed: both threads take the two locks in the same order.
//!
//! Not a listing of the book: the fix for Listing 7.11's deadlock. When every thread takes
//! lock a before lock b, no thread can hold b while it waits for a, so the cycle cannot form:
//! thread 2 waits for a, and then gets both.
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_11_fixed
//! ```
//!
//! Expected output:
//! ```text
//! Acquired lock a from method a!
//! Acquired both locks from method a!
//! Acquired lock a from method b!
//! Acquired both locks from method b!
//! ```
//!
//! Where Rust differs: nothing in the fix. In Rust code of your own, two values that are always
//! locked together belong in one `Mutex<(A, B)>`, which has no order to get wrong.

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
    let _a = LOCK_A.lock().expect("no thread panics holding it");
    println!("Acquired lock a from method b!");
    let _b = LOCK_B.lock().expect("no thread panics holding it");
    println!("Acquired both locks from method b!");
}

#[util::plain_main]
fn main() {
    let (holding_a, a_is_held) = channel();
    let thread_1 = thread::spawn(move || a(holding_a));
    // As in Listing 7.11: thread 2 starts once thread 1 holds lock a.
    let _ = a_is_held.recv();
    let thread_2 = thread::spawn(b);
    let _ = thread_1.join();
    let _ = thread_2.join();
}
