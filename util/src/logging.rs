//! Python's `logging.basicConfig()`: log records on stderr, through `tracing`.

use std::io::{self, IsTerminal};
use std::str::FromStr;

use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Logs through `tracing` to stderr: `RUST_LOG` chooses what (`debug`, `doc_engine=debug`,
/// `warn,doc_engine=debug`: a level, and levels for targets), `default` when it is unset or
/// does not parse. Colours only on a terminal. A subscriber set earlier (a test's) stays.
///
/// `tracing-subscriber`'s `EnvFilter` reads the same variable with more to it (span and field
/// filters), but brings a regular-expression engine into every example's build; the targets
/// and levels are all our examples need.
pub fn log_to_stderr(default: &str) {
    let targets = std::env::var("RUST_LOG")
        .ok()
        .and_then(|wanted| Targets::from_str(&wanted).ok())
        .or_else(|| Targets::from_str(default).ok())
        .unwrap_or_default();
    let format = tracing_subscriber::fmt::layer()
        .with_writer(io::stderr)
        .with_ansi(io::stderr().is_terminal());
    let _ = tracing_subscriber::registry()
        .with(format)
        .with(targets)
        .try_init();
}
