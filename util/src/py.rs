//! Printing values the way Python prints them, so that an example's output can be compared
//! with the article's line by line: dicts from JSON ([`PyRepr`]), `timedelta`s ([`TimeDelta`]),
//! `datetime`s ([`Timestamp`]), floats ([`PyFloat`]), strings ([`PyStr`]), `bytes`
//! ([`PyBytes`]) and socket addresses ([`PyAddress`]).

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
            // Python's integers have no size limit. serde_json keeps every integer of the i64
            // and u64 ranges exact; a larger one arrives as the nearest f64 (only serde_json's
            // `arbitrary_precision` would keep its digits), which Python would print as an int.
            Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => write!(f, "{i}"),
                (None, Some(u), _) => write!(f, "{u}"),
                (None, None, Some(x)) => write_float(f, x),
                (None, None, None) => write!(f, "{n}"),
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

/// Shows a float the way Python prints it: `1.0`, `0.52345`, `1.9e-07`. For seconds measured
/// with `time.time()` differences, and `Value('d')`s.
pub struct PyFloat(pub f64);

impl fmt::Display for PyFloat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_float(f, self.0)
    }
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

/// Shows a string the way Python's `repr` does: `'High priority'`, in double quotes when it
/// holds a single quote and no double quote. For the reprs of dataclasses and tuples.
pub struct PyStr<'a>(pub &'a str);

impl fmt::Display for PyStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_str(f, self.0)
    }
}

/// Shows bytes the way Python's `repr` shows a `bytes` object: `b'testing\r\n'`, with `\t`,
/// `\n`, `\r`, `\\` and the quote escaped, and other bytes outside printable ASCII as `\xNN`.
pub struct PyBytes<'a>(pub &'a [u8]);

impl fmt::Display for PyBytes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Python picks double quotes for bytes that hold a single quote and no double quote.
        let quote = if self.0.contains(&b'\'') && !self.0.contains(&b'"') {
            '"'
        } else {
            '\''
        };
        write!(f, "b{quote}")?;
        for &byte in self.0 {
            match byte {
                b'\\' => f.write_str("\\\\")?,
                b'\t' => f.write_str("\\t")?,
                b'\n' => f.write_str("\\n")?,
                b'\r' => f.write_str("\\r")?,
                _ if char::from(byte) == quote => write!(f, "\\{quote}")?,
                0x20..=0x7e => write!(f, "{}", char::from(byte))?,
                _ => write!(f, "\\x{byte:02x}")?,
            }
        }
        write!(f, "{quote}")
    }
}

/// Shows a socket address the way Python prints the tuple `accept()` returns:
/// `('127.0.0.1', 54321)`.
pub struct PyAddress(pub std::net::SocketAddr);

impl fmt::Display for PyAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            std::net::SocketAddr::V4(addr) => write!(f, "('{}', {})", addr.ip(), addr.port()),
            // Python's IPv6 tuple also carries the flow info and scope id.
            std::net::SocketAddr::V6(addr) => write!(
                f,
                "('{}', {}, {}, {})",
                addr.ip(),
                addr.port(),
                addr.flowinfo(),
                addr.scope_id()
            ),
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

/// A point in wall-clock time, printed like Python's `datetime`: `2024-01-01 00:00:01.500000`.
///
/// It is printed in UTC. Python's `datetime.now()` prints local time; the two agree on a machine
/// whose time zone is UTC (ours), and differ by the zone's offset elsewhere. Local time would
/// need the time-zone database (`jiff` or `chrono-tz`) for a few lines of the guide's output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    since_unix_epoch: Duration,
}

impl Timestamp {
    /// The time `since_unix_epoch` after 1970-01-01 00:00:00 UTC.
    pub fn from_unix(since_unix_epoch: Duration) -> Self {
        Timestamp { since_unix_epoch }
    }

    /// The date, as (year, month, day): `datetime`'s `year`, `month` and `day`.
    pub fn date(&self) -> (u64, u64, u64) {
        civil_from_days(self.since_unix_epoch.as_secs() / 86_400)
    }

    /// The time of day as `str(datetime.time())` prints it: `13:05:09.250000`.
    pub fn time_of_day(&self) -> String {
        let in_day = self.since_unix_epoch.as_secs() % 86_400;
        format!(
            "{:02}:{:02}:{:02}.{:06}",
            in_day / 3600,
            in_day / 60 % 60,
            in_day % 60,
            self.since_unix_epoch.subsec_micros()
        )
    }
}

/// `end - start`, as Python subtracts two datetimes.
impl std::ops::Sub for Timestamp {
    type Output = Duration;

    /// # Panics
    /// If `earlier` is later than `self`.
    fn sub(self, earlier: Timestamp) -> Duration {
        self.since_unix_epoch - earlier.since_unix_epoch
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.date();
        write!(f, "{year:04}-{month:02}-{day:02} {}", self.time_of_day())
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's well-known algorithm,
/// restricted to dates after the epoch).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
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
            // Past i64::MAX, still an integer for Python.
            (json!(9_223_372_036_854_775_808_u64), "9223372036854775808"),
            (json!(u64::MAX), "18446744073709551615"),
            (json!(i64::MIN), "-9223372036854775808"),
        ];
        for (value, python) in cases {
            assert_eq!(PyRepr(&value).to_string(), python, "{value}");
        }
        assert_eq!(PyFloat(1.9e-7).to_string(), "1.9e-07");
        assert_eq!(PyFloat(1.0).to_string(), "1.0");
    }

    #[test]
    fn bytes_and_addresses_print_like_python() {
        // Each pair is the bytes and what Python's `repr` prints for them.
        let cases: [(&[u8], &str); 5] = [
            (b"testing\r\n", r"b'testing\r\n'"),
            (b"te", "b'te'"),
            (b"it's", r#"b"it's""#),
            (b"both'\"", r#"b'both\'"'"#),
            (b"\x00\xff\t\\", r"b'\x00\xff\t\\'"),
        ];
        for (bytes, python) in cases {
            assert_eq!(PyBytes(bytes).to_string(), python);
        }
        assert_eq!(PyStr("High priority").to_string(), "'High priority'");
        assert_eq!(PyStr("it's").to_string(), "\"it's\"");
        let addr: std::net::SocketAddr = "127.0.0.1:54321".parse().unwrap();
        assert_eq!(PyAddress(addr).to_string(), "('127.0.0.1', 54321)");
        let addr: std::net::SocketAddr = "[::1]:8000".parse().unwrap();
        assert_eq!(PyAddress(addr).to_string(), "('::1', 8000, 0, 0)");
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

    fn at(seconds: u64, micros: u32) -> String {
        Timestamp::from_unix(Duration::new(seconds, micros * 1000)).to_string()
    }

    #[test]
    fn formats_like_python_datetime() {
        assert_eq!(at(0, 0), "1970-01-01 00:00:00.000000");
        assert_eq!(at(1_704_067_200, 0), "2024-01-01 00:00:00.000000");
        // A leap day, and the last microsecond of a day.
        assert_eq!(at(951_782_400, 1), "2000-02-29 00:00:00.000001");
        assert_eq!(at(1_709_251_199, 999_999), "2024-02-29 23:59:59.999999");
        assert_eq!(at(4_102_444_800, 0), "2100-01-01 00:00:00.000000");
    }
}
