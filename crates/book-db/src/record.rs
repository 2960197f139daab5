//! Rows printed the way asyncpg prints its `Record`s: `<Record brand_id=1 brand_name='Levis'>`,
//! and a list of them as `[<Record ...>, <Record ...>]`.

use std::fmt;

use tokio_postgres::Row;
use tokio_postgres::types::{FromSql, Type};
use util::py::PyStr;

/// One row, shown as asyncpg's `Record` repr: each column as `name=value`, the value as Python
/// would show it (`None` for NULL, strings quoted).
pub struct Record<'a>(pub &'a Row);

/// A list of rows, shown as Python shows the list that `connection.fetch` returns.
pub struct Records<'a>(pub &'a [Row]);

impl fmt::Display for Record<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<Record")?;
        for (i, column) in self.0.columns().iter().enumerate() {
            write!(f, " {}=", column.name())?;
            write_value(f, self.0, i, column.type_())?;
        }
        f.write_str(">")
    }
}

impl fmt::Display for Records<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, row) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", Record(row))?;
        }
        f.write_str("]")
    }
}

/// The book's tables hold integers and text; any other type is named rather than guessed at.
fn write_value(f: &mut fmt::Formatter<'_>, row: &Row, i: usize, ty: &Type) -> fmt::Result {
    match *ty {
        Type::INT2 => write_optional::<i16>(f, row, i, |f, v| write!(f, "{v}")),
        Type::INT4 => write_optional::<i32>(f, row, i, |f, v| write!(f, "{v}")),
        Type::INT8 => write_optional::<i64>(f, row, i, |f, v| write!(f, "{v}")),
        Type::BOOL => write_optional::<bool>(f, row, i, |f, v| {
            f.write_str(if v { "True" } else { "False" })
        }),
        Type::TEXT | Type::VARCHAR | Type::NAME | Type::BPCHAR => {
            write_optional::<&str>(f, row, i, |f, v| write!(f, "{}", PyStr(v)))
        }
        _ => write!(f, "<{ty}>"),
    }
}

fn write_optional<'r, T: FromSql<'r>>(
    f: &mut fmt::Formatter<'_>,
    row: &'r Row,
    i: usize,
    show: impl Fn(&mut fmt::Formatter<'_>, T) -> fmt::Result,
) -> fmt::Result {
    match row.try_get::<_, Option<T>>(i) {
        Ok(Some(value)) => show(f, value),
        Ok(None) => f.write_str("None"),
        Err(_) => Err(fmt::Error),
    }
}
