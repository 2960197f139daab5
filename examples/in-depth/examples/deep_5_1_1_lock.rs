//! Section 5.1.1: Lock, one spoon for one pot
//!
//! The Rust twin of the article's `asyncio.Lock` example. The article's listing is a picture,
//! so this is the program its text describes: several people (tasks) eat from one pot of rice
//! (shared data), and there is one spoon (the lock). Whoever holds the spoon eats; the others
//! queue for it in the order they asked.
//!
//! Run with:
//! ```text
//! cargo run --example deep_5_1_1_lock
//! ```
//!
//! Expected output (3 s):
//! ```text
//! locked: false
//! Alice waits for the spoon
//! Alice has the spoon
//! Bob waits for the spoon
//! Carol waits for the spoon
//! locked: true
//! Alice ate, 2 spoonful(s) left
//! Bob has the spoon
//! Bob ate, 1 spoonful(s) left
//! Carol has the spoon
//! Carol ate, 0 spoonful(s) left
//! locked: false
//! ```
//!
//! Where Rust differs: `asyncio.Lock` guards nothing in particular, while
//! `tokio::sync::Mutex<T>` owns the data it protects, so the rice can only be reached through
//! the lock. `async with lock:` is the guard returned by `lock().await`; the lock is released
//! when the guard is dropped, so Python's `RuntimeError` for releasing an unlocked lock cannot
//! happen. `locked()` has no method of its own: `try_lock().is_err()` asks the same question.
//! Like asyncio's, tokio's lock is fair (first come, first served) and taking a free lock does
//! not yield.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;

async fn eat(name: &str, pot: Arc<Mutex<u32>>) {
    println!("{name} waits for the spoon");
    let mut rice = pot.lock().await;
    println!("{name} has the spoon");
    // Holding the guard across an `.await` is what an async mutex is for.
    tokio::time::sleep(Duration::from_secs(1)).await;
    *rice -= 1;
    println!("{name} ate, {rice} spoonful(s) left");
}

#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    let pot = Arc::new(Mutex::new(3));
    println!("locked: {}", pot.try_lock().is_err());

    let eaters: Vec<_> = ["Alice", "Bob", "Carol"]
        .into_iter()
        .map(|name| tokio::spawn(eat(name, Arc::clone(&pot))))
        .collect();
    // Let every eater start and queue up before looking at the lock.
    tokio::task::yield_now().await;
    println!("locked: {}", pot.try_lock().is_err());

    for eater in eaters {
        eater.await?;
    }
    println!("locked: {}", pot.try_lock().is_err());
    Ok(())
}
