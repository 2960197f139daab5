//! Where a program may keep what it makes for later runs: the `target/` folder it was built in.

use std::path::PathBuf;

/// The `target/` folder this program's binary was built in: the first folder up from the
/// binary that holds Cargo's `CACHEDIR.TAG`. `None` for a binary that was copied elsewhere;
/// callers fall back to the system's temporary folder then.
pub fn target_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    exe.ancestors()
        .find(|dir| dir.join("CACHEDIR.TAG").is_file())
        .map(PathBuf::from)
}
