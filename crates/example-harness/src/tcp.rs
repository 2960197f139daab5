//! A small blocking TCP client for tests of server examples: connect, send, read a line or
//! everything, each bounded in time so a silent server fails the test instead of hanging it.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// How long any one read may wait.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A connection to a server under test.
#[derive(Debug)]
pub struct Connection {
    reader: BufReader<TcpStream>,
}

impl Connection {
    /// Connects to `port` on 127.0.0.1.
    ///
    /// # Panics
    /// If the connection is refused.
    pub fn to_port(port: u16) -> Self {
        Self::to(SocketAddr::from(([127, 0, 0, 1], port)))
    }

    /// Connects to `addr`.
    ///
    /// # Panics
    /// If the connection is refused.
    pub fn to(addr: SocketAddr) -> Self {
        let stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
        stream
            .set_read_timeout(Some(READ_TIMEOUT))
            .expect("a connected socket takes a timeout");
        Connection {
            reader: BufReader::new(stream),
        }
    }

    /// The client's own port, as the server sees it in the peer address.
    pub fn local_port(&self) -> u16 {
        self.reader
            .get_ref()
            .local_addr()
            .expect("a connected socket has an address")
            .port()
    }

    /// How long each read may wait from now on (10 s unless changed).
    pub fn set_read_timeout(&mut self, timeout: Duration) {
        self.reader
            .get_ref()
            .set_read_timeout(Some(timeout))
            .expect("a connected socket takes a timeout");
    }

    /// Sends `bytes`.
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) -> io::Result<()> {
        self.reader.get_mut().write_all(bytes.as_ref())
    }

    /// A second handle on the socket, to send from another thread while this one reads.
    ///
    /// # Panics
    /// If the system has no descriptor left to give.
    pub fn sender(&self) -> TcpStream {
        self.reader
            .get_ref()
            .try_clone()
            .expect("a second descriptor for the socket")
    }

    /// Reads up to and including the next `\n`; `Ok(None)` when the server has closed.
    pub fn read_line(&mut self) -> io::Result<Option<String>> {
        let mut line = String::new();
        match self.reader.read_line(&mut line)? {
            0 => Ok(None),
            _ => Ok(Some(line)),
        }
    }

    /// Reads everything until the server closes the connection.
    pub fn read_to_end(&mut self) -> io::Result<String> {
        let mut text = String::new();
        self.reader.read_to_string(&mut text)?;
        Ok(text)
    }

    /// Closes the sending half, as a client that has said all it has to say (`nc -N`).
    pub fn finish_sending(&mut self) -> io::Result<()> {
        self.reader.get_ref().shutdown(std::net::Shutdown::Write)
    }
}

/// Sends `request` to `addr` and returns everything the server sends back before it closes.
///
/// # Panics
/// If the connection is refused or a read fails or times out.
pub fn exchange(addr: SocketAddr, request: impl AsRef<[u8]>) -> String {
    let mut connection = Connection::to(addr);
    connection
        .send(request)
        .unwrap_or_else(|e| panic!("send to {addr}: {e}"));
    connection
        .read_to_end()
        .unwrap_or_else(|e| panic!("read from {addr}: {e}"))
}

/// One HTTP/1.1 request on a connection of its own (`Connection: close`, a JSON body when
/// `body` is not empty), for the test of a web application: the answer's status and body.
///
/// # Panics
/// If the connection is refused, or the answer is not HTTP.
pub fn http_request(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
    let answer = exchange(
        addr,
        format!(
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ),
    );
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP answer from {addr}: {answer:?}"));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|status| status.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    (status, body.to_owned())
}

/// The loopback address in a server's start-up line (`... http://127.0.0.1:PORT ...` or
/// `Serving on 127.0.0.1:PORT`).
///
/// # Panics
/// If the line holds none.
pub fn address_in(line: &str) -> SocketAddr {
    line.split_whitespace()
        .find_map(|word| {
            word.trim_start_matches("http://")
                .trim_end_matches(['/', ',', '.'])
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("no address in {line:?}"))
}

/// A loopback port where nothing listens: one that was free a moment ago. For a client's
/// "server is down" error.
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    listener
        .local_addr()
        .expect("a bound listener has an address")
        .port()
}
