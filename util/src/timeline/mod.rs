//! Timelines: which task ran, slept or waited when, drawn after the example's own output.
//!
//! The book explains concurrency with figures (2.1 to 2.4): one lane per task, time going right,
//! short blocks where code runs and long ones where it sleeps. Set `ASYNCIO_TIMELINE=1` and every
//! example that starts with `#[util::main]` (or [`crate::run`]) records the same facts and prints
//! such a figure when `main` returns:
//!
//! ```text
//! timeline: one row per task, one column per 0.05 s
//!                  0s        0.5s      1s        1.5s      2s        2.5s      3s
//! main             #-----------------------------------------------------------#
//! delay(3)         #~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~#
//! delay(3)         #~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~#
//! delay(3)         #~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~#
//! # running   ~ sleeping   = waiting on I/O   - waiting on something else
//! total 3.000 s
//! ```
//!
//! What is recorded: every task the runtime runs, from its spawn to its end, and each of its
//! polls, which is when its code runs (through tokio's runtime hooks, see [`crate::hooks`]);
//! the `main` future, which tokio does not run as a task; and what tells a row what it waits
//! for: every [`crate::delay`] (sleeping), every `#[async_timed]` call, every request of the
//! guide's HTTP client (I/O), and any future an example wraps with [`span`]. A row is named
//! after the first named thing that ran in it (`delay(3)`), else after the line that spawned
//! it (`task, line 42`); a task that only waits on something else is drawn `-`, whatever it
//! waits for (a raw `tokio::time::sleep` too: tokio says that a task is parked, not on what).
//! The in-process stand-in servers run [`offstage`]: in the articles they are other
//! processes, so neither they nor their connections get rows. Past 40 rows (a benchmark's
//! thousands of requests) the rest are counted, not drawn.
//!
//! Under the tests' paused clock the figure is exact, which is what lets `tests/timelines.rs`
//! keep the figures in `docs/` from going stale. On that clock CPU-bound work takes no time,
//! so the figures of CPU-bound listings are drawn from real-clock runs.
//! With the variable unset nothing is recorded and the output is the article's.

mod record;
mod render;

pub use record::{Offstage, Span, offstage, span};

pub(crate) use record::{
    SpanState, finish, start, task_ended, task_poll_ends, task_poll_starts, task_spawned,
};

/// The environment variable that asks for a timeline: `ASYNCIO_TIMELINE=1`.
pub const ENV_VAR: &str = "ASYNCIO_TIMELINE";

/// What a recorded future is doing while it is not being polled, which decides how its row is
/// drawn between polls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Code that awaits other futures: `main`, a timed call. Drawn `-` between polls.
    Task,
    /// A timer, like `asyncio.sleep`. Drawn `~`.
    Sleep,
    /// Waiting for the network or a file. Drawn `=`.
    Io,
}

/// Whether the environment asks for a timeline (`ASYNCIO_TIMELINE` set to anything but `0` or
/// empty).
pub fn requested_by_env() -> bool {
    std::env::var_os(ENV_VAR).is_some_and(|v| !v.is_empty() && v != "0")
}
