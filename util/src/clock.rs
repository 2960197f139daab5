//! `datetime.now()` for the examples that print timestamps (the waiter and worker lines of the
//! guide's test6 to test8).
//!
//! [`now`] reads tokio's clock, not the system's, and adds it to the date the program started.
//! On a real run that is the real time. Under the tests' paused clock it starts at a fixed date
//! and moves only when the program sleeps, so the printed timestamps are exact and a transcript
//! can check them. It is printed in UTC (see [`Timestamp`]).

use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::time::Instant;

use crate::py::Timestamp;
use crate::runtime::paused_clock_requested;

/// 2024-01-01 00:00:00 UTC: where the clock starts under the paused test clock.
const PAUSED_START_UNIX_SECONDS: u64 = 1_704_067_200;

static START: OnceLock<(Duration, Instant)> = OnceLock::new();

/// The current wall-clock time, moving with tokio's clock. See the module docs.
///
/// The clock is anchored at the first call, which [`crate::run`] makes when the runtime starts.
pub fn now() -> Timestamp {
    let (wall, tokio_start) = *START.get_or_init(|| {
        let wall = if paused_clock_requested() {
            Duration::from_secs(PAUSED_START_UNIX_SECONDS)
        } else {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default()
        };
        (wall, Instant::now())
    });
    Timestamp::from_unix(wall + tokio_start.elapsed())
}
