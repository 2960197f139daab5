//! Section 5.1.4: Semaphore, three of five workers at a time
//!
//! The Rust twin of the article's `asyncio.Semaphore` example (its listing is a picture; this
//! is the program its text describes): five workers share a semaphore of 3, so the first
//! three work at once and the fourth and fifth wait until someone releases. Each worker works
//! for one second, so it all takes two seconds rather than one or five.
//!
//! Run with:
//! ```text
//! cargo run --example deep_5_1_4_semaphore
//! ```
//!
//! Expected output (2 s):
//! ```text
//! worker 1 is working
//! worker 2 is working
//! worker 3 is working
//! worker 1 is done
//! worker 2 is done
//! worker 3 is done
//! worker 4 is working
//! worker 5 is working
//! worker 4 is done
//! worker 5 is done
//! at most 3 workers at once
//! ```
//!
//! Where Rust differs: nothing to build, `tokio::sync::Semaphore` is asyncio's Semaphore.
//! `async with sem:` is the permit that `acquire().await` returns; dropping it releases. The
//! acquire returns a `Result` because a tokio semaphore can be closed, which asyncio's
//! cannot. `add_permits(n)` is the bare `release()`, and like Python's it can raise the count
//! above where it started (section 5.1.5 is the bounded kind).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::{AcquireError, Semaphore};

/// How many workers hold a permit now, and the most there ever were.
#[derive(Default)]
struct Occupancy {
    now: AtomicUsize,
    most: AtomicUsize,
}

async fn worker(
    number: u32,
    semaphore: Arc<Semaphore>,
    occupancy: Arc<Occupancy>,
) -> Result<(), AcquireError> {
    let _permit = semaphore.acquire().await?;
    let now = occupancy.now.fetch_add(1, Ordering::Relaxed) + 1;
    occupancy.most.fetch_max(now, Ordering::Relaxed);
    println!("worker {number} is working");
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!("worker {number} is done");
    occupancy.now.fetch_sub(1, Ordering::Relaxed);
    Ok(())
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let semaphore = Arc::new(Semaphore::new(3));
    let occupancy = Arc::new(Occupancy::default());
    let workers: Vec<_> = (1..=5)
        .map(|n| tokio::spawn(worker(n, Arc::clone(&semaphore), Arc::clone(&occupancy))))
        .collect();
    for w in workers {
        w.await??;
    }
    let most = occupancy.most.load(Ordering::Relaxed);
    println!("at most {most} workers at once");
    Ok(())
}
