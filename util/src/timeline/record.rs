//! The recorder: a list of spans and polls on one clock, kept only while a timeline is asked for.

use std::cell::Cell;
use std::collections::HashSet;
use std::future::Future;
use std::io::Write;
use std::panic::Location;
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
    /// The span of a whole task, from its spawn to its end (recorded by the runtime hooks).
    /// Its label, where it was spawned, names the row only if nothing inside it has a name.
    pub(crate) whole_task: bool,
}

/// One call of `poll` on a recorded future: the time its code ran.
pub(crate) struct PollRecord {
    pub(crate) row: Row,
    pub(crate) start: Duration,
    pub(crate) end: Duration,
}

struct Recorder {
    origin: Instant,
    spans: Vec<SpanRecord>,
    polls: Vec<PollRecord>,
    // Tasks kept off the figure (see `offstage`), and the open span of each drawn task.
    offstage: HashSet<tokio::task::Id>,
    open_tasks: std::collections::HashMap<tokio::task::Id, usize>,
}

impl Recorder {
    fn now(&self) -> Duration {
        Instant::now().saturating_duration_since(self.origin)
    }
}

// A cheap flag for the common case, so that a future polled without a timeline never locks.
static RECORDING: AtomicBool = AtomicBool::new(false);
static RECORDER: Mutex<Option<Recorder>> = Mutex::new(None);

thread_local! {
    // When the task being polled on this thread started its poll (set by the runtime hooks).
    static TASK_POLL_STARTED: Cell<Option<Duration>> = const { Cell::new(None) };
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
/// environment asks for a timeline.
pub(crate) fn start() {
    crate::hooks::warn_if_unavailable("the timeline");
    *recorder() = Some(Recorder {
        origin: Instant::now(),
        spans: Vec::new(),
        polls: Vec::new(),
        offstage: HashSet::new(),
        open_tasks: std::collections::HashMap::new(),
    });
    RECORDING.store(true, Ordering::Relaxed);
}

/// Stops recording and prints the timeline on stdout, after everything the program printed.
pub(crate) fn finish() {
    if !RECORDING.swap(false, Ordering::Relaxed) {
        return;
    }
    let Some(mut recorder) = recorder().take() else {
        return;
    };
    let total = recorder.now();
    // A task marked offstage after its spawn was recorded has a row to take back.
    let offstage = std::mem::take(&mut recorder.offstage);
    let drawn = |row: &Row| !matches!(row, Row::Task(id) if offstage.contains(id));
    recorder.spans.retain(|span| drawn(&span.row));
    recorder.polls.retain(|poll| drawn(&poll.row));
    let figure = render::render(&recorder.spans, &recorder.polls, total);
    let mut stdout = std::io::stdout().lock();
    // The figure is an extra for the reader; a closed stdout is no reason to fail the run.
    let _ = stdout
        .write_all(figure.as_bytes())
        .and_then(|()| stdout.flush());
}

/// The row of the code running now: `main`, a task, or `None` for a task kept off the figure.
fn current_row(recorder: &Recorder) -> Option<Row> {
    match tokio::task::try_id() {
        None => Some(Row::Main),
        Some(id) if recorder.offstage.contains(&id) => None,
        Some(id) => Some(Row::Task(id)),
    }
}

// The runtime hooks' side (see `crate::hooks`): a row per task, from its spawn to its end.

pub(crate) fn task_spawned(id: tokio::task::Id, spawned_at: &'static Location<'static>) {
    with_recorder(|recorder| {
        // Spawned by a task that is kept off the figure (a stand-in server's connection, say):
        // off it too. The hook runs inside the spawning task, so `try_id` names the parent.
        if tokio::task::try_id().is_some_and(|parent| recorder.offstage.contains(&parent)) {
            recorder.offstage.insert(id);
            return;
        }
        let now = recorder.now();
        recorder.open_tasks.insert(id, recorder.spans.len());
        recorder.spans.push(SpanRecord {
            row: Row::Task(id),
            label: spawn_label(spawned_at),
            kind: Kind::Task,
            start: now,
            end: None,
            whole_task: true,
        });
    });
}

/// A task's name when nothing in it has one: the line of the example that spawned it, the file
/// and line of one of our crates, or the dependency (`hyper-util`) whose code spawned it.
fn spawn_label(at: &Location<'_>) -> String {
    let path = std::path::Path::new(at.file());
    if path.is_absolute() {
        // A dependency's source, under `.../registry/src/<index>/<crate>-<version>/src/...`.
        let krate = path
            .ancestors()
            .filter_map(|dir| dir.file_name()?.to_str())
            .find_map(|name| {
                name.rsplit_once('-')
                    .filter(|(_, v)| v.starts_with(char::is_numeric))
            })
            .map_or("a dependency", |(name, _)| name);
        return krate.to_owned();
    }
    if path.starts_with("examples") {
        return format!("task, line {}", at.line());
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
    format!("{stem}:{}", at.line())
}

pub(crate) fn task_poll_starts() {
    if let Some(now) = with_recorder(|recorder| recorder.now()) {
        TASK_POLL_STARTED.set(Some(now));
    }
}

pub(crate) fn task_poll_ends(id: tokio::task::Id) {
    let Some(start) = TASK_POLL_STARTED.take() else {
        return;
    };
    with_recorder(|recorder| {
        if !recorder.offstage.contains(&id) {
            let end = recorder.now();
            let row = Row::Task(id);
            recorder.polls.push(PollRecord { row, start, end });
        }
    });
}

pub(crate) fn task_ended(id: tokio::task::Id) {
    with_recorder(|recorder| {
        if let Some(index) = recorder.open_tasks.remove(&id) {
            recorder.spans[index].end = Some(recorder.now());
        }
    });
}

/// Keeps the task that runs `future`, and every task it spawns, off the timeline: for the
/// stand-in servers that run inside an example but play another process in the article.
pub fn offstage<F: Future>(future: F) -> Offstage<F> {
    Offstage {
        marked: false,
        inner: future,
    }
}

pin_project! {
    /// A future whose task is not drawn; made by [`offstage`].
    pub struct Offstage<F> {
        marked: bool,
        #[pin]
        inner: F,
    }
}

impl<F: Future> Future for Offstage<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        if !*this.marked {
            *this.marked = true;
            if let Some(id) = tokio::task::try_id() {
                with_recorder(|recorder| recorder.offstage.insert(id));
            }
        }
        this.inner.poll(cx)
    }
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
        let Some((row, start)) = with_recorder(|recorder| {
            let row = current_row(recorder)?;
            let now = recorder.now();
            if self.open.is_none() {
                self.open = Some(recorder.spans.len());
                recorder.spans.push(SpanRecord {
                    row,
                    label: label(),
                    kind,
                    start: now,
                    end: None,
                    whole_task: false,
                });
            }
            Some((row, now))
        })
        .flatten() else {
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
