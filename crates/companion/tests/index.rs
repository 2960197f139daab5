//! Keeps the index honest: Cargo silently ignores a source file where it does not look, and
//! nothing else notices a docs link, a test, a quoted transcript or a dependency that went
//! missing.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use companion::{
    dependency_lines, dependency_name, example_packages, example_sources, markdown_files, read,
    workspace_root,
};
use example_harness::{Example, header};

/// Every `.rs` file of the package under `dir`, relative to the workspace root.
fn rust_files(dir: &Path, out: &mut Vec<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(workspace_root()).unwrap();
            out.push(relative.to_string_lossy().into_owned());
        }
    }
}

/// Cargo builds `src/`, `tests/NAME.rs` (and `tests/NAME/main.rs`), and `examples/NAME.rs` (and
/// `examples/NAME/main.rs`) of a package by itself, and a module next to a `main.rs`; a file
/// anywhere else in the package is never compiled.
#[test]
fn every_source_file_is_where_cargo_finds_it() {
    let mut stray = Vec::new();
    for package in example_packages() {
        let mut files = Vec::new();
        rust_files(
            &workspace_root().join("examples").join(&package),
            &mut files,
        );
        for file in files {
            let inside = file.split('/').skip(2).collect::<Vec<_>>();
            let found = matches!(
                inside.as_slice(),
                ["src", ..] | ["tests" | "examples", _] | ["tests" | "examples", _, _]
            );
            if !found {
                stray.push(file);
            }
        }
    }
    assert!(
        stray.is_empty(),
        "Cargo never compiles these files: {stray:?}"
    );
}

/// The companion pages in `docs/` list every example, each linked to its source.
#[test]
fn the_docs_index_every_example() {
    let docs: String = markdown_files()
        .iter()
        .skip(1)
        .map(|file| fs::read_to_string(file).unwrap())
        .collect();
    let missing: Vec<String> = example_sources()
        .into_iter()
        .filter(|example| {
            let link = format!("[{}](../{})", example.name, example.path.display());
            !docs.contains(&link)
        })
        .map(|example| example.name)
        .collect();
    assert!(
        missing.is_empty(),
        "no page in docs/ links these examples as `[NAME](../examples/PACKAGE/examples/NAME.rs)`: {missing:?}"
    );
}

#[test]
fn every_example_has_a_header_with_a_transcript() {
    for example in example_sources() {
        let source = read(&example.path);
        let path = example.path.display();
        assert!(
            source.starts_with("//!"),
            "{path} does not open with a //! header"
        );
        assert!(
            source.contains("Run with:"),
            "{path}: the header has no `Run with:`"
        );
        header(&example.name); // panics with the reason if the transcript is missing or malformed
    }
}

/// Each package's tests run each of its examples: a test file of the package names it.
#[test]
fn every_example_is_run_by_a_test_of_its_package() {
    let untested: Vec<String> = example_sources()
        .into_iter()
        .filter(|example| {
            let mut tests = Vec::new();
            let dir = workspace_root()
                .join("examples")
                .join(&example.package)
                .join("tests");
            if dir.is_dir() {
                rust_files(&dir, &mut tests);
            }
            let quoted = format!("\"{}\"", example.name);
            !tests.iter().any(|file| read(file).contains(&quoted))
        })
        .map(|example| format!("{} ({})", example.name, example.package))
        .collect();
    assert!(
        untested.is_empty(),
        "no test of their package names these examples: {untested:?}"
    );
}

/// A transcript quoted in `docs/` (a ```text block right after `<!-- output: NAME -->`) must be
/// the one in the example's header, which the example's test checks.
#[test]
fn transcripts_quoted_in_docs_match_the_headers() {
    let mut quoted = 0;
    for path in markdown_files() {
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

/// A package's `[dependencies]` is the list a reader copies: it names exactly what the
/// package's examples and library use (the compiler sees to "at least"; this, to "no more"),
/// each at the version and with the features the workspace's other members use, so that one
/// chapter's copy and another's never disagree.
#[test]
fn each_package_lists_exactly_what_it_uses_at_the_workspace_versions() {
    let workspace_lines: Vec<String> = read("Cargo.toml")
        .split("[workspace.dependencies]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect();
    let mut problems = Vec::new();
    for package in example_packages() {
        let dir = Path::new("examples").join(&package);
        let manifest = read(dir.join("Cargo.toml"));
        let mut sources = Vec::new();
        for part in ["src", "examples"] {
            let folder = workspace_root().join(&dir).join(part);
            if folder.is_dir() {
                rust_files(&folder, &mut sources);
            }
        }
        let code: String = sources
            .iter()
            .flat_map(|file| {
                read(file)
                    .lines()
                    .map(|line| line.split("//").next().unwrap_or_default().to_owned())
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
            .join("\n");
        for line in dependency_lines(&manifest) {
            let name = dependency_name(&line);
            let ident = name.replace('-', "_");
            let uses = [format!("{ident}::"), format!("use {ident}")]
                .iter()
                .any(|pattern| code.contains(pattern.as_str()));
            if !uses {
                problems.push(format!("{package}: `{name}` is listed but never used"));
            }
            let version = line.split_once('=').map(|(_, v)| v.trim()).unwrap_or("");
            if version.contains("path =") {
                continue;
            }
            let workspace = workspace_lines
                .iter()
                .find(|l| dependency_name(l) == name)
                .and_then(|l| l.split_once('=').map(|(_, v)| v.trim().to_owned()));
            if workspace.as_deref() != Some(version) {
                problems.push(format!(
                    "{package}: `{line}` differs from the workspace's `{name} = {}`",
                    workspace.unwrap_or_else(|| "(none)".into())
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
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
    let examples: BTreeSet<String> = example_sources().into_iter().map(|e| e.name).collect();
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
/// `#[util::main]`'s for an example that takes no arguments), before it runs anything.
#[test]
fn every_example_answers_help_and_refuses_unknown_arguments() {
    for example in example_sources() {
        let name = &example.name;
        let help = Example::new(name).real_clock().arg("--help").run();
        help.assert_success();
        assert!(
            help.stdout.lines().count() >= 3,
            "{name} --help: {}",
            help.stdout
        );

        let wrong = Example::new(name).real_clock().arg("--no-such-flag").run();
        assert_eq!(wrong.code, Some(2), "{name}: {}", wrong.stderr);
        assert!(
            wrong.stderr.starts_with("error: "),
            "{name}: {}",
            wrong.stderr
        );
        // Nothing runs before the arguments are read: not even a timed `main`'s first line.
        assert_eq!(
            wrong.stdout, "",
            "{name} printed before refusing its arguments"
        );
        assert!(
            !help.stdout.starts_with("starting "),
            "{name} --help: {}",
            help.stdout
        );
    }
}

/// A program piped into `head` ends quietly when `head` has its line, as `cat` does: status 141
/// (a death by SIGPIPE, as a shell shows it), no panic or error on stderr. Here for programs that print
/// long after their first line: a timed `main`, whose timing wrapper prints from a destructor
/// (4.6's 600 lines), a thousand rows from PostgreSQL (5.15), and 30,000 lines from the
/// blocking pool's threads (part 13's executor).
#[test]
fn a_program_piped_into_head_ends_quietly() {
    for (name, args) in [
        ("listing_4_6", &["--requests", "300"][..]),
        ("listing_5_15", &[][..]),
        ("part13_executor", &["--verbose"][..]),
    ] {
        let mut running = Example::new(name).real_clock().args(args).spawn();
        running.wait_for_line("");
        running.close_stdout();
        let out = running.wait(std::time::Duration::from_secs(60));
        assert_eq!(out.code, Some(141), "{name}: {}", out.stderr);
        // (5.15 says on stderr which PostgreSQL it uses; nothing more.)
        let complaints = ["panicked", "Error", "error"];
        assert!(
            !complaints.iter().any(|word| out.stderr.contains(word)),
            "{name}: {}",
            out.stderr
        );
    }
}
