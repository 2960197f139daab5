//! The document inspector: which widgets does each document have?
//!
//! The Rust twin of `document_inspector.py`, the program of "A deeper look at async and
//! concurrent programming in Python". Its one public method, `get_widgets(doc_id, timeout)`, is
//! synchronous: behind it, one WebSocket carries `GetDocument`, then `GetWidgetContainer` for
//! every container at once, then `GetWidgetProperties` for every widget, with a sender task and
//! a receiver task running side by side. The library is `crates/doc-inspector`; this program
//! starts the engine (`crates/doc-engine`) on a free port of 127.0.0.1 and inspects four
//! documents: two graphical ones, one that is not (`raw`: nothing to inspect), and one that
//! does not exist.
//!
//! Run with:
//! ```text
//! cargo run --example document_inspector
//! cargo run --example document_inspector -- --doc deck          # only this document
//! cargo run --example document_inspector -- --url ws://127.0.0.1:8765 --doc sales
//! RUST_LOG=debug cargo run --example document_inspector         # every frame, both ways
//! ```
//! `--url` inspects a running engine (`cargo run --example doc_engine`, or any server speaking
//! the protocol) instead of starting one; `--doc` may be repeated.
//!
//! Expected output, the widgets sorted by id as explained below:
//! ```text
//! document engine started on ws://127.0.0.1:[..]
//! sales: 3 widget(s)
//!   w1  table  Orders
//!   w2  chart  Revenue
//!   w3  kpi    Margin
//! deck: 2 widget(s)
//!   w4  text   Intro
//!   w5  chart  Trend
//! raw: 0 widget(s)
//! missing: 0 widget(s)
//! ```
//! and on stderr, the one log line of the failure (`RUST_LOG` chooses the level; `warn` here):
//! `WARN doc_inspector: error on get_widgets doc_id="missing" error=GetDocument failed with
//! error -32602: no document with id "missing"`.
//!
//! Where Rust differs:
//! - `get_widgets` returns the widgets in the order their replies arrived, and the engine
//!   answers after random delays, so that order changes from run to run. This program sorts
//!   them by id before printing, so that the transcript above is exact; the order is not the
//!   point here.
//! - `get_widgets` builds a tokio runtime and blocks on it, like `run_until_complete`, so it
//!   must not be called from async code (tokio refuses to start a runtime inside another).
//!   That is why `main` is a plain `fn` and the engine runs on a thread of its own.
//! - As in the article, a failure (an unknown document, a server that is down, a timeout) is
//!   logged and gives an empty list; the program goes on and exits 0. Callers who want the error
//!   itself use the async `DocumentInspector::inspect`.

use std::time::Duration;

use clap::Parser;
use doc_engine::DocEngine;
use serve::StandInArgs;
use websockets::DocumentInspector;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const TIMEOUT: Duration = Duration::from_secs(5);

/// The article's document inspector, against an in-process document engine unless --url is given
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    engine: StandInArgs<DocEngine>,
    /// A document to inspect; repeat it for several (default: sales, deck, raw, missing)
    #[arg(long = "doc", value_name = "ID")]
    docs: Vec<String>,
}

#[util::plain_main]
fn main() -> Result<(), BoxError> {
    util::log_to_stderr("warn");
    let mut args = Args::parse();
    if args.docs.is_empty() {
        args.docs = ["sales", "deck", "raw", "missing"]
            .map(String::from)
            .to_vec();
    }
    // `get_widgets` blocks on a runtime of its own, so `main` has none and a stand-in engine
    // gets a thread of its own. Kept until the end of `main`: dropping it stops the engine.
    let engine = args.engine.start_on_thread()?;
    if engine.is_stand_in() {
        println!("document engine started on {}", engine.url(""));
    }

    let inspector = DocumentInspector::new(engine.url(""));
    for doc_id in &args.docs {
        let mut widgets = inspector.get_widgets(doc_id, TIMEOUT);
        widgets.sort_by(|a, b| a.id.cmp(&b.id));
        println!("{doc_id}: {} widget(s)", widgets.len());
        for widget in widgets {
            println!("  {:<3} {:<6} {}", widget.id, widget.kind, widget.title);
        }
    }
    Ok(())
}
