//! The rendered companion (`docs/book.toml`) cannot go stale: the generated pages are what
//! `cargo run -p companion -- generate` would write now, every example has its page, and every
//! page of `docs/` is in the book. None of this needs mdBook.
//!
//! The last test opens the built site in headless Chromium; `.ci/run` runs it after
//! `mdbook build docs`:
//!
//! ```text
//! mdbook build docs && cargo test -p companion --test site -- --ignored
//! ```

use std::fs;

use companion::book::{LISTINGS, generated, stale_listing_pages};
use companion::{example_sources, workspace_root};
use example_harness::browser::Browser;

#[test]
fn the_generated_pages_are_what_the_examples_make_now() {
    let docs = workspace_root().join("docs");
    let files = generated();
    let stale: Vec<String> = files
        .iter()
        .filter(|file| fs::read_to_string(docs.join(&file.path)).ok().as_ref() != Some(&file.text))
        .map(|file| file.path.display().to_string())
        .collect();
    let extra = stale_listing_pages(&files);
    assert!(
        stale.is_empty() && extra.is_empty(),
        "docs/ is out of date: run `cargo run -p companion -- generate` and commit what it \
         writes. Stale or missing: {stale:?}; pages of examples that are gone: {extra:?}"
    );
}

#[test]
fn every_example_has_a_page_with_its_code_and_its_checked_output() {
    let summary = fs::read_to_string(workspace_root().join("docs/SUMMARY.md")).unwrap();
    for example in example_sources() {
        let page = format!("{LISTINGS}/{}.md", example.name);
        assert!(
            summary.contains(&format!("]({page})")),
            "{page} is not in SUMMARY.md"
        );
        let text = fs::read_to_string(workspace_root().join("docs").join(&page)).unwrap();
        let include = format!("{{{{#include ../../{}:", example.path.display());
        assert!(text.contains(&include), "{page} does not include its code");
        let transcript = example_harness::header(&example.name).transcript;
        assert!(
            text.contains(&transcript),
            "{page} does not show the checked output"
        );
    }
}

#[test]
fn every_generated_chart_is_shown_beside_its_table() {
    let docs = workspace_root().join("docs");
    let pages: String = fs::read_dir(&docs)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .map(|path| fs::read_to_string(path).unwrap())
        .collect();
    for file in generated() {
        if file.path.starts_with("images") {
            let shown = format!("]({})", file.path.display());
            assert!(pages.contains(&shown), "no page of docs/ shows {shown}");
        }
    }
}

#[test]
fn every_page_of_docs_is_in_the_book() {
    let docs = workspace_root().join("docs");
    let summary = fs::read_to_string(docs.join("SUMMARY.md")).unwrap();
    for entry in fs::read_dir(&docs).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".md") && name != "SUMMARY.md" {
            assert!(
                summary.contains(&format!("]({name})")),
                "{name} is not in SUMMARY.md"
            );
        }
    }
}

/// A reader's first look: a listing page shows its output and its code (included from the
/// example's file), the comparison page its chart, and the search finds a listing by number,
/// by a Python name and by a Rust one.
#[test]
#[ignore = "needs the built site: mdbook build docs"]
fn the_built_site_shows_a_listing_with_its_code_and_output() {
    let site = workspace_root().join("target/book");
    assert!(
        site.join("index.html").is_file(),
        "no site in {}: run `mdbook build docs` first",
        site.display()
    );
    let mut browser = Browser::launch();
    let listing = browser.open(&format!(
        "file://{}/listings/listing_2_9.html",
        site.display()
    ));
    browser.wait_for_text(&listing, "Listing 2.9");
    let shown = browser.text(&listing);
    let transcript = example_harness::header("listing_2_9").transcript;
    for line in transcript.lines() {
        assert!(
            shown.contains(line),
            "the page does not show the output line {line:?}"
        );
    }
    let source = fs::read_to_string(example_harness::source_path("listing_2_9")).unwrap();
    let code = source.lines().skip_while(|line| line.starts_with("//!"));
    for line in code.map(str::trim).filter(|line| !line.is_empty()) {
        assert!(
            shown.contains(line),
            "the page does not show the code line {line:?}"
        );
    }
    browser.close(listing);

    // A listing whose lesson is in its chapter's library shows that code too.
    let backend = browser.open(&format!(
        "file://{}/listings/listing_10_8.html",
        site.display()
    ));
    browser.wait_for_text(&backend, "async fn all_products(");
    browser.close(backend);

    let comparison = browser.open(&format!("file://{}/rust-vs-python.html", site.display()));
    browser.wait_for_text(&comparison, "The figures");
    let chart_width = browser.evaluate(
        &comparison,
        "document.querySelector('img[src$=\"rust-vs-python.svg\"]').naturalWidth",
    );
    assert!(
        chart_width.as_u64().is_some_and(|width| width > 0),
        "{chart_width}"
    );
    browser.close(comparison);
}
