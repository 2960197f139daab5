//! A blocking `GET` for Listing 2.20, the twin of `requests.get(url).status_code`.
//!
//! The listing's point is what a *blocking* client does to an event loop, so this one must
//! block: it uses `std::net::TcpStream`, not tokio. The well-kept blocking clients (`ureq`,
//! `reqwest::blocking`) would bring a second HTTP stack into the workspace for one status line;
//! a plain `GET` with `Connection: close` is short enough to write out, and it is also how the
//! listing's `requests` call looks on the wire.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::Message;

/// Sends `GET url` (an `http://HOST:PORT/PATH` URL), blocking the calling thread until the
/// whole response has arrived, and returns the status code.
pub fn get_status(url: &str) -> Result<u16, Message> {
    let invalid = |why: &str| Message(format!("GET {url}: {why}"));
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| invalid("not an http:// URL"))?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };

    let mut stream = TcpStream::connect(host).map_err(|e| {
        Message(format!(
            "cannot connect to {url} (is the server running?): {e}"
        ))
    })?;
    let mut status_line = String::new();
    let exchange = |stream: &mut TcpStream, status_line: &mut String| -> io::Result<()> {
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )?;
        let mut reader = BufReader::new(stream);
        reader.read_line(status_line)?;
        // `requests` reads the body too before it returns; so do we, until the server closes.
        io::copy(&mut reader.by_ref(), &mut io::sink())?;
        Ok(())
    };
    exchange(&mut stream, &mut status_line).map_err(|e| invalid(&e.to_string()))?;
    status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| invalid(&format!("malformed status line {status_line:?}")))
}
