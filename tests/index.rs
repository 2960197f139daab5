//! Keeps the index honest: Cargo silently ignores an example file it was not told about, and
//! nothing else notices a README row, a test or a quoted transcript that went missing.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use example_harness::{header, workspace_root};

/// Every `.rs` file under `examples/`, as (example name, path relative to the root).
fn example_files() -> Vec<(String, String)> {
    let root = workspace_root();
    let mut files = Vec::new();
    collect_rs(&root.join("examples"), &mut files);
    files
        .into_iter()
        .map(|path| {
            let relative = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let name = if path.file_name().unwrap() == "main.rs" {
                path.parent().unwrap().file_name().unwrap()
            } else {
                path.file_stem().unwrap()
            };
            (name.to_string_lossy().into_owned(), relative)
        })
        .collect()
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn read(relative: &str) -> String {
    fs::read_to_string(workspace_root().join(relative)).unwrap()
}

/// Cargo finds `examples/NAME.rs` and `examples/NAME/main.rs` by itself; anything deeper needs
/// an `[[example]]` entry, or it is never built.
#[test]
fn every_example_file_is_a_cargo_target() {
    let manifest = read("Cargo.toml");
    let unregistered: Vec<String> = example_files()
        .into_iter()
        .map(|(_, path)| path)
        .filter(|path| {
            let depth = path.matches('/').count();
            let discovered = depth == 1 || (depth == 2 && path.ends_with("/main.rs"));
            !discovered && !manifest.contains(&format!("path = \"{path}\""))
        })
        .collect();
    assert!(
        unregistered.is_empty(),
        "these files under examples/ have no [[example]] entry in Cargo.toml: {unregistered:?}"
    );
}

#[test]
fn the_readme_indexes_every_example() {
    let readme = read("README.md");
    let missing: Vec<String> = example_files()
        .into_iter()
        .filter(|(name, path)| {
            !readme.contains(&format!("[{name}]({path})"))
                || !readme.contains(&format!("--example {name}"))
        })
        .map(|(name, _)| name)
        .collect();
    assert!(
        missing.is_empty(),
        "the README index lacks a row `| .. | [NAME](examples/NAME.rs) | cargo run --example NAME | .. |` for: {missing:?}"
    );
}

#[test]
fn every_example_has_a_header_with_a_transcript() {
    for (name, path) in example_files() {
        let source = read(&path);
        assert!(
            source.starts_with("//!"),
            "{path} does not open with a //! header"
        );
        assert!(
            source.contains("Run with:"),
            "{path}: the header has no `Run with:`"
        );
        header(&name); // panics with the reason if the transcript is missing or malformed
    }
}

#[test]
fn every_example_is_run_by_a_test() {
    let tests_dir = workspace_root().join("tests");
    let mut test_sources = String::new();
    for entry in fs::read_dir(&tests_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") && path.file_name().unwrap() != "index.rs" {
            test_sources.push_str(&fs::read_to_string(path).unwrap());
        }
    }
    let untested: Vec<String> = example_files()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| !test_sources.contains(&format!("\"{name}\"")))
        .collect();
    assert!(
        untested.is_empty(),
        "no test in tests/ names these examples: {untested:?}"
    );
}

/// A transcript quoted in `docs/` (a ```text block right after `<!-- output: NAME -->`) must be
/// the one in the example's header, which the example's test checks.
#[test]
fn transcripts_quoted_in_docs_match_the_headers() {
    let docs = workspace_root().join("docs");
    let mut quoted = 0;
    for entry in fs::read_dir(&docs).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let Some(name) = line
                .trim()
                .strip_prefix("<!-- output: ")
                .and_then(|rest| rest.strip_suffix(" -->"))
            else {
                continue;
            };
            assert_eq!(
                lines.next().map(str::trim),
                Some("```text"),
                "{}: `<!-- output: {name} -->` must be followed by a ```text block",
                path.display()
            );
            let block: String = lines
                .by_ref()
                .take_while(|l| l.trim() != "```")
                .map(|l| format!("{l}\n"))
                .collect();
            assert_eq!(
                block,
                header(name).transcript,
                "{} quotes an output of `{name}` that differs from the example's header",
                path.display()
            );
            quoted += 1;
        }
    }
    assert!(
        quoted > 0,
        "the docs quote no transcript at all: is the marker still spelled `<!-- output: NAME -->`?"
    );
}

/// A reader copies an example into a fresh project and adds the README's `[dependencies]`
/// block: every crate an example names must be in it.
#[test]
fn the_readme_dependency_block_covers_every_example() {
    let readme = read("README.md");
    let block = readme
        .split("```toml")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README has a ```toml [dependencies] block");
    let listed: BTreeSet<String> = block
        .lines()
        .filter_map(|line| {
            line.split_once('=')
                .map(|(name, _)| name.trim().replace('-', "_"))
        })
        .filter(|name| !name.is_empty() && !name.starts_with('['))
        .collect();
    let manifest = read("Cargo.toml");
    let dependencies: BTreeSet<String> = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap()
        .lines()
        .filter_map(|line| line.split_once('.').or(line.split_once('=')))
        .map(|(name, _)| name.trim().replace('-', "_"))
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .collect();
    for (name, path) in example_files() {
        let source = read(&path);
        for dependency in &dependencies {
            let used = source.contains(&format!("{dependency}::"));
            assert!(
                !used || listed.contains(dependency),
                "example `{name}` uses `{dependency}`, which the README's [dependencies] block does not list"
            );
        }
    }
}
