//! The Rust twin of the asyncio book's `util` module.
//!
//! The book builds two helpers in chapter 2 and imports them everywhere after: `delay`
//! (Listing 2.6) and the `async_timed` decorator (Listing 2.16). This crate has both, plus what
//! the examples share so that none of them repeats it:
//!
//! - [`delay`]: print, sleep without blocking, print, return the seconds slept.
//! - [`async_timed`]: an attribute that times every call of an `async fn`.
//! - [`main`] and [`run`]: `asyncio.run` for a `current_thread` runtime, with the hooks the tests
//!   use (a paused clock and an elapsed-time report; see `docs/how-examples-are-checked.md`).
//! - [`debug`]: asyncio's debug mode, reporting any poll that blocks the thread too long.
//! - [`clock`]: `datetime.now()` that follows tokio's clock, so transcripts are exact in tests.
//! - [`cli`]: `--help` and the refusal of arguments for examples that take none.
//! - [`cleanup`]: clean-up that runs when Ctrl-C or SIGTERM ends the program.
//! - [`log_to_stderr`]: Python's `logging.basicConfig()`, through `tracing`.
//! - [`py`]: printing values as Python prints them (dicts, `timedelta`, `datetime`).
//! - [`tasks`]: `asyncio.all_tasks()`, the live tasks with their names.
//! - [`target_dir`]: the `target/` folder the program was built in, for files kept between runs.
//! - [`timeline`]: with `ASYNCIO_TIMELINE=1`, a figure of which task ran, slept or waited when.

pub mod cleanup;
pub mod cli;
pub mod clock;
pub mod debug;
mod delay;
pub mod hooks;
mod logging;
pub mod py;
pub mod runtime;
mod target;
pub mod tasks;
pub mod timed;
pub mod timeline;

pub use delay::delay;
pub use logging::log_to_stderr;
pub use runtime::{one_line, run};
pub use target::target_dir;

/// Times every call of an `async fn`, like the book's `@async_timed()` decorator.
///
/// ```
/// #[util::async_timed]
/// async fn add(a: u64, b: u64) -> u64 {
///     a + b
/// }
///
/// # util::run(async {
/// assert_eq!(add(1, 2).await, 3);
/// # });
/// ```
///
/// prints `starting add with args (1, 2)` on the first poll and `finished add in 0.0000
/// second(s)` when the call ends. The arguments are shown with `{:?}`, so they must implement
/// `Debug`; the macro accepts free functions (no `self`).
///
/// The end line is printed when the future completes, whatever it returns (an `Err` included),
/// and also when the future is dropped before it completes: that is how a Rust future is
/// cancelled, and it is the twin of Python's `finally` running on `CancelledError`. A future
/// that is never polled prints nothing, like a coroutine that is never awaited.
pub use util_macros::async_timed;

/// `asyncio.run(main())` as an attribute: put it on `async fn main()`.
///
/// It builds a `current_thread` runtime (one thread, like asyncio's one event loop) and runs
/// the body to completion. `main` may return `()` or `Result<(), E>` with `E: Display`; an
/// `Err` is printed as one line, `Error: ...`, on stderr, and the exit code is 1. It is `#[tokio::main(flavor =
/// "current_thread")]` plus two things: the test hooks described in
/// `docs/how-examples-are-checked.md`, and asyncio's debug mode. Options:
///
/// - `#[util::main(debug)]`: debug mode on, like `asyncio.run(main(), debug=True)`. Setting
///   `ASYNCIO_DEBUG=1` in the environment does the same, like `PYTHONASYNCIODEBUG=1`.
/// - `#[util::main(multi_thread)]`: tokio's work-stealing runtime, for examples whose point is
///   parallelism.
///
/// To time `main` itself, as the book's `@async_timed()` on `main` does, put
/// `#[util::async_timed]` above `#[util::main]`.
///
/// The command line: a `main` that calls clap's `Args::parse()` handles its own flags. Any
/// other `main` takes none: `--help` prints the example's `//!` header and exits with 0, and an
/// argument is refused in one line with exit code 2 (see [`cli`]).
///
/// A reader who copies an example into a project without this crate can replace it with
/// `#[tokio::main(flavor = "current_thread")]`; the program prints the same.
pub use util_macros::main;

/// What `#[util::main]` does for the command line and for errors, on a plain `fn main()` that
/// builds its runtime by hand (or needs none): `--help` and the refusal of arguments as in
/// [`main`], and an `Err` printed as one `Error: ...` line with exit code 1.
pub use util_macros::plain_main;
