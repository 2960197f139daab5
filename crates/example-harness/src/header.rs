//! Reading an example's `//!` header: its transcript and its timing claim.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// What an example's header promises.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// The arguments of the command the transcript is the output of: the first line of the
    /// `Run with:` block, `cargo run --example NAME -- ARGS`.
    pub args: Vec<String>,
    /// What that command pipes into the program, when it starts with `printf '...' |` or
    /// `echo ... |`: the program's stdin.
    pub stdin: Option<String>,
    /// The lines of the `Expected output` block, joined with `\n`, with a final `\n`.
    pub transcript: String,
    /// The `(N s)` of the `Expected output (N s):` line, if any.
    pub takes: Option<Duration>,
    /// The lines of the `Expected stderr` block, if the header has one: what the program
    /// writes on stderr, when that is part of the lesson.
    pub stderr: Option<String>,
    /// The exit status the `Expected stderr` line names (`and exit status 1`); 0 otherwise.
    pub status: i32,
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
    let (args, stdin) = parse_command(&doc)?;
    let expected_at = doc
        .iter()
        .position(|line| line.starts_with("Expected output"))
        .ok_or("the header has no `Expected output` line")?;
    let takes = parse_takes(doc[expected_at])?;
    let transcript = block_after(&doc, expected_at, "Expected output")?;
    let (stderr, status) = match doc
        .iter()
        .position(|line| line.starts_with("Expected stderr"))
    {
        Some(at) => (
            Some(block_after(&doc, at, "Expected stderr")?),
            parse_status(doc[at])?,
        ),
        None => (None, 0),
    };
    Ok(Header {
        args,
        stdin,
        transcript,
        takes,
        stderr,
        status,
    })
}

/// The arguments of the first command of the `Run with:` block: `cargo run --example NAME`,
/// maybe `--release`, maybe `-- ARGS`, maybe a `# comment` after it; and the program's stdin,
/// if the command is piped into it from `printf` or `echo`.
fn parse_command(doc: &[&str]) -> Result<(Vec<String>, Option<String>), String> {
    let run_with = doc
        .iter()
        .position(|line| line.starts_with("Run with:"))
        .ok_or("the header has no `Run with:` line")?;
    let first = doc[run_with + 1..]
        .iter()
        .skip_while(|line| line.trim() != "```text")
        .nth(1)
        .ok_or("no ```text block after `Run with:`")?;
    let command = first.split(" #").next().unwrap_or_default().trim();
    let (stdin, command) = match command.rsplit_once(" | ") {
        Some((feeder, command)) => (Some(piped_text(feeder)?), command),
        None => (None, command),
    };
    let words: Vec<&str> = command.split_whitespace().collect();
    let Some(["cargo", "run", rest @ ..]) = Some(words.as_slice()) else {
        return Err(format!(
            "the first command under `Run with:` is not `cargo run ...`: `{first}`"
        ));
    };
    let args = match rest.iter().position(|word| *word == "--") {
        Some(at) => &rest[at + 1..],
        None => &[][..],
    };
    let args = args.iter().map(|arg| (*arg).to_owned()).collect();
    Ok((args, stdin))
}

/// The text `printf 'TEXT'` (with `\n` for a newline) or `echo WORDS` writes.
fn piped_text(feeder: &str) -> Result<String, String> {
    if let Some(words) = feeder.strip_prefix("echo ") {
        return Ok(format!("{}\n", words.trim()));
    }
    feeder
        .strip_prefix("printf '")
        .and_then(|rest| rest.strip_suffix('\''))
        .map(|text| text.replace("\\n", "\n"))
        .ok_or_else(|| format!("`{feeder} |`: only `printf '...'` and `echo` can feed a program"))
}

/// The ```text block that follows line `at`, as lines ending in `\n`.
fn block_after(doc: &[&str], at: usize, what: &str) -> Result<String, String> {
    let mut rest = doc[at + 1..].iter();
    rest.find(|line| line.trim() == "```text")
        .ok_or_else(|| format!("no ```text block after `{what}`"))?;
    let mut block = String::new();
    for line in rest.by_ref() {
        if line.trim() == "```" {
            return Ok(block);
        }
        block.push_str(line);
        block.push('\n');
    }
    Err(format!("the ```text block after `{what}` is not closed"))
}

/// `Expected stderr, and exit status 1:` -> 1; no status named -> 0.
fn parse_status(line: &str) -> Result<i32, String> {
    let Some((_, after)) = line.split_once("exit status ") else {
        return Ok(0);
    };
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits
        .parse()
        .map_err(|_| format!("`{line}`: the exit status is not a number"))
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

    const RUN: &str = "//! Run with:\n//! ```text\n//! cargo run --example x -- --seed 2 --n 3   # small\n//! cargo run --example x\n//! ```\n";

    #[test]
    fn reads_command_transcript_and_claim() {
        let source = format!(
            "//! Listing\n{RUN}//!\n//! Expected output (1.5 s):\n//! ```text\n//! a\n//!\n//!  b\n//! ```\n//! More.\nfn main() {{}}\n"
        );
        let header = parse(&source).unwrap();
        assert_eq!(header.args, ["--seed", "2", "--n", "3"]);
        assert_eq!(header.transcript, "a\n\n b\n");
        assert_eq!(header.takes, Some(Duration::from_millis(1500)));
        assert_eq!((header.stderr, header.status), (None, 0));
    }

    #[test]
    fn claim_is_optional_and_stderr_names_its_status() {
        let source = format!(
            "{RUN}//! Expected output:\n//! ```text\n//! x\n//! ```\n//! Expected stderr, and exit status 1:\n//! ```text\n//! Error: no\n//! ```\n"
        );
        let header = parse(&source).unwrap();
        assert_eq!(header.takes, None);
        assert_eq!(header.stderr.as_deref(), Some("Error: no\n"));
        assert_eq!(header.status, 1);
    }

    #[test]
    fn a_piped_command_feeds_the_program() {
        let printf = "//! Run with:\n//! ```text\n//! printf 'a\\nb\\n' | cargo run --example x -- -n 1\n//! ```\n//! Expected output:\n//! ```text\n//! ```\n";
        let header = parse(printf).unwrap();
        assert_eq!(header.stdin.as_deref(), Some("a\nb\n"));
        assert_eq!(header.args, ["-n", "1"]);
        let echo = printf.replace("printf 'a\\nb\\n'", "echo Zoot");
        assert_eq!(parse(&echo).unwrap().stdin.as_deref(), Some("Zoot\n"));
        assert!(parse(&printf.replace("printf", "cat")).is_err());
    }

    #[test]
    fn a_command_without_arguments_has_none() {
        let source = "//! Run with:\n//! ```text\n//! cargo run --release --example x\n//! ```\n//! Expected output:\n//! ```text\n//! ```\n";
        assert_eq!(parse(source).unwrap().args, Vec::<String>::new());
    }

    #[test]
    fn rejects_headers_without_command_transcript_or_with_a_bad_claim() {
        let output = "//! Expected output:\n//! ```text\n//! a\n//! ```\n";
        assert!(parse(output).is_err(), "no Run with");
        let curl = format!("//! Run with:\n//! ```text\n//! curl x\n//! ```\n{output}");
        assert!(parse(&curl).is_err(), "not cargo run");
        assert!(parse(&format!("{RUN}fn main() {{}}")).is_err());
        assert!(
            parse(&format!(
                "{RUN}//! Expected output (soon):\n//! ```text\n//! ```\n"
            ))
            .is_err()
        );
        assert!(parse(&format!("{RUN}//! Expected output:\n//! ```text\n//! a\n")).is_err());
        // Only the leading `//!` block counts.
        assert!(parse(&format!("fn main() {{}}\n{RUN}{output}")).is_err());
    }
}
