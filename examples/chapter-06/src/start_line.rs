//! A moment at which several processes start something together.
//!
//! Two child processes started one after the other begin a millisecond or so apart, while the
//! increment of a shared number takes nanoseconds: left alone, their increments would all but
//! never overlap, and Listing 6.11's lost update would not show (nor would 6.12's lock have
//! anything to prevent). So the parent sets a moment a little ahead, passes it to each child,
//! and each child waits for it, spinning on the clock, before it increments. Python needs no
//! such thing: its children start closer together and take microseconds to increment.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A moment on the system's clock, which every process of the machine reads alike.
#[derive(Clone, Copy, Debug)]
pub struct StartLine(Duration);

impl StartLine {
    /// The moment `after` from now: long enough for the children to start.
    pub fn in_a_while(after: Duration) -> Self {
        StartLine(now() + after)
    }

    /// The moment as a child gets it on its command line: nanoseconds since 1970.
    pub fn as_nanos(self) -> u128 {
        self.0.as_nanos()
    }

    /// The moment a parent passed as [`StartLine::as_nanos`].
    pub fn from_nanos(nanos: u64) -> Self {
        StartLine(Duration::from_nanos(nanos))
    }

    /// Waits for the moment, spinning: a sleep would wake up too late, and unevenly.
    pub fn wait(self) {
        while now() < self.0 {
            std::hint::spin_loop();
        }
    }
}

fn now() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}
