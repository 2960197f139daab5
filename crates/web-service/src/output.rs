//! Printing things the way the Python scripts print them, so the outputs can be compared line
//! by line.

use std::fmt;
use std::time::Duration;

/// Shows a JSON value the way Python prints the dict `resp.json()` returns:
/// `{'msg': 'ok'}` rather than the JSON text `{"msg":"ok"}`.
pub struct PyRepr<'a>(pub &'a serde_json::Value);

impl fmt::Display for PyRepr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use serde_json::Value;
        match self.0 {
            Value::Null => f.write_str("None"),
            Value::Bool(true) => f.write_str("True"),
            Value::Bool(false) => f.write_str("False"),
            Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => write!(f, "{i}"),
                (None, Some(x)) => write_float(f, x),
                (None, None) => write!(f, "{n}"),
            },
            Value::String(s) => write_str(f, s),
            Value::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{}", PyRepr(item))?;
                }
                f.write_str("]")
            }
            Value::Object(map) => {
                f.write_str("{")?;
                for (i, (key, value)) in map.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write_str(f, key)?;
                    write!(f, ": {}", PyRepr(value))?;
                }
                f.write_str("}")
            }
        }
    }
}

/// A float as Python's `repr` writes it. `{:?}` already gives the shortest text that reads
/// back the same number, keeps the `.0` of `1.0`, and switches to an exponent at the same
/// sizes as Python; only the exponent is written differently: `1e-5` and `1e16` in Rust,
/// `1e-05` and `1e+16` in Python.
fn write_float(f: &mut fmt::Formatter<'_>, x: f64) -> fmt::Result {
    let text = format!("{x:?}");
    let Some((mantissa, exponent)) = text.split_once('e') else {
        return f.write_str(&text);
    };
    let (sign, digits) = match exponent.strip_prefix('-') {
        Some(digits) => ('-', digits),
        None => ('+', exponent),
    };
    write!(f, "{mantissa}e{sign}{digits:0>2}")
}

/// A string as Python's `repr` writes it: in single quotes, or in double quotes when it
/// holds a single quote and no double quote, with backslashes, the chosen quote and control
/// characters escaped.
fn write_str(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    write!(f, "{quote}")?;
    for c in s.chars() {
        match c {
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if c == quote => write!(f, "\\{c}")?,
            c if c.is_ascii_control() => write!(f, "\\x{:02x}", u32::from(c))?,
            c => write!(f, "{c}")?,
        }
    }
    write!(f, "{quote}")
}

/// Shows a duration the way Python prints a `timedelta` (`end - start`): `0:00:03.011565`,
/// or `0:00:03` when the microseconds are zero, which is what the paused test clock gives.
pub struct TimeDelta(pub Duration);

impl fmt::Display for TimeDelta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.0.as_secs();
        write!(
            f,
            "{}:{:02}:{:02}",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        )?;
        match self.0.subsec_micros() {
            0 => Ok(()),
            micros => write!(f, ".{micros:06}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_prints_like_a_python_dict() {
        let value = json!({"msg": "ok", "n": 3, "x": 0.9879470259657458, "one": 1.0,
            "list": [true, false, null], "quote": "it's"});
        // serde_json keeps keys sorted unless its `preserve_order` feature is on.
        assert_eq!(
            PyRepr(&value).to_string(),
            "{'list': [True, False, None], 'msg': 'ok', 'n': 3, 'one': 1.0, \
             'quote': \"it's\", 'x': 0.9879470259657458}"
        );
    }

    #[test]
    fn floats_and_strings_print_like_python_reprs() {
        // Each pair is the JSON value and what Python's `repr` prints for it.
        let cases = [
            (json!(3.2e-5), "3.2e-05"),
            (json!(0.0001), "0.0001"),
            (json!(1e16), "1e+16"),
            (json!(-2.5e-300), "-2.5e-300"),
            (json!(1e15), "1000000000000000.0"),
            (json!("a\"b"), "'a\"b'"),
            (json!("both'\""), "'both\\'\"'"),
            (json!("tab\tnl\n\u{1}\\"), "'tab\\tnl\\n\\x01\\\\'"),
            (json!("é"), "'é'"),
        ];
        for (value, python) in cases {
            assert_eq!(PyRepr(&value).to_string(), python, "{value}");
        }
    }

    #[test]
    fn durations_print_like_a_timedelta() {
        assert_eq!(TimeDelta(Duration::from_secs(3)).to_string(), "0:00:03");
        assert_eq!(
            TimeDelta(Duration::from_micros(1_011_840)).to_string(),
            "0:00:01.011840"
        );
        assert_eq!(TimeDelta(Duration::from_secs(3723)).to_string(), "1:02:03");
    }
}
