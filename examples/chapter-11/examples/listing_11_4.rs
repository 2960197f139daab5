//! Listing 11.4: a lock around a critical section.
//!
//! The Rust twin of `chapter_11/listing_11_4.py`. Two coroutines take turns in a section
//! guarded by one lock; the second waits for the first to release it, so the two 2-second
//! delays run one after the other.
//!
//! Run with:
//! ```text
//! cargo run --example listing_11_4
//! ```
//!
//! Expected output (4 s):
//! ```text
//! Coroutine a waiting to acquire the lock
//! Coroutine a is in the critical section
//! sleeping for 2 second(s)
//! Coroutine b waiting to acquire the lock
//! finished sleeping for 2 second(s)
//! Coroutine a released the lock
//! Coroutine b is in the critical section
//! sleeping for 2 second(s)
//! finished sleeping for 2 second(s)
//! Coroutine b released the lock
//! ```
//!
//! Where Rust differs: `asyncio.Lock` is `tokio::sync::Mutex`, and `async with lock:` is the
//! guard `lock.lock().await` returns: the section ends where the guard is dropped (here, the
//! end of its block). A tokio mutex usually owns the data it guards; this one guards `()`,
//! only the section, as the book's does.

use tokio::sync::Mutex;
use util::delay;

async fn a(lock: &Mutex<()>) {
    println!("Coroutine a waiting to acquire the lock");
    {
        let _guard = lock.lock().await;
        println!("Coroutine a is in the critical section");
        delay(2).await;
    }
    println!("Coroutine a released the lock");
}

async fn b(lock: &Mutex<()>) {
    println!("Coroutine b waiting to acquire the lock");
    {
        let _guard = lock.lock().await;
        println!("Coroutine b is in the critical section");
        delay(2).await;
    }
    println!("Coroutine b released the lock");
}

#[util::main]
async fn main() {
    let lock = Mutex::new(());
    tokio::join!(a(&lock), b(&lock));
}
