//! Stopping a server the way a terminal, `kill` and a service manager ask: Ctrl-C (SIGINT) or
//! SIGTERM starts a graceful stop, and a second one ends the process at once.

use std::future;

use tokio::signal::unix::{SignalKind, signal};

/// The exit status of a stop forced by a second signal: 128 + SIGINT's 2, what a shell shows
/// for a program Ctrl-C ended, and what uvicorn and aiohttp exit with then.
pub const FORCED_EXIT: i32 = 130;

/// Completes at the first Ctrl-C (SIGINT) or SIGTERM. From then on, either signal ends the
/// process at once with status [`FORCED_EXIT`]: a graceful stop that takes its time (requests
/// to finish, queues to drain) can always be cut short, as with uvicorn and aiohttp.
///
/// Once this is called, neither signal kills the process by itself any more: the program must
/// stop when this completes. If the OS refuses to deliver the signals, it never completes, and
/// the default (the signal ends the process) stays.
pub async fn stop_requested() {
    let (Ok(mut interrupt), Ok(mut terminate)) = (
        signal(SignalKind::interrupt()),
        signal(SignalKind::terminate()),
    ) else {
        return future::pending().await;
    };
    tokio::select! {
        _ = interrupt.recv() => {}
        _ = terminate.recv() => {}
    }
    tokio::spawn(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
        std::process::exit(FORCED_EXIT);
    });
}
