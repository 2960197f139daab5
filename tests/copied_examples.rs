//! "Copy an example into your project" is a promise the README makes: paste its
//! `[dependencies]` block and any example compiles as `src/main.rs`; replace `#[util::main]`
//! with tokio's attribute and copy `delay`, and it prints the same. This test keeps it.
//!
//! It builds a scratch crate outside the workspace (so without `.cargo/config.toml` and its
//! `--cfg tokio_unstable`, as a reader's project is), offline, with the README's block and a
//! sample of examples from every group, then runs the one that uses no util at all. It compiles
//! the dependencies once more for its own target directory (about a minute on 2 cores), so it is
//! opt-in; `.ci/run` runs it.

use std::fs;
use std::path::Path;
use std::process::Command;

use example_harness::{header, source_path, workspace_root};

/// One example per group of the README (book, guide, part 13, in depth, WebSockets,
/// benchmark), and one for each crate the book's chapters brought in: ureq and the internet
/// stand-in (1.7), mio (3.7), tokio-postgres, deadpool-postgres and book-db (5.7), axum (12.3),
/// scraper (12.4).
const SAMPLE: [&str; 13] = [
    "listing_1_7",
    "listing_2_9",
    "listing_2_20",
    "listing_3_7",
    "listing_5_7",
    "listing_12_3",
    "listing_12_4",
    "test4",
    "web",
    "part13_json_server",
    "deep_5_1_2_event",
    "ws_timeout",
    "scale_tasks",
];

#[test]
#[ignore = "builds a scratch crate with its own target directory (about a minute); .ci/run runs it with `cargo test --test copied_examples -- --ignored`"]
fn examples_copied_into_a_fresh_project_compile_and_run() {
    let root = workspace_root();
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let block = readme
        .split("```toml")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README has a ```toml [dependencies] block");
    // The README's paths assume this repository sits next to the reader's project.
    let block = block.replace("../asyncio-in-rust", root.to_str().unwrap());

    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("copied-examples");
    let _ = fs::remove_dir_all(&scratch);
    fs::create_dir_all(scratch.join("src/bin")).unwrap();
    fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[package]\nname = \"copied\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
             [workspace]\n{block}"
        ),
    )
    .unwrap();
    // The same versions as the workspace, and nothing to download.
    fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    for name in SAMPLE {
        fs::copy(
            source_path(name),
            scratch.join(format!("src/bin/{name}.rs")),
        )
        .unwrap();
    }

    // Listing 2.9 without util: tokio's attribute and the README's five-line `delay`.
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
        scratch.join("src/bin/listing_2_9_without_util.rs"),
        without_util,
    )
    .unwrap();

    let target = root.join("target/copied-examples");
    let build = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--bins", "--manifest-path"])
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
