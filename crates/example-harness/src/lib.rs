//! Runs the workspace's examples as real programs and checks them against their headers.
//!
//! The contract is in `docs/how-examples-are-checked.md`. In short: each example's `//!` header
//! shows a command (`Run with:`) and its `Expected output (N s):` transcript; [`check`] runs that
//! command under tokio's paused clock and asserts that it prints exactly that and takes exactly
//! that long.
//!
//! The harness runs the binaries that `cargo test` has already built next to the test binary
//! (`target/<profile>/examples/`), rather than calling cargo itself, so tests stay fast and never
//! wait on cargo's build lock.

pub mod browser;
mod header;
mod process;
pub mod pty;
pub mod tcp;
mod transcript;

pub use header::{
    ExampleSource, Header, example_packages, example_sources, header, source_path, workspace_root,
};
pub use process::{Example, Output, PAUSED_CLOCK_SEED, Running};
pub use transcript::matches;

/// Runs `name` as its header shows ([`Example::from_header`]) under the paused clock, and
/// asserts what the header promises: the exit status, stdout equal to the transcript, stderr if
/// the header quotes it, and (if the header claims one) the elapsed time, to the millisecond.
/// Returns the output for further assertions.
pub fn check(name: &str) -> Output {
    let header = header(name);
    let output = Example::from_header(name).run();
    output.assert_matches_header();
    if let Some(claimed) = header.takes {
        output.assert_elapsed(claimed, std::time::Duration::from_millis(5));
    }
    output
}

/// [`check`] on the real clock, for a program whose time is not the runtime's (threads, other
/// processes, a runtime built by hand): the header's command, its exit status, stdout and
/// stderr. The timing is the test's to check, with a tolerance.
pub fn check_on_the_real_clock(name: &str) -> Output {
    let output = Example::from_header(name).real_clock().run();
    output.assert_matches_header();
    output
}
