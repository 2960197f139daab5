//! What every server of the workspace does the same way, written once.
//!
//! - [`listen`] and [`accept_until`]: bind with room for a burst of clients, then the one
//!   accept loop, which survives running out of file descriptors ([`AcceptErrors`]);
//!   [`accept_blocking`], the same for a blocking server with a thread per client.
//! - [`raise_open_file_limit`]: as many clients as the administrator allows; [`tell_chosen_port`]:
//!   the port of a server started with `--port 0`.
//! - [`stop_requested`]: Ctrl-C or SIGTERM starts a graceful stop, a second one ends the
//!   process at once.
//! - [`ServerThread`]: a server on a thread and a runtime of its own, stopped when dropped,
//!   for examples whose own thread blocks.
//! - [`StandIn`] and [`StandInArgs`]: the `--url` and `--latency` flags of an example that talks
//!   to a server, and the local stand-in it starts when the reader names none (the guide's
//!   test service, the book's web sites, the document engine).

mod accept;
mod signals;
mod stand_in;
mod thread;

pub use accept::{
    AcceptErrors, LISTEN_BACKLOG, accept_blocking, accept_until, listen, raise_open_file_limit,
    tell_chosen_port,
};
pub use signals::{FORCED_EXIT, stop_requested};
pub use stand_in::{Stagger, StandIn, StandInArgs, Target, Waiting};
pub use thread::{ServerThread, Shutdown};
