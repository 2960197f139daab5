//! The reader's companion is the README and the pages in `docs/`, beside the examples they
//! explain. This crate's tests keep the two true to each other: every example indexed, linked,
//! tested and copyable with its chapter's dependencies, every quoted transcript and drawn
//! timeline the one the example prints, every link alive. What they share is here, with what
//! makes the rendered site (`docs/book.toml`): the generated pages ([`book`], [`chart`]), the
//! links that work there ([`site_links`]) and the check of the built site ([`check_site`]).

pub mod book;
pub mod chart;
pub mod check_site;
pub mod site_links;

use std::fs;
use std::path::PathBuf;

pub use example_harness::{ExampleSource, example_packages, example_sources, workspace_root};

/// The Markdown files a reader follows: the README first, then the pages of `docs/`, sorted.
pub fn markdown_files() -> Vec<PathBuf> {
    let root = workspace_root();
    let mut pages: Vec<PathBuf> = fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|entry| entry.expect("a readable docs entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    pages.insert(0, root.join("README.md"));
    pages
}

/// Reads a file of the workspace, given relative to its root.
///
/// # Panics
/// If it cannot be read.
pub fn read(relative: impl AsRef<std::path::Path>) -> String {
    let path = workspace_root().join(relative);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The `[dependencies]` table of a manifest, as its lines (`name = ...`), comments and blank
/// lines left out.
pub fn dependency_lines(manifest: &str) -> Vec<String> {
    manifest
        .split("\n[dependencies]\n")
        .nth(1)
        .map(|rest| rest.split("\n[").next().unwrap_or_default())
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// The crate name a dependency line declares: `tokio = ...` and `tokio.workspace = true` are
/// both `tokio`.
pub fn dependency_name(line: &str) -> &str {
    let end = line.find(['=', '.']).unwrap_or(line.len());
    line[..end].trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_dependency_table() {
        let manifest = "[package]\nname = \"x\"\n\n[dependencies]\n# why\ntokio = { version = \"1\" }\nutil.workspace = true\n\n[dev-dependencies]\nz = \"1\"\n";
        let lines = dependency_lines(manifest);
        assert_eq!(
            lines,
            ["tokio = { version = \"1\" }", "util.workspace = true"]
        );
        assert_eq!(dependency_name(&lines[0]), "tokio");
        assert_eq!(dependency_name(&lines[1]), "util");
    }
}
