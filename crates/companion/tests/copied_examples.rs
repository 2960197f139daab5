//! "Copy an example into your project" is a promise the README makes: paste the `[dependencies]`
//! table of the example's chapter (`examples/CHAPTER/Cargo.toml`, with its paths pointing at
//! this repository, and the chapter's own package for an example that imports the chapter's
//! modules) and the example compiles as a program of your own; replace `#[util::main]` with
//! tokio's attribute and copy `delay`, and it prints the same. This test keeps it.
//!
//! It builds a scratch workspace outside this one (so without `.cargo/config.toml` and its
//! `--cfg tokio_unstable`, as a reader's project is), offline: one crate per package of
//! `examples/`, with that package's table and a sample of its examples, and runs the one that
//! uses no util at all. It compiles the dependencies once more for its own target directory
//! (a minute or two on 2 cores), so it is opt-in; `.ci/run` runs it.

use std::fs;
use std::path::Path;
use std::process::Command;

use companion::{
    ExampleSource, dependency_lines, dependency_name, example_packages, example_sources, read,
    workspace_root,
};
use example_harness::{header, source_path};

#[test]
#[ignore = "builds a scratch workspace with its own target directory (a minute or two); .ci/run runs it with `cargo test -p companion --test copied_examples -- --ignored`"]
fn examples_copied_into_a_fresh_project_compile_and_run() {
    let root = workspace_root();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("copied-examples");
    let _ = fs::remove_dir_all(&scratch);
    let mut members = Vec::new();
    for package in example_packages() {
        let folder = root.join("examples").join(&package);
        let manifest = read(folder.join("Cargo.toml"));
        let dependencies: Vec<String> = dependency_lines(&manifest)
            .iter()
            .map(|line| dependency_name(line).replace('-', "_"))
            .collect();
        // The table as a reader pastes it: its paths made to point at this repository (at its
        // root, or at another chapter's package, such as chapter 5's for chapter 6).
        let mut table: Vec<String> = dependency_lines(&manifest)
            .iter()
            .map(|line| {
                line.replace("path = \"../../", &format!("path = \"{}/", root.display()))
                    .replace(
                        "path = \"../",
                        &format!("path = \"{}/examples/", root.display()),
                    )
            })
            .collect();
        let library = folder.join("src/lib.rs").is_file();
        if library {
            table.push(format!("{package} = {{ path = \"{}\" }}", folder.display()));
        }
        let crate_dir = scratch.join(&package);
        fs::create_dir_all(crate_dir.join("src/bin")).unwrap();
        fs::write(
            crate_dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"copied-{package}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
                 [dependencies]\n{}\n",
                table.join("\n")
            ),
        )
        .unwrap();
        for example in sample(&package, &dependencies, library) {
            let source = root.join(&example.path);
            let name = &example.name;
            if source.ends_with("main.rs") {
                copy_folder(
                    source.parent().unwrap(),
                    &crate_dir.join("src/bin").join(name),
                );
            } else {
                fs::copy(&source, crate_dir.join(format!("src/bin/{name}.rs"))).unwrap();
            }
        }
        members.push(format!("\"{package}\""));
    }
    fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[workspace]\nmembers = [{}]\nresolver = \"3\"\n",
            members.join(", ")
        ),
    )
    .unwrap();
    // The same versions as the workspace, and nothing to download.
    fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();

    // Listing 2.9 without util: tokio's attribute and the README's five-line `delay`.
    let readme = read("README.md");
    let snippet = readme
        .split("```rust\n")
        .find(|part| part.starts_with("async fn delay("))
        .and_then(|part| part.split("```").next())
        .expect("the README shows `delay` in a ```rust block");
    let listing = fs::read_to_string(source_path("listing_2_9")).unwrap();
    assert!(listing.contains("use util::delay;\n") && listing.contains("#[util::main]\n"));
    let without_util = listing.replace("use util::delay;\n", snippet).replace(
        "#[util::main]\n",
        "#[tokio::main(flavor = \"current_thread\")]\n",
    );
    fs::write(
        scratch.join("chapter-02/src/bin/listing_2_9_without_util.rs"),
        without_util,
    )
    .unwrap();

    let target = root.join("target/copied-examples");
    let build = Command::new(env!("CARGO"))
        .args([
            "build",
            "--offline",
            "--workspace",
            "--bins",
            "--manifest-path",
        ])
        .arg(scratch.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        // A reader's project has no `--cfg tokio_unstable`; no debug info keeps this extra
        // build small (it changes what is compiled into the binaries, not whether they compile).
        .env_remove("RUSTFLAGS")
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .status()
        .expect("running cargo");
    assert!(build.success(), "the copied examples do not build");

    let run = Command::new(target.join("debug/listing_2_9_without_util"))
        .output()
        .expect("running the copied listing");
    assert!(run.status.success());
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        header("listing_2_9").transcript
    );
}

/// A few of `package`'s examples that together use every crate of its table (and its library,
/// if it has one), the first in name order for each crate; Listing 2.9 always, for the run
/// without util.
fn sample(package: &str, dependencies: &[String], library: bool) -> Vec<ExampleSource> {
    let examples: Vec<ExampleSource> = example_sources()
        .into_iter()
        .filter(|example| example.package == package)
        .collect();
    // A crate the library uses is used by every example that imports the library.
    let own = package.replace('-', "_");
    let in_library = if library {
        read_tree(&workspace_root().join("examples").join(package).join("src"))
    } else {
        String::new()
    };
    let uses = |example: &ExampleSource, ident: &str| {
        let source = workspace_root().join(&example.path);
        let text = if example.path.ends_with("main.rs") {
            read_tree(source.parent().unwrap())
        } else {
            read(&example.path)
        };
        mentions(&text, ident) || (library && mentions(&text, &own) && mentions(&in_library, ident))
    };
    let mut wanted: Vec<String> = dependencies.to_vec();
    if library {
        wanted.push(own.clone());
    }
    let mut chosen: Vec<ExampleSource> = examples
        .iter()
        .filter(|example| example.name == "listing_2_9")
        .cloned()
        .collect();
    for ident in &wanted {
        if chosen.iter().any(|example| uses(example, ident)) {
            continue;
        }
        let first = examples.iter().find(|example| uses(example, ident));
        let Some(first) = first else {
            panic!("no example of {package} uses `{ident}`, which its table lists");
        };
        chosen.push(first.clone());
    }
    chosen
}

/// Whether code (comments left out) uses crate `ident`: `ident::` or `use ident`.
fn mentions(text: &str, ident: &str) -> bool {
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .any(|line| line.contains(&format!("{ident}::")) || line.contains(&format!("use {ident}")))
}

fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// The text of a file, or of every file in a folder.
fn read_tree(path: &Path) -> String {
    if path.is_dir() {
        fs::read_dir(path)
            .unwrap()
            .map(|entry| read_tree(&entry.unwrap().path()))
            .collect()
    } else {
        fs::read_to_string(path).unwrap()
    }
}
