//! Every task the runtime runs, seen through tokio's runtime hooks.
//!
//! asyncio's debug mode times every step of every task, and a timeline should have a row for
//! every task. tokio can tell us about each task's spawn, each poll and its end
//! (`Builder::on_task_spawn`, `on_before_task_poll`, `on_after_task_poll`, `on_task_terminate`),
//! but only when built with `--cfg tokio_unstable`, which the workspace sets in
//! `.cargo/config.toml`. The examples never touch these APIs: only util's runtime installs
//! them. Built without the flag (an example copied into a project without our config), util
//! falls back to watching what it can see itself, `main` and `#[async_timed]` calls, and says
//! so once on stderr when debug mode or a timeline is asked for.
//!
//! Checked before writing this: tokio-metrics counts slow polls per monitored future, but only
//! as numbers read later, and console-subscriber needs a separate UI; neither logs asyncio's
//! line at the moment a step is slow, nor sees tasks it was not handed.

use tokio::runtime::Builder;

/// Installs the hooks on `builder`: every task's polls are timed in debug mode and drawn on the
/// timeline. Without `tokio_unstable` there is nothing to install.
#[cfg(tokio_unstable)]
pub(crate) fn install(builder: &mut Builder) {
    use crate::{debug, tasks, timeline};

    builder
        .on_task_spawn(|meta| {
            tasks::spawned(meta.id(), meta.spawned_at());
            timeline::task_spawned(meta.id(), meta.spawned_at());
        })
        .on_before_task_poll(|meta| {
            tasks::poll_starts(meta.id());
            debug::task_poll_starts();
            timeline::task_poll_starts();
        })
        .on_after_task_poll(|meta| {
            timeline::task_poll_ends(meta.id());
            debug::task_poll_ends(meta.id());
            // Last: the two above still need the name of a task that ended in this poll.
            tasks::poll_ends(meta.id());
        })
        .on_task_terminate(|meta| {
            timeline::task_ended(meta.id());
            tasks::ended(meta.id());
        });
}

#[cfg(not(tokio_unstable))]
pub(crate) fn install(_builder: &mut Builder) {}

/// Whether the hooks are there: false when built without `--cfg tokio_unstable`.
pub const AVAILABLE: bool = cfg!(tokio_unstable);

/// Says once, on stderr, that only `main` and `#[async_timed]` calls are seen, if that is so.
pub(crate) fn warn_if_unavailable(what: &str) {
    static WARNED: std::sync::Once = std::sync::Once::new();
    if !AVAILABLE {
        WARNED.call_once(|| {
            eprintln!(
                "util: {what} sees only `main` and `#[async_timed]` calls: this build lacks \
                 `--cfg tokio_unstable`, which tokio's per-task hooks need (see .cargo/config.toml)"
            );
        });
    }
}
