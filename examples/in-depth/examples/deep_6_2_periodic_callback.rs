//! Section 6.2: a periodic callback that skips the ticks it missed
//!
//! The Rust twin of the article's `PeriodicCallback` stand-in (its listing is a picture): a
//! job runs every second, like Tornado's `PeriodicCallback`, built the way the article
//! suggests, by scheduling the next run after each one. One run is slow and takes 1.5 s; the
//! tick that falls inside it is dropped rather than fired late, so the schedule stays on whole
//! seconds. The caller stops it after 5.5 s.
//!
//! Run with:
//! ```text
//! cargo run --example deep_6_2_periodic_callback
//! ```
//!
//! Expected output (5.5 s):
//! ```text
//! tick at 1.0 s
//! tick at 2.0 s, a slow run (1.5 s)
//! missed the tick at 3.0 s, next one at 4.0 s
//! tick at 4.0 s
//! tick at 5.0 s
//! stopped
//! ```
//!
//! Where Rust differs: tokio has a ready-made timer loop, `tokio::time::interval`, but none of
//! its three catch-up rules is PeriodicCallback's. `Burst` (the default) fires every missed
//! tick back to back; `Delay` shifts all later ticks; `Skip` comes closest, yet still fires one
//! late tick at once (here at 3.5 s) before it gets back on the grid. Also a plain `interval`
//! fires its first tick immediately (`interval_at(start + period, period)` does not). So the
//! loop below keeps its own next deadline with `sleep_until`, which makes the skipping rule
//! explicit. `stop()` is aborting the task that runs the loop.

use std::time::Duration;

use tokio::time::{Instant, sleep, sleep_until};

async fn every_second(start: Instant) {
    let period = Duration::from_secs(1);
    let seconds = |at: Instant| (at - start).as_secs_f64();
    let mut next = start + period;
    for run in 1.. {
        sleep_until(next).await;
        if run == 2 {
            println!("tick at {:.1} s, a slow run (1.5 s)", seconds(next));
            // The job is awaited inside the loop, so runs never overlap, as with
            // PeriodicCallback.
            sleep(Duration::from_millis(1500)).await;
        } else {
            println!("tick at {:.1} s", seconds(next));
        }
        // The next run is the first whole period after the start that is still ahead.
        next += period;
        let now = Instant::now();
        while next <= now {
            let missed = next;
            next += period;
            println!(
                "missed the tick at {:.1} s, next one at {:.1} s",
                seconds(missed),
                seconds(next)
            );
        }
    }
}

#[util::main]
async fn main() {
    let start = Instant::now();
    let periodic = tokio::spawn(every_second(start));
    sleep(Duration::from_millis(5500)).await;
    periodic.abort(); // PeriodicCallback.stop()
    println!("stopped");
}
