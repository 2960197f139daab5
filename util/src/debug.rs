//! asyncio's debug mode (Listings 2.23 and 2.24): report any step of a task that keeps the
//! thread busy for longer than `slow_callback_duration` (100 ms unless changed).
//!
//! A single-threaded runtime can only run one task at a time, so a task that computes for four
//! seconds between two `.await`s stops every other task for four seconds. asyncio's debug mode
//! times each step of each task and logs `Executing <Task ...> took 4.829 seconds`. Here a step
//! is one call of `Future::poll`, timed on the real clock (`std::time::Instant`: a blocked thread
//! is about real time, and the paused test clock does not move while a poll runs).
//!
//! Which polls are timed: every poll of every task the runtime runs (through tokio's runtime
//! hooks, see [`crate::hooks`]), plus the `main` future of [`crate::run`], which tokio does not
//! run as a task. A task is named after the first `#[async_timed]` function (or [`watch`]ed
//! future) it runs, like `cpu_bound_work`; a task with neither is named after where it was
//! spawned, `Task-7 at examples/listing_2_19.rs:57`. Without the hooks (a build without
//! `--cfg tokio_unstable`) only `main`, `#[async_timed]` calls and [`watch`]ed futures are timed.
//!
//! When watched futures are nested (a timed call awaited inside `main`), one blocking poll is
//! reported once, under the outermost name: that is the task whose step was slow.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use pin_project_lite::pin_project;

/// The environment variable that switches debug mode on, the twin of `PYTHONASYNCIODEBUG=1`.
pub const ENV_VAR: &str = "ASYNCIO_DEBUG";

const DEFAULT_SLOW_CALLBACK: Duration = Duration::from_millis(100);

static ENABLED: AtomicBool = AtomicBool::new(false);
static SLOW_CALLBACK_NANOS: AtomicU64 = AtomicU64::new(DEFAULT_SLOW_CALLBACK.as_nanos() as u64);

thread_local! {
    // How many watched polls are running on this thread, one inside the other.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    // When the task being polled on this thread started its poll (set by the runtime hooks).
    static TASK_POLL_STARTED: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Switches debug mode on for the whole process.
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
    crate::hooks::warn_if_unavailable("debug mode");
}

/// Whether debug mode is on.
pub fn is_enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// Whether the environment asks for debug mode (`ASYNCIO_DEBUG` set to anything but `0` or
/// empty).
pub fn requested_by_env() -> bool {
    std::env::var_os(ENV_VAR).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Listing 2.24's `loop.slow_callback_duration = .250`.
pub fn set_slow_callback_duration(threshold: Duration) {
    let nanos = u64::try_from(threshold.as_nanos()).unwrap_or(u64::MAX);
    SLOW_CALLBACK_NANOS.store(nanos, Ordering::Relaxed);
}

/// The current threshold above which a poll is reported.
pub fn slow_callback_duration() -> Duration {
    Duration::from_nanos(SLOW_CALLBACK_NANOS.load(Ordering::Relaxed))
}

pin_project! {
    /// A future whose polls are timed in debug mode. See [`watch`].
    pub struct Watched<F> {
        name: &'static str,
        named: bool,
        #[pin]
        inner: F,
    }
}

/// Watches `future` under `name`: in debug mode, any poll of it that takes longer than
/// [`slow_callback_duration`] is logged as `Executing <Task name> took N seconds`.
///
/// ```
/// # util::run(async {
/// let handle = tokio::spawn(util::debug::watch("crunch", async { (0..1000u64).sum::<u64>() }));
/// assert_eq!(handle.await.unwrap(), 499_500);
/// # });
/// ```
pub fn watch<F: Future>(name: &'static str, future: F) -> Watched<F> {
    Watched {
        name,
        named: false,
        inner: future,
    }
}

impl<F: Future> Future for Watched<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        if !*this.named {
            // The task running it takes its name, unless it has one (see `crate::tasks`).
            *this.named = true;
            crate::tasks::name_current(this.name);
        }
        timed_poll(this.name, || this.inner.poll(cx))
    }
}

/// Runs one poll, timing it when debug mode is on.
pub(crate) fn timed_poll<T>(name: &'static str, poll: impl FnOnce() -> Poll<T>) -> Poll<T> {
    if !is_enabled() {
        return poll();
    }
    let outermost = DEPTH.with(|depth| {
        depth.set(depth.get() + 1);
        depth.get() == 1
    });
    // Restores the depth even if the poll panics, so a caught panic cannot silence the thread.
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            DEPTH.with(|depth| depth.set(depth.get() - 1));
        }
    }
    let _leave = Leave;
    let started = Instant::now();
    let output = poll();
    if outermost {
        report_if_slow(name, started.elapsed());
    }
    output
}

fn report_if_slow(name: impl std::fmt::Display, took: Duration) {
    if took > slow_callback_duration() {
        tracing::warn!(
            "Executing <Task {name}> took {:.3} seconds",
            took.as_secs_f64()
        );
    }
}

// The runtime hooks' side (see `crate::hooks`): a task's poll is the outermost watched poll.

pub(crate) fn task_poll_starts() {
    if is_enabled() {
        DEPTH.with(|depth| depth.set(depth.get() + 1));
        TASK_POLL_STARTED.set(Some(Instant::now()));
    }
}

pub(crate) fn task_poll_ends(id: tokio::task::Id) {
    // Taken even if debug mode was switched on during the poll, which then has no start.
    let Some(started) = TASK_POLL_STARTED.take() else {
        return;
    };
    let took = started.elapsed();
    DEPTH.with(|depth| depth.set(depth.get().saturating_sub(1)));
    report_if_slow(crate::tasks::label(id), took);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    /// Collects what the tracing subscriber writes, so a test can read the log.
    #[derive(Clone, Default)]
    struct Log(Arc<Mutex<Vec<u8>>>);

    impl Write for Log {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Log {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    fn busy_for(duration: Duration) {
        let start = Instant::now();
        while start.elapsed() < duration {
            std::hint::spin_loop();
        }
    }

    // One test owns the process-wide switch, so the cases run in order inside it.
    #[test]
    fn reports_a_blocking_task_and_not_a_sleeping_one() {
        let log = Log::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();

        // Off: nothing is timed, however long the poll.
        rt.block_on(watch("quiet", async {
            busy_for(Duration::from_millis(120))
        }));
        assert_eq!(log.text(), "");

        enable();
        set_slow_callback_duration(Duration::from_millis(50));

        // A task that only sleeps: each poll is short, however long the sleep.
        rt.block_on(async {
            tokio::spawn(watch("sleeper", async {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }))
            .await
            .unwrap();
        });
        assert!(!log.text().contains("sleeper"), "log: {}", log.text());

        // A task that computes without awaiting is reported once, with its name and duration.
        rt.block_on(async {
            tokio::spawn(watch("cpu_bound_work", async {
                busy_for(Duration::from_millis(80))
            }))
            .await
            .unwrap();
        });
        let text = log.text();
        assert_eq!(
            text.matches("Executing <Task cpu_bound_work> took 0.")
                .count(),
            1,
            "{text}"
        );

        // Nested watched futures report the slow step once, under the outer name.
        rt.block_on(watch(
            "outer",
            watch("inner", async { busy_for(Duration::from_millis(80)) }),
        ));
        let text = log.text();
        assert!(text.contains("Executing <Task outer>"), "{text}");
        assert!(!text.contains("<Task inner>"), "{text}");

        // Below the threshold: not reported.
        set_slow_callback_duration(Duration::from_millis(500));
        rt.block_on(watch("short", async {
            busy_for(Duration::from_millis(80))
        }));
        assert!(!log.text().contains("<Task short>"));
    }
}
