//! Listing 7.9 fixed: the recursive sum under a reentrant lock.
//!
//! Not a listing of the book: the fix its text gives for Listing 7.9, `threading.RLock`. A
//! reentrant lock counts how often its thread holds it, so the recursive call takes it again
//! and the sum finishes.
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_9_fixed
//! ```
//!
//! Expected output:
//! ```text
//! Waiting to acquire lock...
//! Acquired lock.
//! Summing rest of list.
//! ...
//! Finished summing.
//! 10
//! ```
//!
//! Where Rust differs: `parking_lot::ReentrantMutex` (the standard library's `ReentrantLock`
//! is not stable yet). Its guard hands out only shared references, because several frames of
//! the one thread hold it at once; data that must change goes in a `Cell` or `RefCell` inside.
//! In Rust code of your own, the better fix is not to lock twice: take the lock once in a
//! public function and recurse in a private one that is handed the guarded data.

use std::thread;

use parking_lot::ReentrantMutex;

static LIST_LOCK: ReentrantMutex<()> = ReentrantMutex::new(());

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
fn main() -> Result<(), &'static str> {
    let thread = thread::spawn(|| sum_list(&[1, 2, 3, 4]));
    println!(
        "{}",
        thread.join().map_err(|_| "the summing thread panicked")?
    );
    Ok(())
}
