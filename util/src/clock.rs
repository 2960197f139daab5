//! `datetime.now()` for the examples that print timestamps (the waiter and worker lines of the
//! guide's test6 to test8).
//!
//! [`now`] reads tokio's clock, not the system's, and adds it to the date the program started.
//! On a real run that is the real time. Under the tests' paused clock it starts at a fixed date
//! and moves only when the program sleeps, so the printed timestamps are exact and a transcript
//! can check them.

use std::fmt;

use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::time::Instant;

use crate::runtime::paused_clock_requested;

/// 2024-01-01 00:00:00 UTC: where the clock starts under the paused test clock.
const PAUSED_START_UNIX_SECONDS: u64 = 1_704_067_200;

static START: OnceLock<(Duration, Instant)> = OnceLock::new();

/// A point in wall-clock time, printed like Python's `datetime`: `2024-01-01 00:00:01.500000`.
/// The time is UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    since_unix_epoch: Duration,
}

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
    Timestamp {
        since_unix_epoch: wall + tokio_start.elapsed(),
    }
}

/// `end - start`, as Python subtracts two datetimes.
impl std::ops::Sub for Timestamp {
    type Output = Duration;

    /// # Panics
    /// If `earlier` is later than `self`.
    fn sub(self, earlier: Timestamp) -> Duration {
        self.since_unix_epoch - earlier.since_unix_epoch
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.since_unix_epoch.as_secs();
        let (year, month, day) = civil_from_days(seconds / 86_400);
        let in_day = seconds % 86_400;
        write!(
            f,
            "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}.{:06}",
            in_day / 3600,
            in_day / 60 % 60,
            in_day % 60,
            self.since_unix_epoch.subsec_micros()
        )
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's well-known algorithm,
/// restricted to dates after the epoch).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: u64, micros: u32) -> String {
        Timestamp {
            since_unix_epoch: Duration::new(seconds, micros * 1000),
        }
        .to_string()
    }

    #[test]
    fn formats_like_python_datetime() {
        assert_eq!(at(0, 0), "1970-01-01 00:00:00.000000");
        assert_eq!(
            at(PAUSED_START_UNIX_SECONDS, 0),
            "2024-01-01 00:00:00.000000"
        );
        // A leap day, and the last microsecond of a day.
        assert_eq!(at(951_782_400, 1), "2000-02-29 00:00:00.000001");
        assert_eq!(at(1_709_251_199, 999_999), "2024-02-29 23:59:59.999999");
        assert_eq!(at(4_102_444_800, 0), "2100-01-01 00:00:00.000000");
    }
}
