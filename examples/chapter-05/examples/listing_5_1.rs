//! Listing 5.1: connect to PostgreSQL and print the server's version.
//!
//! The Rust twin of `chapter_05/listing_5_1.py`, on tokio-postgres. With nothing set it starts
//! a throwaway PostgreSQL of its own and says so on stderr; `DATABASE_URL` (or the `PG*`
//! variables) points it at yours, such as the book's
//! `postgres://postgres:password@127.0.0.1:5432/postgres`.
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_1
//! ```
//!
//! Expected output, with the server's release in the brackets, 15 and 18 for PostgreSQL 15.18:
//! ```text
//! Connected! Postgres version is ServerVersion(major=[..], minor=0, micro=[..], releaselevel='final', serial=0)
//! ```
//!
//! Where Rust differs: `tokio_postgres::connect` returns two things. The `Client` sends
//! queries; the `Connection` is the future that does the socket's reading and writing, and
//! does nothing until it is polled, so it runs on a task of its own. Closing is dropping the
//! client: the connection then says goodbye to the server and its task ends.
//! `database.connect()` is that call, given up after 10 s as asyncpg's `connect` gives up
//! after its `timeout` (`crates/book-db/src/lib.rs`). The version is the
//! `server_version` setting the server reports at start-up, as asyncpg reads it, laid out in
//! asyncpg's fields (from release 10 on, PostgreSQL's second number is asyncpg's `micro`).

use std::fmt;

use book_db::Database;

/// asyncpg's `ServerVersion` named tuple.
struct ServerVersion {
    major: u32,
    minor: u32,
    micro: u32,
    releaselevel: &'static str,
    serial: u32,
}

impl ServerVersion {
    /// `15.18 (Debian 15.18-0+deb12u1)`, `16beta2`, `9.6.24`: the numbers, then a `devel`,
    /// `alpha`, `beta` or `rc` with its own number.
    fn parse(text: &str) -> Option<Self> {
        let release = text.split_whitespace().next()?;
        let numbers_end = release
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(release.len());
        let numbers: Vec<u32> = release[..numbers_end]
            .split('.')
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        let suffix = &release[numbers_end..];
        let digits_at = suffix
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(suffix.len());
        let (level, serial) = suffix.split_at(digits_at);
        let releaselevel = match level {
            "" => "final",
            "devel" => "devel",
            "alpha" => "alpha",
            "beta" => "beta",
            "rc" => "rc",
            _ => return None,
        };
        let number = |i: usize| numbers.get(i).copied().unwrap_or(0);
        let (minor, micro) = if number(0) >= 10 {
            (0, number(1))
        } else {
            (number(1), number(2))
        };
        Some(ServerVersion {
            major: number(0),
            minor,
            micro,
            releaselevel,
            serial: serial.parse().unwrap_or(0),
        })
    }
}

impl fmt::Display for ServerVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ServerVersion(major={}, minor={}, micro={}, releaselevel='{}', serial={})",
            self.major, self.minor, self.micro, self.releaselevel, self.serial
        )
    }
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let database = Database::postgres().await?;
    let (client, connection) = database.connect().await?;
    let reported = connection.parameter("server_version").unwrap_or_default();
    let version = ServerVersion::parse(reported)
        .ok_or_else(|| format!("cannot read the server version {reported:?}"))?;
    let connection = tokio::spawn(connection);
    println!("Connected! Postgres version is {version}");
    drop(client);
    connection.await??;
    Ok(())
}
