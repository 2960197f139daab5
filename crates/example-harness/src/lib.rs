//! Runs the workspace's examples as real programs and checks them against their headers.
//!
//! The contract is in `docs/how-examples-are-checked.md`. In short: each example's `//!` header
//! holds an `Expected output (N s):` transcript; [`check`] runs the program under tokio's paused
//! clock and asserts that it prints exactly that and takes exactly that long.
//!
//! The harness runs the binaries that `cargo test` has already built next to the test binary
//! (`target/<profile>/examples/`), rather than calling cargo itself, so tests stay fast and never
//! wait on cargo's build lock.

mod header;
mod process;
pub mod tcp;
mod transcript;

pub use header::{
    ExampleSource, Header, example_packages, example_sources, header, source_path, workspace_root,
};
pub use process::{Example, Output, PAUSED_CLOCK_SEED, Running};
pub use transcript::matches;

/// Runs `name` under the paused clock and asserts what its header promises: exit code 0,
/// stdout equal to the transcript, and (if the header claims one) the elapsed time, to the
/// millisecond. Returns the output for further assertions.
pub fn check(name: &str) -> Output {
    check_with(name, &[])
}

/// [`check`], with `args` on the command line: for a header whose transcript is that of a
/// smaller run (`--requests 3`) than the program's default.
pub fn check_with(name: &str, args: &[&str]) -> Output {
    let header = header(name);
    let output = Example::new(name).args(args).run();
    output.assert_success();
    output.assert_stdout_matches(&header.transcript);
    if let Some(claimed) = header.takes {
        output.assert_elapsed(claimed, std::time::Duration::from_millis(5));
    }
    output
}
