//! The pages of the rendered companion that are made from the examples themselves: a page per
//! example (`docs/listings/NAME.md`), the book's table of contents (`docs/SUMMARY.md`), and the
//! charts of the figures (`docs/images/*.svg`: the comparison with Python, and each table a
//! page marks with `<!-- chart: ... -->`).
//!
//! A listing page is the example's `//!` header (what it mirrors, the command, the output its
//! test checks, where Rust differs), a link to the Python original, the timeline a docs page
//! draws of it, and the code, which mdBook includes from the example's file when it builds the
//! site. Nothing on the page is written by hand, so `cargo run -p companion -- generate`
//! rewrites them all, and `tests/site.rs` fails when one differs from what it would write.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::chart;
use crate::{ExampleSource, example_sources, workspace_root};

/// The book's programs, at the commit the twins were written from.
pub const BOOK_SOURCES: &str = "https://github.com/concurrency-in-python-with-asyncio/concurrency-in-python-with-asyncio/blob/6f9014428d6659eb144fc55ce9c2b94dbcc861c9";

/// The packages in reading order, each with the page that opens it: the book's chapters, then
/// the articles (the guide's page also covers part 13).
const PARTS: [(&str, &str); 18] = [
    ("chapter-01", "chapter-01.md"),
    ("chapter-02", "chapter-02.md"),
    ("chapter-03", "chapter-03.md"),
    ("chapter-04", "chapter-04.md"),
    ("chapter-05", "chapter-05.md"),
    ("chapter-06", "chapter-06.md"),
    ("chapter-07", "chapter-07.md"),
    ("chapter-08", "chapter-08.md"),
    ("chapter-09", "chapter-09.md"),
    ("chapter-10", "chapter-10.md"),
    ("chapter-11", "chapter-11.md"),
    ("chapter-12", "chapter-12.md"),
    ("chapter-13", "chapter-13.md"),
    ("chapter-14", "chapter-14.md"),
    ("http-guide", "http-guide.md"),
    ("part-13", "http-guide.md"),
    ("in-depth", "in-depth.md"),
    ("websockets", "websockets.md"),
];

/// The first page of the site, written by hand.
pub const INTRODUCTION: &str = "index.md";

/// A generated file, its path relative to `docs/`.
pub struct Generated {
    pub path: PathBuf,
    pub text: String,
}

/// Where the generated listing pages go, under `docs/`.
pub const LISTINGS: &str = "listings";

/// Every generated file, as it should be now.
///
/// # Panics
/// If a page of `PARTS` or an example cannot be read, or an example's package has no part.
pub fn generated() -> Vec<Generated> {
    let docs = workspace_root().join("docs");
    let figures = timeline_figures(&docs);
    let mut files = vec![Generated {
        path: "SUMMARY.md".into(),
        text: summary(&docs),
    }];
    for example in example_sources() {
        files.push(Generated {
            path: Path::new(LISTINGS).join(format!("{}.md", example.name)),
            text: listing_page(&example, figures.get(&example.name)),
        });
    }
    let comparison = fs::read_to_string(docs.join("rust-vs-python.md")).expect("the comparison");
    files.push(Generated {
        path: "images/rust-vs-python.svg".into(),
        text: chart::comparison_chart(&comparison),
    });
    for page in pages(&docs) {
        let text = fs::read_to_string(docs.join(&page)).expect("a docs page");
        files.extend(chart::table_charts(&page, &text));
    }
    files
}

/// The Markdown pages at the top of `docs/`, sorted.
fn pages(docs: &Path) -> Vec<String> {
    let mut pages: Vec<String> = fs::read_dir(docs)
        .expect("docs/")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".md"))
        .collect();
    pages.sort();
    pages
}

/// The examples of `package` in reading order: Listing 1.2 before 1.10.
fn examples_of(package: &str) -> Vec<ExampleSource> {
    let mut examples: Vec<ExampleSource> = example_sources()
        .into_iter()
        .filter(|example| example.package == package)
        .collect();
    examples.sort_by_key(|example| reading_order(&example.name));
    examples
}

/// A name's words, with numbers compared as numbers.
fn reading_order(name: &str) -> Vec<(u32, String)> {
    name.split('_')
        .map(|word| match word.parse() {
            Ok(number) => (number, String::new()),
            Err(_) => (u32::MAX, word.to_owned()),
        })
        .collect()
}

/// `listing_10_8` -> `Listing 10.8`, `listing_2_20_fixed` -> `Listing 2.20, fixed`; other
/// names stay as they are.
fn short_title(name: &str) -> String {
    let Some(rest) = name.strip_prefix("listing_") else {
        return name.to_owned();
    };
    let mut words = rest.split('_');
    let (Some(chapter), Some(number)) = (words.next(), words.next()) else {
        return name.to_owned();
    };
    let variant: Vec<&str> = words.collect();
    if variant.is_empty() {
        format!("Listing {chapter}.{number}")
    } else {
        format!("Listing {chapter}.{number}, {}", variant.join(" "))
    }
}

/// A page's title: its first `# ` line.
fn page_title(docs: &Path, page: &str) -> String {
    let text = fs::read_to_string(docs.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
    text.lines()
        .find_map(|line| line.strip_prefix("# "))
        .unwrap_or(page)
        .to_owned()
}

fn summary(docs: &Path) -> String {
    let mut text = String::from(
        "# Summary\n\n<!-- Generated by `cargo run -p companion -- generate`: edit the pages, \
         not this list. -->\n\n",
    );
    text += &format!("[{}]({INTRODUCTION})\n", page_title(docs, INTRODUCTION));
    let mut opened = Vec::new();
    for (index, (package, page)) in PARTS.iter().enumerate() {
        if index == 0 {
            text += "\n# The book: Concurrency in Python with Asyncio\n\n";
        } else if *package == "http-guide" {
            text += "\n# The articles\n\n";
        }
        if !opened.contains(page) {
            text += &format!("- [{}]({page})\n", page_title(docs, page));
            opened.push(*page);
        }
        for example in examples_of(package) {
            let name = &example.name;
            text += &format!("  - [{}]({LISTINGS}/{name}.md)\n", short_title(name));
        }
    }
    text += "\n# Beyond the texts\n\n";
    for page in other_pages(docs, &opened) {
        text += &format!("- [{}]({page})\n", page_title(docs, &page));
    }
    text
}

/// The pages of `docs/` that open no part, but the introduction: the comparison with Python
/// and the other notes, sorted.
fn other_pages(docs: &Path, parts: &[&str]) -> Vec<String> {
    pages(docs)
        .into_iter()
        .filter(|name| name != "SUMMARY.md" && name != INTRODUCTION)
        .filter(|name| !parts.contains(&name.as_str()))
        .collect()
}

/// The timelines drawn in the docs pages, by example: the marker's command and the figure.
fn timeline_figures(docs: &Path) -> BTreeMap<String, (String, String)> {
    let mut figures = BTreeMap::new();
    for page in pages(docs) {
        let text = fs::read_to_string(docs.join(page)).expect("a docs page");
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let Some(command) = line
                .trim()
                .strip_prefix("<!-- timeline: ")
                .and_then(|rest| rest.strip_suffix(" -->"))
            else {
                continue;
            };
            let Some(name) = command.split_whitespace().next() else {
                continue;
            };
            let figure: String = lines
                .by_ref()
                .skip(1)
                .take_while(|l| l.trim() != "```")
                .map(|l| format!("{l}\n"))
                .collect();
            figures
                .entry(name.to_owned())
                .or_insert((command.to_owned(), figure));
        }
    }
    figures
}

/// The `//!` header's lines, without the `//!`, and the number of the first line after it.
fn header_lines(source: &str) -> (Vec<&str>, usize) {
    let lines: Vec<&str> = source
        .lines()
        .map_while(|line| line.strip_prefix("//!"))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect();
    let blank = source
        .lines()
        .skip(lines.len())
        .take_while(|line| line.trim().is_empty())
        .count();
    let code_starts = lines.len() + blank + 1;
    (lines, code_starts)
}

/// Where the example comes from: the book's files its header names (or its own listing's), or
/// the article whose page opens its part.
fn origin(example: &ExampleSource, header: &str) -> String {
    let page = part_page(&example.package);
    let title = page_title(&workspace_root().join("docs"), page);
    if !example.package.starts_with("chapter-") {
        return format!("From the article; its companion page: [{title}](../{page}).");
    }
    let mut files: Vec<String> = Vec::new();
    for word in header.split('`').skip(1).step_by(2) {
        let names_a_file = word.starts_with("chapter_") && word.contains('/');
        if names_a_file && !files.iter().any(|file| file == word) {
            files.push(word.to_owned());
        }
    }
    if files.is_empty() {
        files.extend(own_listing_file(&example.name));
    }
    if files.is_empty() {
        return format!("Not in the book: a program of this port's, for [its chapter](../{page}).");
    }
    let links: Vec<String> = files
        .iter()
        .map(|file| format!("[`{file}`]({BOOK_SOURCES}/{file})"))
        .collect();
    format!(
        "The Python original: {} (the book's repository, at the commit these twins follow). \
         The chapter: [{title}](../{page}).",
        links.join(", ")
    )
}

/// `listing_2_20_fixed` -> `chapter_02/listing_2_20.py`.
fn own_listing_file(name: &str) -> Option<String> {
    let rest = name.strip_prefix("listing_")?;
    let mut words = rest.split('_');
    let chapter: u32 = words.next()?.parse().ok()?;
    let number: u32 = words.next()?.parse().ok()?;
    Some(format!(
        "chapter_{chapter:02}/listing_{chapter}_{number}.py"
    ))
}

fn part_page(package: &str) -> &'static str {
    PARTS
        .iter()
        .find(|(part, _)| *part == package)
        .map(|(_, page)| *page)
        .unwrap_or_else(|| panic!("package {package} has no page in book::PARTS"))
}

fn listing_page(example: &ExampleSource, figure: Option<&(String, String)>) -> String {
    let path = example.path.display().to_string();
    let source = fs::read_to_string(workspace_root().join(&example.path))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let (header, code_starts) = header_lines(&source);
    let title = header.first().copied().unwrap_or_default();
    let title = title.trim_end_matches('.');
    let mut page = format!(
        "<!-- Generated by `cargo run -p companion -- generate` from {path}: edit that file's \
         header, not this page. -->\n\n# {title}\n\n{}\n",
        origin(example, &header.join("\n"))
    );
    let mut in_block = false;
    let mut after_output = false;
    for line in header.iter().skip(1) {
        let fence = line.trim_start().starts_with("```");
        if fence && !in_block {
            in_block = true;
        } else if fence {
            in_block = false;
            if after_output {
                page += "```\n";
                page += &timeline(figure);
                after_output = false;
                continue;
            }
        }
        let label = !in_block
            && (line.starts_with("Run with") || line.starts_with("Expected "))
            && line.ends_with(':');
        if label {
            page += &format!("**{line}**\n");
        } else {
            page += line;
            page += "\n";
        }
        if !in_block && line.starts_with("Expected output") {
            after_output = true;
        }
    }
    page += &format!(
        "\n## The code\n\n`{path}`, after its header:\n\n```rust\n{{{{#include ../../{path}:{code_starts}:}}}}\n```\n"
    );
    for (file, whose) in more_code(example, &source) {
        let file = file.display();
        page += &format!("\n`{file}`, {whose}:\n\n```rust\n{{{{#include ../../{file}}}}}\n```\n");
    }
    page
}

/// The rest of the lesson's code: the modules of an example that is a folder, and the listings
/// it imports from its chapter's library (`use chapter_10::listing_10_8::...`), whose code the
/// book shows as listings of their own. Helpers of the library are left to its docs.
fn more_code(example: &ExampleSource, source: &str) -> Vec<(PathBuf, &'static str)> {
    let root = workspace_root();
    let mut files = Vec::new();
    if example.path.ends_with("main.rs") {
        let folder = example.path.parent().expect("a folder holds main.rs");
        let mut modules: Vec<PathBuf> = fs::read_dir(root.join(folder))
            .expect("the example's folder")
            .filter_map(|entry| Some(entry.ok()?.file_name()))
            .filter(|name| name != "main.rs")
            .map(|name| folder.join(name))
            .collect();
        modules.sort();
        files.extend(modules.into_iter().map(|file| (file, "one of its modules")));
    }
    let library = format!("{}::", example.package.replace('-', "_"));
    let imports: Vec<&str> = source
        .split("use ")
        .skip(1)
        .filter(|statement| statement.starts_with(&library))
        .filter_map(|statement| statement.split(';').next())
        .collect();
    let src = Path::new("examples").join(&example.package).join("src");
    let mut listings: Vec<String> = fs::read_dir(root.join(&src))
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .filter_map(|name| Some(name.strip_suffix(".rs")?.to_owned()))
                .filter(|module| module.starts_with("listing_"))
                .collect()
        })
        .unwrap_or_default();
    listings.sort_by_key(|module| reading_order(module));
    for module in listings {
        let imported = imports.iter().any(|statement| {
            statement
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|word| word == module)
        });
        if imported {
            files.push((
                src.join(format!("{module}.rs")),
                "a listing it uses from the chapter's library",
            ));
        }
    }
    files
}

/// The timeline a docs page draws of the example, under its output.
fn timeline(figure: Option<&(String, String)>) -> String {
    let Some((command, figure)) = figure else {
        return String::new();
    };
    let mut words = command.split_whitespace();
    let name = words.next().unwrap_or_default();
    let args: Vec<&str> = words.collect();
    let run = if args.is_empty() {
        format!("cargo run --example {name}")
    } else {
        format!("cargo run --example {name} -- {}", args.join(" "))
    };
    format!(
        "\nIts timeline, as `ASYNCIO_TIMELINE=1 {run}` draws it (a row per task, time to the \
         right):\n\n```text\n{figure}```\n"
    )
}

/// Writes every generated file, and removes listing pages of examples that are gone.
///
/// # Errors
/// If a file cannot be written.
pub fn write_all() -> std::io::Result<usize> {
    let docs = workspace_root().join("docs");
    let files = generated();
    fs::create_dir_all(docs.join(LISTINGS))?;
    for stale in stale_listing_pages(&files) {
        fs::remove_file(docs.join(stale))?;
    }
    for file in &files {
        fs::write(docs.join(&file.path), &file.text)?;
    }
    Ok(files.len())
}

/// The pages under `docs/listings/` that no example makes any more.
pub fn stale_listing_pages(files: &[Generated]) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(workspace_root().join("docs").join(LISTINGS)) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| Some(Path::new(LISTINGS).join(entry.ok()?.file_name())))
        .filter(|path| !files.iter().any(|file| &file.path == path))
        .collect()
}
