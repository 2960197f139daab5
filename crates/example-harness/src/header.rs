//! Reading an example's `//!` header: its transcript and its timing claim.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// What an example's header promises.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// The lines of the `Expected output` block, joined with `\n`, with a final `\n`.
    pub transcript: String,
    /// The `(N s)` of the `Expected output (N s):` line, if any.
    pub takes: Option<Duration>,
}

/// The root of the workspace (the folder with the top `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the harness lives in crates/example-harness of the workspace")
}

/// An example of the workspace, found on disk.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExampleSource {
    /// What `cargo run --example` takes: the file's name, or the folder's.
    pub name: String,
    /// The package it belongs to: the folder under `examples/` (`chapter-02`, `http-guide`).
    pub package: String,
    /// Its main file, relative to the workspace root:
    /// `examples/PACKAGE/examples/NAME.rs`, or `.../NAME/main.rs` for one with modules.
    pub path: PathBuf,
}

/// The member packages under `examples/`, one per chapter or article, sorted.
pub fn example_packages() -> Vec<String> {
    let mut packages: Vec<String> = std::fs::read_dir(workspace_root().join("examples"))
        .expect("examples/ exists")
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let is_package = entry.path().join("Cargo.toml").is_file();
            is_package.then(|| entry.file_name().to_string_lossy().into_owned())
        })
        .collect();
    packages.sort();
    packages
}

/// Every example Cargo builds: `examples/*/examples/NAME.rs` and `examples/*/examples/NAME/main.rs`
/// (Cargo finds both by itself), sorted by package and name.
pub fn example_sources() -> Vec<ExampleSource> {
    let root = workspace_root();
    let mut found = Vec::new();
    for package in example_packages() {
        let folder = Path::new("examples").join(&package).join("examples");
        let Ok(entries) = std::fs::read_dir(root.join(&folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let (name, path) = if entry.path().join("main.rs").is_file() {
                (file_name.clone(), folder.join(&file_name).join("main.rs"))
            } else if let Some(stem) = file_name.strip_suffix(".rs") {
                (stem.to_owned(), folder.join(&file_name))
            } else {
                continue;
            };
            found.push(ExampleSource {
                name,
                package: package.clone(),
                path,
            });
        }
    }
    found.sort();
    found
}

/// Where the source of example `name` is, as an absolute path.
///
/// # Panics
/// If no package has it.
pub fn source_path(name: &str) -> PathBuf {
    let example = example_sources()
        .into_iter()
        .find(|example| example.name == name)
        .unwrap_or_else(|| panic!("no example `{name}` under examples/*/examples/"));
    workspace_root().join(example.path)
}

/// Reads the header of example `name`.
///
/// # Panics
/// If the example has no `Expected output` transcript, or its timing claim does not parse.
pub fn header(name: &str) -> Header {
    let path = source_path(name);
    let source = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    parse(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Parses a header out of an example's source text.
pub(crate) fn parse(source: &str) -> Result<Header, String> {
    let doc: Vec<&str> = source
        .lines()
        .map_while(|line| line.strip_prefix("//!"))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect();
    let expected_at = doc
        .iter()
        .position(|line| line.starts_with("Expected output"))
        .ok_or("the header has no `Expected output` line")?;
    let takes = parse_takes(doc[expected_at])?;
    let mut rest = doc[expected_at + 1..].iter();
    rest.find(|line| line.trim() == "```text")
        .ok_or("no ```text block after `Expected output`")?;
    let mut transcript = String::new();
    for line in rest.by_ref() {
        if line.trim() == "```" {
            return Ok(Header { transcript, takes });
        }
        transcript.push_str(line);
        transcript.push('\n');
    }
    Err("the ```text block after `Expected output` is not closed".into())
}

/// `Expected output (3 s):` -> 3 s; `Expected output:` -> none.
fn parse_takes(line: &str) -> Result<Option<Duration>, String> {
    let Some(open) = line.find('(') else {
        return Ok(None);
    };
    let inside = &line[open + 1..];
    let close = inside
        .find(')')
        .ok_or("unclosed `(` in `Expected output`")?;
    let claim = inside[..close].trim();
    let seconds = claim
        .strip_suffix(" s")
        .ok_or_else(|| format!("timing claim `{claim}` should read like `(3 s)`"))?;
    let seconds: f64 = seconds
        .trim()
        .parse()
        .map_err(|_| format!("timing claim `{claim}` should read like `(3 s)`"))?;
    Ok(Some(Duration::from_secs_f64(seconds)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_transcript_and_claim() {
        let source = "//! Listing\n//!\n//! Expected output (1.5 s):\n//! ```text\n//! a\n//!\n//!  b\n//! ```\n//! More.\nfn main() {}\n";
        let header = parse(source).unwrap();
        assert_eq!(header.transcript, "a\n\n b\n");
        assert_eq!(header.takes, Some(Duration::from_millis(1500)));
    }

    #[test]
    fn claim_is_optional() {
        let header = parse("//! Expected output:\n//! ```text\n//! x\n//! ```\n").unwrap();
        assert_eq!(header.takes, None);
    }

    #[test]
    fn rejects_headers_without_transcript_or_with_a_bad_claim() {
        assert!(parse("//! Nothing\nfn main() {}").is_err());
        assert!(parse("//! Expected output (soon):\n//! ```text\n//! ```\n").is_err());
        assert!(parse("//! Expected output:\n//! ```text\n//! a\n").is_err());
        // Only the leading `//!` block counts.
        assert!(parse("fn main() {}\n//! Expected output:\n//! ```text\n//! ```\n").is_err());
    }
}
