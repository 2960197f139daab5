//! Clean-up that must happen even when Ctrl-C or SIGTERM ends the program.
//!
//! A signal's default action ends a process without running a single destructor, so what a
//! `Drop` would have removed (a throwaway PostgreSQL and its folder, a temporary keyring and
//! its agent) stays behind. [`on_stop_signals`] catches the two signals a reader or a service
//! manager sends, runs the clean-up, and ends the program as the signal would have.

use tokio::signal::unix::{SignalKind, signal};

/// Runs `cleanup` when SIGINT (Ctrl-C) or SIGTERM arrives, then exits with the status a death
/// by that signal shows in a shell: 130 or 143. Call it from inside a tokio runtime (it spawns
/// a task there), in a program that has no handling of those signals of its own: a server that
/// stops gracefully on them would be cut short. If the handlers cannot be installed, the
/// signals keep their default action.
pub fn on_stop_signals(cleanup: impl FnOnce() + Send + 'static) {
    let (Ok(mut interrupt), Ok(mut terminate)) = (
        signal(SignalKind::interrupt()),
        signal(SignalKind::terminate()),
    ) else {
        return;
    };
    tokio::spawn(async move {
        let status = tokio::select! {
            _ = interrupt.recv() => 130,
            _ = terminate.recv() => 143,
        };
        cleanup();
        std::process::exit(status);
    });
}
