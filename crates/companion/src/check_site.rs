//! The built site checked as a reader would find it: every link and picture of every page
//! leads to a file of the site, and no `{{#include ...}}` was left unexpanded (mdBook only
//! logs an include it cannot read, and builds the page without it).
//!
//! mdbook-linkcheck would do the links, but has not been released since 2022 and checks the
//! Markdown, not the HTML that the preprocessor's rewritten links end up in.

use std::fs;
use std::path::{Path, PathBuf};

/// What is wrong with the site in `root`: one line per broken link or leftover include.
///
/// # Errors
/// If the site cannot be read.
pub fn problems(root: &Path) -> std::io::Result<Vec<String>> {
    let mut pages = Vec::new();
    html_files(root, &mut pages)?;
    if pages.is_empty() {
        return Ok(vec![format!("{}: no HTML page", root.display())]);
    }
    let mut problems = Vec::new();
    for page in &pages {
        let html = fs::read_to_string(page)?;
        let shown = page.strip_prefix(root).unwrap_or(page).display();
        if html.contains("{{#include") {
            problems.push(format!("{shown}: an include mdBook could not expand"));
        }
        for target in targets(&html) {
            if !resolves(root, page, target) {
                problems.push(format!(
                    "{shown}: a link to {target}, which is not in the site"
                ));
            }
        }
    }
    Ok(problems)
}

fn html_files(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            html_files(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "html") {
            found.push(path);
        }
    }
    Ok(())
}

/// The `href` and `src` values of a page that point within the site.
fn targets(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        for piece in html.split(attribute).skip(1) {
            let Some(value) = piece.split('"').next() else {
                continue;
            };
            let elsewhere = value.contains("://")
                || value.starts_with("//")
                || value.starts_with('#')
                || value.starts_with("mailto:")
                || value.starts_with("javascript:")
                || value.starts_with("data:")
                || value.contains("{{");
            if !value.is_empty() && !elsewhere {
                found.push(value);
            }
        }
    }
    found
}

fn resolves(root: &Path, page: &Path, target: &str) -> bool {
    let path = target.split(['#', '?']).next().unwrap_or_default();
    let file = match path.strip_prefix('/') {
        Some(from_root) => root.join(from_root),
        None => page.parent().unwrap_or(root).join(path),
    };
    file.is_file() || file.join("index.html").is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_broken_links_and_leftover_includes() {
        let root = std::env::temp_dir().join(format!("check-site-{}", std::process::id()));
        fs::create_dir_all(root.join("listings")).unwrap();
        fs::write(root.join("index.html"), r#"<a href="listings/a.html#x">a</a> <img src="missing.png"> <a href="https://example.org/">out</a>"#).unwrap();
        fs::write(
            root.join("listings/a.html"),
            r#"<a href="../index.html">back</a> {{#include ../x.rs}}"#,
        )
        .unwrap();
        let found = problems(&root).unwrap();
        fs::remove_dir_all(&root).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|p| p.contains("missing.png")));
        assert!(found.iter().any(|p| p.contains("include")));
    }
}
