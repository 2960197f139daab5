//! The links of the hand-written pages, made to work in the rendered site.
//!
//! On a code host a page of `docs/` links an example to its source,
//! `[listing_1_1](../examples/chapter-01/examples/listing_1_1.rs)`, and a module to its file.
//! The site holds only `docs/`, so there such a link would lead nowhere. mdBook runs this as a
//! preprocessor (`docs/book.toml`): a link to an example becomes a link to its listing page,
//! which includes the code, and a link to another file of the repository becomes its text.

use serde_json::Value;

/// mdBook's preprocessor protocol: `[context, book]` as JSON in, the book as JSON out. Only the
/// pages at the top of `docs/` are rewritten: the generated ones link within the site already.
///
/// # Errors
/// If the input is not what mdBook sends.
pub fn preprocess(input: &str) -> Result<String, String> {
    let input: Value = serde_json::from_str(input).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Array(mut parts) = input else {
        return Err("expected [context, book]".to_owned());
    };
    if parts.len() != 2 {
        return Err("expected [context, book]".to_owned());
    }
    let mut book = parts.pop().unwrap_or_default();
    rewrite_pages(&mut book);
    serde_json::to_string(&book).map_err(|e| e.to_string())
}

/// Walks the book, whatever mdBook version shaped it: a page is an object with a `content`
/// and a `path`.
fn rewrite_pages(value: &mut Value) {
    match value {
        Value::Object(object) => {
            let at_top = object
                .get("path")
                .and_then(Value::as_str)
                .is_some_and(|path| !path.contains('/'));
            if let (true, Some(Value::String(content))) = (at_top, object.get_mut("content")) {
                *content = site_links(content);
            }
            object.values_mut().for_each(rewrite_pages);
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_pages),
        _ => {}
    }
}

/// Rewrites the `[text](../...)` links of a page at the top of `docs/`.
pub fn site_links(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(at) = rest.find("](../") {
        let (before, after) = rest.split_at(at);
        let (Some(open), Some(close)) = (before.rfind('['), after.find(')')) else {
            out.push_str(&rest[..at + 2]);
            rest = &rest[at + 2..];
            continue;
        };
        let text = &before[open + 1..];
        let target = &after[2..close];
        out.push_str(&before[..open]);
        match example_page(target) {
            Some(page) => out.push_str(&format!("[{text}]({page})")),
            None => out.push_str(text),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `../examples/PKG/examples/NAME.rs` or `.../NAME/main.rs` -> `listings/NAME.md`.
fn example_page(target: &str) -> Option<String> {
    let inside = target.strip_prefix("../examples/")?;
    let (_package, file) = inside.split_once("/examples/")?;
    let name = file
        .strip_suffix("/main.rs")
        .or_else(|| file.strip_suffix(".rs"))?;
    (!name.contains('/')).then(|| format!("{}/{name}.md", crate::book::LISTINGS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_lead_to_their_pages_and_other_files_become_text() {
        let page = "See [listing_1_1](../examples/chapter-01/examples/listing_1_1.rs), \
                    [fanout](../examples/http-guide/examples/fanout_bench/main.rs), \
                    [`chapter_10::x`](../examples/chapter-10/src/x.rs), \
                    [a page](chapter-02.md) and ![a picture](images/a.png).";
        assert_eq!(
            site_links(page),
            "See [listing_1_1](listings/listing_1_1.md), \
             [fanout](listings/fanout_bench.md), \
             `chapter_10::x`, \
             [a page](chapter-02.md) and ![a picture](images/a.png)."
        );
    }

    #[test]
    fn rewrites_only_the_top_pages_of_the_book() {
        let input = r#"[{"root": "."}, {"items": [{"Chapter": {"name": "One", "path": "chapter-01.md",
            "content": "[x](../examples/c/examples/x.rs)", "sub_items": [{"Chapter": {"name": "x",
            "path": "listings/x.md", "content": "[back](../chapter-01.md)", "sub_items": []}}]}}]}]"#;
        let book: Value = serde_json::from_str(&preprocess(input).unwrap()).unwrap();
        let chapter = &book["items"][0]["Chapter"];
        assert_eq!(chapter["content"], "[x](listings/x.md)");
        assert_eq!(
            chapter["sub_items"][0]["Chapter"]["content"],
            "[back](../chapter-01.md)"
        );
    }
}
