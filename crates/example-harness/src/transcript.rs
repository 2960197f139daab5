//! Comparing what a program printed with a transcript.

/// Checks `actual` against `expected` line by line. In an expected line, `[..]` matches any
/// text (including none), and a line that is only `...` matches any number of lines (none
/// included), for outputs too long to show whole. Returns a readable diff on mismatch.
pub fn matches(expected: &str, actual: &str) -> Result<(), String> {
    let expected_lines: Vec<&str> = expected.lines().collect();
    let actual_lines: Vec<&str> = actual.lines().collect();
    let (at_expected, at_actual) = match first_difference(&expected_lines, &actual_lines) {
        None => return Ok(()),
        Some(at) => at,
    };
    Err(format!(
        "output differs at line {}:\n  expected: {}\n  actual:   {}\n--- expected ---\n{expected}--- actual ---\n{actual}",
        at_actual + 1,
        expected_lines
            .get(at_expected)
            .copied()
            .unwrap_or("<end of transcript>"),
        actual_lines
            .get(at_actual)
            .copied()
            .unwrap_or("<end of output>"),
    ))
}

/// Where the two part ways, as (expected line, actual line), or `None` if they match. After a
/// `...`, the next expected line is looked for at each later actual line, so the match found
/// is the one that skips the fewest lines that works, and a failure names the furthest point
/// reached.
fn first_difference(expected: &[&str], actual: &[&str]) -> Option<(usize, usize)> {
    let Some((&line, rest)) = expected.split_first() else {
        return if actual.is_empty() {
            None
        } else {
            Some((0, 0))
        };
    };
    if line == "..." {
        let mut furthest = (0, 0);
        for skip in 0..=actual.len() {
            match first_difference(rest, &actual[skip..]) {
                None => return None,
                Some((e, a)) => furthest = furthest.max((e + 1, a + skip)),
            }
        }
        return Some(furthest);
    }
    match actual.split_first() {
        Some((&first, others)) if line_matches(line, first) => {
            first_difference(rest, others).map(|(e, a)| (e + 1, a + 1))
        }
        _ => Some((0, 0)),
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
    fn an_ellipsis_line_skips_lines() {
        assert!(matches("a\n...\nz\n", "a\nb\nc\nz\n").is_ok());
        assert!(matches("a\n...\nz\n", "a\nz\n").is_ok());
        assert!(matches("a\n...\n", "a\nb\n").is_ok());
        assert!(matches("a\n...\nz\n", "a\nb\nc\n").is_err());
        assert!(matches("a\n...\nb\nz\n", "a\nb\nb\nz\n").is_ok());
        let error = matches("a\n...\nz\n", "b\nz\n").unwrap_err();
        assert!(error.contains("line 1"), "{error}");
    }

    #[test]
    fn the_diff_names_the_line() {
        let error = matches("a\nb\n", "a\nc\n").unwrap_err();
        assert!(error.contains("line 2"), "{error}");
    }
}
