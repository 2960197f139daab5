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
            // `{:?}` of an f64 is the shortest text that reads back the same number, as
            // Python's float repr is (and keeps the `.0` of `1.0`).
            Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => write!(f, "{i}"),
                (None, Some(x)) => write!(f, "{x:?}"),
                (None, None) => write!(f, "{n}"),
            },
            Value::String(s) => write!(f, "'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
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
                    write!(f, "'{key}': {}", PyRepr(value))?;
                }
                f.write_str("}")
            }
        }
    }
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
             'quote': 'it\\'s', 'x': 0.9879470259657458}"
        );
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
