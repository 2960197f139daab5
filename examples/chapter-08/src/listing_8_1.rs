//! Listing 8.1: asyncio's protocols and transports, and an HTTP GET client written as a protocol.
//!
//! tokio has no `Protocol` and no `Transport`. asyncio's low-level API is callbacks: the loop
//! reads the socket and calls the protocol's methods as things happen (`connection_made`,
//! `data_received`, `eof_received`, `connection_lost`), and the protocol writes through a
//! transport that buffers what it cannot send yet. To show that shape honestly, [`Protocol`]
//! is those four methods, and [`create_connection`] is the loop's part: a task that reads the
//! socket and calls them, and sends what they wrote.
//!
//! Why tokio has streams instead: a protocol is a state machine written by hand, its state in
//! fields, its results handed out through futures it must remember to resolve. An `async fn`
//! over a stream is the same state machine, written by the compiler from code that reads top
//! to bottom (Listing 8.3). asyncio added streams on top of protocols for the same reason.

use std::io;
use std::mem;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, ToSocketAddrs};
use tokio::sync::oneshot;

/// asyncio's `Protocol`: what a connection does when something happens to it. Each method is
/// called by the task [`create_connection`] starts, one at a time, never concurrently.
pub trait Protocol: Send + 'static {
    /// The connection is open: a client usually writes its request here.
    fn connection_made(&mut self, transport: &mut Transport);
    /// Bytes arrived, as many as one read of the socket gave (any number: a protocol must not
    /// count on messages arriving whole).
    fn data_received(&mut self, transport: &mut Transport, data: &[u8]);
    /// The other end will send nothing more. Return `true` to keep writing, `false` to close.
    fn eof_received(&mut self) -> bool;
    /// The connection is closed: `None` after an orderly close, the error otherwise.
    fn connection_lost(&mut self, error: Option<io::Error>);
}

/// asyncio's `Transport`, the protocol's way to the socket: what it writes is kept and sent by
/// the loop once the callback returns, as asyncio's transport sends its buffer when the socket
/// can take it.
#[derive(Debug, Default)]
pub struct Transport {
    outgoing: Vec<u8>,
    closing: bool,
}

impl Transport {
    /// `transport.write(data)`: never waits.
    pub fn write(&mut self, data: &[u8]) {
        self.outgoing.extend_from_slice(data);
    }

    /// `transport.close()`: sends what was written, then closes.
    pub fn close(&mut self) {
        self.closing = true;
    }
}

/// `loop.create_connection(lambda: protocol, host, port)`: connects, calls `connection_made`,
/// and leaves a task that drives `protocol` until the connection closes.
///
/// # Errors
/// If the connection cannot be made (the protocol is then dropped unused, as asyncio never
/// calls a protocol whose connection failed).
pub async fn create_connection<P: Protocol>(
    mut protocol: P,
    address: impl ToSocketAddrs,
) -> io::Result<()> {
    let stream = TcpStream::connect(address).await?;
    let mut transport = Transport::default();
    protocol.connection_made(&mut transport);
    tokio::spawn(async move {
        let ended = drive(stream, &mut protocol, &mut transport).await;
        protocol.connection_lost(ended.err());
    });
    Ok(())
}

/// The event loop's side of a connection: send what the protocol wrote, read, call it back.
async fn drive<P: Protocol>(
    mut stream: TcpStream,
    protocol: &mut P,
    transport: &mut Transport,
) -> io::Result<()> {
    let mut data = vec![0; 64 * 1024];
    let mut reading = true;
    loop {
        let outgoing = mem::take(&mut transport.outgoing);
        if !outgoing.is_empty() {
            stream.write_all(&outgoing).await?;
        }
        if transport.closing || !reading {
            return stream.shutdown().await;
        }
        let received = stream.read(&mut data).await?;
        if received == 0 {
            // `eof_received` returning true keeps the connection for writing; this loop then
            // has nothing more to read and nothing more to wait for, so it closes after the
            // last write either way.
            reading = protocol.eof_received();
            if !reading {
                return Ok(());
            }
            reading = false;
        } else {
            protocol.data_received(transport, &data[..received]);
        }
    }
}

/// The response an [`HttpGetClientProtocol`] will have: `get_response()`.
#[derive(Debug)]
pub struct Response(oneshot::Receiver<io::Result<String>>);

impl Response {
    /// `await protocol.get_response()`: the whole response, once the server has closed.
    ///
    /// # Errors
    /// The connection's error, if it ended with one.
    pub async fn get_response(self) -> io::Result<String> {
        self.0.await.unwrap_or_else(|_| {
            Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the connection ended without a response",
            ))
        })
    }
}

/// Listing 8.1's `HTTPGetClientProtocol`: sends `GET /` when connected, keeps every byte it
/// receives, and hands them over as the response when the server closes.
#[derive(Debug)]
pub struct HttpGetClientProtocol {
    host: String,
    // The book's `Future`: resolved once, by `eof_received` or `connection_lost`.
    future: Option<oneshot::Sender<io::Result<String>>>,
    response_buffer: Vec<u8>,
}

impl HttpGetClientProtocol {
    /// The protocol for a GET of `/` on `host`, and the response it will resolve.
    pub fn new(host: &str) -> (Self, Response) {
        let (future, response) = oneshot::channel();
        let protocol = HttpGetClientProtocol {
            host: host.to_owned(),
            future: Some(future),
            response_buffer: Vec::new(),
        };
        (protocol, Response(response))
    }

    fn get_request_bytes(&self) -> Vec<u8> {
        format!(
            "GET / HTTP/1.1\r\nConnection: close\r\nHost: {}\r\n\r\n",
            self.host
        )
        .into_bytes()
    }

    fn resolve(&mut self, result: io::Result<String>) {
        if let Some(future) = self.future.take() {
            // Nobody awaiting the response any more is no error of the connection's.
            let _ = future.send(result);
        }
    }
}

impl Protocol for HttpGetClientProtocol {
    fn connection_made(&mut self, transport: &mut Transport) {
        println!("Connection made to {}", self.host);
        transport.write(&self.get_request_bytes());
    }

    fn data_received(&mut self, _transport: &mut Transport, data: &[u8]) {
        println!("Data received!");
        self.response_buffer.extend_from_slice(data);
    }

    fn eof_received(&mut self) -> bool {
        let response = String::from_utf8_lossy(&self.response_buffer).into_owned();
        self.resolve(Ok(response));
        false
    }

    fn connection_lost(&mut self, error: Option<io::Error>) {
        match error {
            None => println!("Connection closed without error."),
            Some(error) => self.resolve(Err(error)),
        }
    }
}
