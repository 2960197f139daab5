//! Section 5.1.5: BoundedSemaphore, an extra release is an error
//!
//! The Rust twin of the article's `asyncio.BoundedSemaphore` section. A plain semaphore lets a
//! stray `release()` raise its count past where it started; a bounded one refuses with
//! `ValueError: BoundedSemaphore released too many times`. The program shows both.
//!
//! Run with:
//! ```text
//! cargo run --example deep_5_1_5_bounded_semaphore
//! ```
//!
//! Expected output (0 s):
//! ```text
//! Semaphore(2) after one release too many: 3 permits
//! BoundedSemaphore(2) acquired twice, locked: true
//! released once, 1 permit(s) free
//! released twice, 2 permit(s) free
//! released a third time: BoundedSemaphore released too many times
//! still 2 permit(s) free
//! ```
//!
//! Where Rust differs: `tokio::sync::Semaphore::add_permits` is the plain release and grows
//! the count silently, and tokio has no bounded kind, so this uses
//! `asyncio_blocks::BoundedSemaphore`. Its `release()` returns an error value instead of
//! raising; the caller decides what to do with it. In new Rust code the RAII permit (a guard
//! that releases itself when dropped, `permit().await` here, `acquire().await` on tokio's
//! semaphore) makes a double release impossible in the first place.

use asyncio_blocks::BoundedSemaphore;
use tokio::sync::Semaphore;

#[util::main]
async fn main() {
    let plain = Semaphore::new(2);
    plain.add_permits(1); // a release nobody acquired for
    println!(
        "Semaphore(2) after one release too many: {} permits",
        plain.available_permits()
    );

    let bounded = BoundedSemaphore::new(2);
    bounded.acquire().await;
    bounded.acquire().await;
    println!(
        "BoundedSemaphore(2) acquired twice, locked: {}",
        bounded.locked()
    );
    for time in ["once", "twice", "a third time"] {
        match bounded.release() {
            Ok(()) => println!("released {time}, {} permit(s) free", bounded.available()),
            Err(error) => println!("released {time}: {error}"),
        }
    }
    println!("still {} permit(s) free", bounded.available());
}
