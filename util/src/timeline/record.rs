//! The recorder: a list of spans and polls on one clock, kept only while a timeline is asked for.

use std::cell::Cell;
use std::future::Future;
use std::io::Write;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use pin_project_lite::pin_project;
use tokio::time::Instant;

use super::Kind;
use super::render::{self, Row};

/// A recorded future: its row, what it is, and when it started and ended (ended `None` while
/// it is still pending).
pub(crate) struct SpanRecord {
    pub(crate) row: Row,
    pub(crate) label: String,
    pub(crate) kind: Kind,
    pub(crate) start: Duration,
    pub(crate) end: Option<Duration>,
}

/// One call of `poll` on a recorded future: the time its code ran.
pub(crate) struct PollRecord {
    pub(crate) row: Row,
    pub(crate) start: Duration,
    pub(crate) end: Duration,
}

struct Recorder {
    origin: Instant,
    // CPU time charged by `charge` under the paused clock, added to every later reading.
    charged: Duration,
    spans: Vec<SpanRecord>,
    polls: Vec<PollRecord>,
}

impl Recorder {
    fn now(&self) -> Duration {
        Instant::now().saturating_duration_since(self.origin) + self.charged
    }
}

// A cheap flag for the common case, so that a future polled without a timeline never locks.
static RECORDING: AtomicBool = AtomicBool::new(false);
static RECORDER: Mutex<Option<Recorder>> = Mutex::new(None);

thread_local! {
    // Set on the thread of a `current_thread` runtime, the only thread whose CPU work delays
    // every task (work on a blocking-pool thread runs beside them).
    static LOOP_THREAD: Cell<bool> = const { Cell::new(false) };
}

fn recorder() -> MutexGuard<'static, Option<Recorder>> {
    // A panic while the lock was held leaves plain data behind: keep using it.
    RECORDER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn with_recorder<T>(f: impl FnOnce(&mut Recorder) -> T) -> Option<T> {
    if !RECORDING.load(Ordering::Relaxed) {
        return None;
    }
    recorder().as_mut().map(f)
}

/// Starts recording, with time 0 now. Called by `Options::run` inside its runtime when the
/// environment asks for a timeline; `loop_thread` says that this thread runs every task.
pub(crate) fn start(loop_thread: bool) {
    LOOP_THREAD.set(loop_thread);
    *recorder() = Some(Recorder {
        origin: Instant::now(),
        charged: Duration::ZERO,
        spans: Vec::new(),
        polls: Vec::new(),
    });
    RECORDING.store(true, Ordering::Relaxed);
}

/// Stops recording and prints the timeline on stdout, after everything the program printed.
pub(crate) fn finish() {
    if !RECORDING.swap(false, Ordering::Relaxed) {
        return;
    }
    let Some(recorder) = recorder().take() else {
        return;
    };
    let total = recorder.now();
    let figure = render::render(&recorder.spans, &recorder.polls, total);
    let mut stdout = std::io::stdout().lock();
    // The figure is an extra for the reader; a closed stdout is no reason to fail the run.
    let _ = stdout
        .write_all(figure.as_bytes())
        .and_then(|()| stdout.flush());
}

/// Charges `cpu` to the timeline as time spent running: called by CPU-bound code that the
/// paused clock would otherwise draw as taking no time at all.
///
/// It does something only under the tests' paused clock and on the thread of a
/// `current_thread` runtime, where blocking the thread holds up every task, so pushing every
/// later reading back by `cpu` is exactly what a real clock would show. On the real clock the
/// time has really passed and is already in the readings.
pub(crate) fn charge(cpu: Duration) {
    if !LOOP_THREAD.get() || !crate::runtime::paused_clock_requested() {
        return;
    }
    with_recorder(|recorder| recorder.charged += cpu);
}

fn current_row() -> Row {
    tokio::task::try_id().map_or(Row::Main, Row::Task)
}

/// The recording side of one recorded future: opens its span at the first poll, records each
/// poll, and closes the span when the future completes or is dropped.
#[derive(Debug, Default)]
pub(crate) struct SpanState {
    // The index of the open span in the recorder; `None` before the first poll and after the end.
    open: Option<usize>,
}

impl SpanState {
    /// Runs `poll`, the future's own poll, and records it. `label` is only called if a
    /// timeline is being recorded, so a run without one formats nothing.
    pub(crate) fn poll<T>(
        &mut self,
        kind: Kind,
        label: impl FnOnce() -> String,
        poll: impl FnOnce() -> Poll<T>,
    ) -> Poll<T> {
        let row = current_row();
        let Some(start) = with_recorder(|recorder| {
            let now = recorder.now();
            if self.open.is_none() {
                self.open = Some(recorder.spans.len());
                recorder.spans.push(SpanRecord {
                    row,
                    label: label(),
                    kind,
                    start: now,
                    end: None,
                });
            }
            now
        }) else {
            return poll();
        };
        let output = poll();
        let ready = output.is_ready();
        let open = if ready { self.open.take() } else { self.open };
        with_recorder(|recorder| {
            let end = recorder.now();
            recorder.polls.push(PollRecord { row, start, end });
            if let (true, Some(index)) = (ready, open) {
                recorder.spans[index].end = Some(end);
            }
        });
        output
    }

    /// Ends the span now, if it is open: the future was dropped before it completed.
    pub(crate) fn close(&mut self) {
        if let Some(index) = self.open.take() {
            with_recorder(|recorder| recorder.spans[index].end = Some(recorder.now()));
        }
    }
}

pin_project! {
    /// A future that shows on the timeline; made by [`span`].
    pub struct Span<F, L> {
        kind: Kind,
        label: Option<L>,
        state: SpanState,
        #[pin]
        inner: F,
    }

    impl<F, L> PinnedDrop for Span<F, L> {
        fn drop(this: Pin<&mut Self>) {
            this.project().state.close();
        }
    }
}

/// Marks `future` on the timeline as a `kind` span named `label()`, for the row of the task
/// that polls it. Without a timeline it only polls `future`.
///
/// ```
/// use util::timeline::{Kind, span};
///
/// # util::run(async {
/// let answer = span(Kind::Io, || "read config".to_owned(), async { 42 }).await;
/// assert_eq!(answer, 42);
/// # });
/// ```
pub fn span<F: Future, L: FnOnce() -> String>(kind: Kind, label: L, future: F) -> Span<F, L> {
    Span {
        kind,
        label: Some(label),
        state: SpanState::default(),
        inner: future,
    }
}

impl<F: Future, L: FnOnce() -> String> Future for Span<F, L> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let label = this.label;
        this.state.poll(
            *this.kind,
            || label.take().map_or_else(String::new, |label| label()),
            || this.inner.poll(cx),
        )
    }
}
