//! Keeps the index honest: Cargo silently ignores an example file it was not told about, and
//! nothing else notices a README row, a test or a quoted transcript that went missing.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use example_harness::{header, workspace_root};

/// Every example under `examples/`, as (example name, path of its main file relative to the
/// root): `examples/NAME.rs`, or `examples/NAME/main.rs` for one with modules of its own.
fn example_files() -> Vec<(String, String)> {
    example_sources()
        .into_iter()
        .filter(|(_, path)| path.matches('/').count() == 1 || path.ends_with("/main.rs"))
        .collect()
}

/// Every `.rs` file under `examples/` (modules of folder examples included), as (example name,
/// path relative to the root).
fn example_sources() -> Vec<(String, String)> {
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
            let in_folder = path.parent().unwrap() != root.join("examples");
            let name = if in_folder {
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

/// The README has one row per article or chapter; the companion pages in `docs/` list every
/// example, each linked to its source.
#[test]
fn the_docs_index_every_example() {
    let docs: String = markdown_files()
        .iter()
        .skip(1)
        .map(|file| fs::read_to_string(file).unwrap())
        .collect();
    let missing: Vec<String> = example_files()
        .into_iter()
        .filter(|(name, path)| !docs.contains(&format!("[{name}](../{path})")))
        .map(|(name, _)| name)
        .collect();
    assert!(
        missing.is_empty(),
        "no page in docs/ links these examples as `[NAME](../examples/NAME.rs)`: {missing:?}"
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
    for (name, path) in example_sources() {
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

/// The Markdown files a reader follows: the README and the companion pages.
fn markdown_files() -> Vec<PathBuf> {
    let root = workspace_root();
    let mut files = vec![root.join("README.md")];
    for entry in fs::read_dir(root.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files
}

/// Every relative link in the README and the docs leads to a file or folder that exists.
#[test]
fn every_relative_link_resolves() {
    let mut broken = Vec::new();
    for file in markdown_files() {
        let text = fs::read_to_string(&file).unwrap();
        for target in text
            .split("](")
            .skip(1)
            .filter_map(|rest| rest.split(')').next())
        {
            let target = target.split('#').next().unwrap_or_default();
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            if !file.parent().unwrap().join(target).exists() {
                broken.push(format!("{}: {target}", file.display()));
            }
        }
    }
    assert!(broken.is_empty(), "links to nothing: {broken:#?}");
}

/// Every example the README or the docs name, in backticks or in a `--example NAME` command,
/// exists: a renamed or removed example leaves no stale mention behind.
#[test]
fn every_example_the_docs_name_exists() {
    let examples: BTreeSet<String> = example_files().into_iter().map(|(name, _)| name).collect();
    let looks_like_an_example = |word: &str| {
        let prefixed = ["listing_", "deep_", "part13_", "ws_"]
            .iter()
            .any(|prefix| word.starts_with(prefix));
        let script = word
            .strip_prefix("test")
            .is_some_and(|n| n.parse::<u8>().is_ok());
        (prefixed || script)
            && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !word.ends_with('_')
            // `listing_N_M` stands for the naming scheme, not an example.
            && !word.contains("_N")
    };
    let mut unknown = Vec::new();
    for file in markdown_files() {
        let text = fs::read_to_string(&file).unwrap();
        let in_backticks = text.split('`').skip(1).step_by(2);
        let in_commands = text
            .split("--example ")
            .skip(1)
            .filter_map(|rest| rest.split_whitespace().next());
        for word in in_backticks.chain(in_commands) {
            if looks_like_an_example(word) && !examples.contains(word) {
                unknown.push(format!("{}: {word}", file.display()));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "the docs name examples that do not exist: {unknown:#?}"
    );
}

/// Every example answers `--help` with exit status 0 and says something, and refuses an
/// argument it does not know with an `error:` line and exit status 2 (clap's usage error, or
/// `#[util::main]`'s for an example that takes no arguments).
#[test]
fn every_example_answers_help_and_refuses_unknown_arguments() {
    for (name, _) in example_files() {
        let help = example_harness::Example::new(&name)
            .real_clock()
            .arg("--help")
            .run();
        help.assert_success();
        assert!(
            help.stdout.lines().count() >= 3,
            "{name} --help: {}",
            help.stdout
        );

        let wrong = example_harness::Example::new(&name)
            .real_clock()
            .arg("--no-such-flag")
            .run();
        assert_eq!(wrong.code, Some(2), "{name}: {}", wrong.stderr);
        // (A listing whose `main` is `#[async_timed]` has printed its `starting main` line.)
        assert!(
            wrong.stderr.starts_with("error: "),
            "{name}: {}",
            wrong.stderr
        );
    }
}
