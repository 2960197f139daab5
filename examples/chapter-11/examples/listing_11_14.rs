//! Listing 11.14: a condition: two workers wait, a notifier wakes them all every 5 seconds.
//!
//! The Rust twin of `chapter_11/listing_11_14.py`. Each worker takes the condition's lock,
//! releases it while it waits, and takes it again when notified; the notifier takes the lock
//! to call `notify_all`. The book's program runs forever; `--rounds N` stops it after N
//! notifications.
//!
//! Run with:
//! ```text
//! cargo run --example listing_11_14 -- --rounds 1
//! cargo run --example listing_11_14                    # the book's: forever, Ctrl-C to stop
//! ```
//!
//! Expected output of the first command (10 s), which stops when the second notification is
//! due:
//! ```text
//! Waiting for condition lock...
//! Acquired lock, releasing and waiting for condition...
//! Waiting for condition lock...
//! Acquired lock, releasing and waiting for condition...
//! About to notify, acquiring condition lock...
//! Lock acquired, notifying all workers.
//! Notification finished, releasing lock.
//! Condition event fired, re-acquiring lock and doing work...
//! Work finished, lock released.
//! Waiting for condition lock...
//! Condition event fired, re-acquiring lock and doing work...
//! Work finished, lock released.
//! Waiting for condition lock...
//! Acquired lock, releasing and waiting for condition...
//! Acquired lock, releasing and waiting for condition...
//! ```
//! The second worker re-acquires the lock only once the first has done its second of work and
//! released it. Without `--rounds` the same story repeats every 5 s.
//!
//! Where Rust differs: tokio has no condition variable; `asyncio_blocks::Condition` is one.
//! Waiting and notifying are methods of the lock's guard, so "notify without holding the lock",
//! a `RuntimeError` in Python, does not compile. With `--rounds`, the program ends when the
//! notifier is done, and the workers are dropped where they wait.

use std::time::Duration;

use asyncio_blocks::Condition;
use clap::Parser;
use tokio::time::sleep;

/// Listing 11.14: workers waiting on a condition, notified every 5 s
#[derive(Parser)]
struct Args {
    /// Stop after this many notifications (the book runs forever)
    #[arg(long, value_name = "N")]
    rounds: Option<u64>,
}

async fn do_work(condition: &Condition<()>) {
    loop {
        println!("Waiting for condition lock...");
        {
            let guard = condition.lock().await;
            println!("Acquired lock, releasing and waiting for condition...");
            let _guard = guard.wait().await;
            println!("Condition event fired, re-acquiring lock and doing work...");
            sleep(Duration::from_secs(1)).await;
        }
        println!("Work finished, lock released.");
    }
}

async fn fire_event(condition: &Condition<()>, rounds: Option<u64>) {
    let mut fired = 0;
    loop {
        sleep(Duration::from_secs(5)).await;
        // With `--rounds N`, the program ends when the next notification is due, so that the
        // last round's work is done.
        if rounds.is_some_and(|rounds| fired == rounds) {
            return;
        }
        println!("About to notify, acquiring condition lock...");
        {
            let guard = condition.lock().await;
            println!("Lock acquired, notifying all workers.");
            guard.notify_all();
        }
        println!("Notification finished, releasing lock.");
        fired += 1;
    }
}

#[util::main]
async fn main() {
    let Args { rounds } = Args::parse();
    let condition = Condition::new(());
    // The book's `create_task(fire_event(...))` and `gather(do_work, do_work)`: the program
    // ends when the notifier has done its rounds.
    tokio::select! {
        () = fire_event(&condition, rounds) => {}
        _ = async { tokio::join!(do_work(&condition), do_work(&condition)) } => {}
    }
}
