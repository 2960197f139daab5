//! Snippet 5: log and return: a failure becomes a log line and an empty list
//!
//! From "A deeper look at async and concurrent programming in Python", section "log and
//! return". `get_widgets` is the inspector's only public method, and the only place that logs:
//! whatever fails inside, it logs the cause and returns `[]`, so that one bad document does not
//! stop the caller's other work. The article adds: if that does not suit you, raise instead and
//! handle it upstream. Both are shown here, against the engine started on a free port of
//! 127.0.0.1: `get_widgets` (log and return) and the async core `inspect` (the error as a value).
//!
//! Run with:
//! ```text
//! cargo run --example ws_log_and_return
//! ```
//!
//! Expected output:
//! ```text
//! get_widgets("sales") -> 3 widget(s)
//! get_widgets("missing") -> [] (the cause is in the log, on stderr)
//! inspect("missing") -> Err(GetDocument failed with error -32602: no document with id "missing")
//! ```
//! Expected stderr, the log line of `get_widgets`:
//! ```text
//! [..] WARN websockets: error on get_widgets doc_id="missing" error=GetDocument failed with error -32602: no document with id "missing"
//! ```
//!
//! Where Rust differs:
//! - Python's `logging.warning(..., exc_info=True)` prints the traceback; tracing logs the
//!   error's `Display` as a field (`error=...`). The error is an enum (`InspectError`) with one
//!   variant per cause, so a caller of `inspect` can `match` on it instead of parsing text.
//! - "Raise and handle upstream" is simply returning the `Result` and letting the caller use
//!   `?`: the type says a failure is possible, where a Python signature does not.

use std::time::Duration;

use clap::Parser;
use doc_engine::DocEngine;
use serve::StandInArgs;
use websockets::{DocumentInspector, run_until_complete};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const TIMEOUT: Duration = Duration::from_secs(5);

/// Snippet 5: get_widgets logs a failure and returns an empty list; inspect returns it
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    engine: StandInArgs<DocEngine>,
}

#[util::plain_main]
fn main() -> Result<(), BoxError> {
    let args = Args::parse();
    util::log_to_stderr("warn");
    // `get_widgets` blocks on a runtime of its own, so `main` has none and the engine gets a
    // thread of its own.
    let engine = args.engine.start_on_thread()?;
    let inspector = DocumentInspector::new(engine.url(""));

    let sales = inspector.get_widgets("sales", TIMEOUT);
    println!("get_widgets(\"sales\") -> {} widget(s)", sales.len());
    let missing = inspector.get_widgets("missing", TIMEOUT);
    println!("get_widgets(\"missing\") -> {missing:?} (the cause is in the log, on stderr)");

    // The same failure, handed to the caller instead of logged.
    match run_until_complete(inspector.inspect("missing", TIMEOUT)) {
        Ok(widgets) => println!("inspect(\"missing\") -> Ok({widgets:?})"),
        Err(error) => println!("inspect(\"missing\") -> Err({error})"),
    }
    Ok(())
}
