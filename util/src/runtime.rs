//! `asyncio.run`: build a runtime, run one future to completion on it, shut it down.
//!
//! Differences from Python worth knowing:
//! - asyncio cancels the tasks still pending when `main` returns, and their `finally` blocks
//!   run. Dropping a tokio runtime drops those tasks at their current `.await`: their `Drop`
//!   code runs, but no async clean-up can.
//! - The future given to `block_on` is not a task (`tokio::task::try_id()` is `None` inside
//!   it), whereas asyncio wraps `main()` in a Task.

use std::future::Future;
use std::io::Write;
use std::process::ExitCode;

use tokio::runtime::Builder;
use tokio::time::Instant;

use crate::debug;
use crate::timeline::{self, Kind};

/// Set to `paused` by the tests: the runtime starts with tokio's clock paused, so sleeps end at
/// once and exactly, and [`crate::clock::now`] starts at a fixed date.
pub const CLOCK_ENV_VAR: &str = "ASYNCIO_IN_RUST_CLOCK";

/// Set to `1` by the tests: when the main future returns, print
/// `[util] elapsed S.SSSSSS s` (the runtime's own clock) on stderr.
pub const REPORT_ENV_VAR: &str = "ASYNCIO_IN_RUST_REPORT";

/// Set by the tests to a number: the seed of whatever an example draws at random (the test web
/// service's `/random`), so that transcripts are exact.
pub const SEED_ENV_VAR: &str = "ASYNCIO_IN_RUST_SEED";

/// The seed the tests asked for, if any. Read here, with the other test hooks, so that no
/// lesson code reads the environment for them.
pub fn seed_for_tests() -> Option<u64> {
    std::env::var(SEED_ENV_VAR).ok()?.parse().ok()
}

/// Whether the tests asked for the paused clock.
pub fn paused_clock_requested() -> bool {
    std::env::var_os(CLOCK_ENV_VAR).is_some_and(|v| v == "paused")
}

/// Which tokio scheduler to run on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Flavor {
    /// One thread runs every task, like asyncio's event loop. Output order is deterministic.
    #[default]
    CurrentThread,
    /// A worker thread per core with work stealing: tasks run in parallel.
    MultiThread,
}

/// How [`Options::run`] builds its runtime. `#[util::main(...)]` builds one of these.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    flavor: Flavor,
    debug: bool,
}

impl Options {
    /// A `current_thread` runtime with debug mode off (unless `ASYNCIO_DEBUG` says otherwise).
    pub fn new() -> Self {
        Self::default()
    }

    /// Use tokio's multi-thread scheduler.
    pub fn multi_thread(mut self) -> Self {
        self.flavor = Flavor::MultiThread;
        self
    }

    /// Switch asyncio's debug mode on (see [`crate::debug`]).
    pub fn debug(mut self) -> Self {
        self.debug = true;
        self
    }

    /// Runs `main` to completion and returns its output, like `asyncio.run(main())`.
    ///
    /// # Panics
    /// If the runtime cannot be built (the OS refuses a thread or an epoll instance): there is
    /// nothing sensible an example could do about that.
    pub fn run<F: Future>(self, main: F) -> F::Output {
        if self.debug || debug::requested_by_env() {
            debug::enable();
            // asyncio logs through `logging`; we log through tracing, to stderr.
            crate::log_to_stderr("info");
        }
        let mut builder = match self.flavor {
            Flavor::CurrentThread => Builder::new_current_thread(),
            Flavor::MultiThread => Builder::new_multi_thread(),
        };
        builder.enable_all();
        crate::hooks::install(&mut builder);
        // Only a current_thread runtime can start paused; a multi-thread example runs on the
        // real clock even in tests.
        if self.flavor == Flavor::CurrentThread && paused_clock_requested() {
            builder.start_paused(true);
        }
        let runtime = builder.build().expect("cannot build the tokio runtime");
        let report = std::env::var_os(REPORT_ENV_VAR).is_some_and(|v| v == "1");
        let timeline = timeline::requested_by_env();
        runtime.block_on(async {
            // Timestamps count from the start of the run, like `datetime.now()` in the scripts.
            crate::clock::now();
            if timeline {
                timeline::start();
            }
            let started = Instant::now();
            let main = debug::watch("main", main);
            let output = timeline::span(Kind::Task, || "main".to_owned(), main).await;
            timeline::finish();
            if report {
                let seconds = started.elapsed().as_secs_f64();
                let _ = std::io::stdout().flush();
                eprintln!("[util] elapsed {seconds:.6} s");
            }
            output
        })
    }
}

/// `asyncio.run(main())`: runs `main` on a new `current_thread` runtime. See [`Options`].
///
/// ```
/// let three = util::run(async { 1 + 2 });
/// assert_eq!(three, 3);
/// ```
pub fn run<F: Future>(main: F) -> F::Output {
    Options::new().run(main)
}

/// What `#[util::main]` makes of the value `main` returns: the process's exit code.
///
/// `()` and `Ok(())` exit with 0. `Err(e)` prints one line on stderr and exits with 1: `Error: `,
/// the error's `Display` text, and then that of each error in its `source()` chain that the
/// text does not already quote, as in `Error: db error: ERROR: relation "sku" does not exist`.
/// (Rust's own `main` prints the `Debug` form, which wraps a plain message in quotes; many
/// libraries, tokio-postgres and hyper among them, keep the cause out of `Display`.)
pub trait MainOutput {
    fn exit_code(self) -> ExitCode;
}

impl MainOutput for () {
    fn exit_code(self) -> ExitCode {
        ExitCode::SUCCESS
    }
}

impl<E: Into<Box<dyn std::error::Error + Send + Sync>>> MainOutput for Result<(), E> {
    fn exit_code(self) -> ExitCode {
        match self {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("Error: {}", one_line(error.into().as_ref()));
                ExitCode::FAILURE
            }
        }
    }
}

/// An error and its causes on one line, each cause once.
pub fn one_line(error: &dyn std::error::Error) -> String {
    let mut line = error.to_string();
    let mut cause = error.source();
    while let Some(error) = cause {
        let text = error.to_string();
        if !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
        cause = error.source();
    }
    // A multi-line cause (a server's DETAIL line) still makes one line.
    line.lines().collect::<Vec<_>>().join(" ")
}
