//! Chapter 13's own modules: the child programs its listings start, a throwaway keyring for
//! the `gpg` listings, and Python's way of reporting how a child ended.

pub mod children;
pub mod gnupg;

use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;

/// asyncio's `process.returncode`: the exit code, or minus the signal that ended the process
/// (`-15` after SIGTERM), where Rust's `ExitStatus` keeps the two apart.
pub fn returncode(status: ExitStatus) -> i32 {
    match (status.code(), status.signal()) {
        (Some(code), _) => code,
        (None, Some(signal)) => -signal,
        (None, None) => unreachable!("a Unix process ends with an exit code or a signal"),
    }
}
