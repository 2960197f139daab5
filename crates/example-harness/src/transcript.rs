//! Comparing what a program printed with a transcript.

/// Checks `actual` against `expected` line by line. In an expected line, `[..]` matches any
/// text (including none). Returns a readable diff on mismatch.
pub fn matches(expected: &str, actual: &str) -> Result<(), String> {
    let expected_lines: Vec<&str> = expected.lines().collect();
    let actual_lines: Vec<&str> = actual.lines().collect();
    let first_difference = (0..expected_lines.len().max(actual_lines.len())).find(|&i| {
        match (expected_lines.get(i), actual_lines.get(i)) {
            (Some(e), Some(a)) => !line_matches(e, a),
            _ => true,
        }
    });
    match first_difference {
        None => Ok(()),
        Some(i) => Err(format!(
            "output differs at line {}:\n  expected: {}\n  actual:   {}\n--- expected ---\n{expected}--- actual ---\n{actual}",
            i + 1,
            expected_lines
                .get(i)
                .copied()
                .unwrap_or("<end of transcript>"),
            actual_lines.get(i).copied().unwrap_or("<end of output>"),
        )),
    }
}

fn line_matches(expected: &str, actual: &str) -> bool {
    let mut parts = expected.split("[..]");
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = actual.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_lines() {
        assert!(matches("a\nb\n", "a\nb\n").is_ok());
        assert!(matches("a\nb\n", "a\nc\n").is_err());
        assert!(matches("a\n", "a\nb\n").is_err());
        assert!(matches("a\nb\n", "a\n").is_err());
    }

    #[test]
    fn wildcards() {
        assert!(matches("port [..]\n", "port 4242\n").is_ok());
        assert!(matches("[..] and [..]!\n", "this and that!\n").is_ok());
        assert!(matches("x[..]y\n", "xy\n").is_ok());
        assert!(matches("x[..]y\n", "xyz\n").is_err());
        assert!(matches("a[..]b[..]c\n", "acb\n").is_err());
    }

    #[test]
    fn the_diff_names_the_line() {
        let error = matches("a\nb\n", "a\nc\n").unwrap_err();
        assert!(error.contains("line 2"), "{error}");
    }
}
