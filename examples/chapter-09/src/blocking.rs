//! The server of the blocking listings (9.5 and 9.6): what gunicorn's sync workers and Flask's
//! threaded server are, in their simplest form. It accepts, gives each connection a thread,
//! reads one request, calls the application, writes what it returns, and closes, as they do
//! (no keep-alive).
//!
//! A request head is at most 16 KiB and must come within 10 s; one that does not parse gets
//! 400; a failed accept (too many open files) is logged and retried.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// What an application returns: a status line's code and reason, a content type, a body.
#[derive(Debug)]
pub struct Response {
    pub status: &'static str,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

/// The longest request head read, and how long a client may take to send it.
const MAX_HEAD: usize = 16 << 10;
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `application` on `listener` for ever, a thread per connection.
pub fn serve_forever<F>(listener: &TcpListener, application: F) -> !
where
    F: Fn(&httparse::Request<'_, '_>) -> Response + Send + Sync + 'static,
{
    let application = Arc::new(application);
    loop {
        let (connection, _) = serve::accept_blocking(listener);
        let application = Arc::clone(&application);
        let spawned = thread::Builder::new().spawn(move || {
            if let Err(error) = serve_connection(connection, &*application) {
                eprintln!("connection ended with an error: {error}");
            }
        });
        if let Err(error) = spawned {
            eprintln!("no thread for a new connection: {error}");
        }
    }
}

/// One connection: one request, one answer.
fn serve_connection<F>(mut connection: TcpStream, application: &F) -> io::Result<()>
where
    F: Fn(&httparse::Request<'_, '_>) -> Response,
{
    connection.set_read_timeout(Some(HEAD_TIMEOUT))?;
    let head = read_head(&mut connection)?;
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut request = httparse::Request::new(&mut headers);
    let response = match head.as_deref().map(|head| request.parse(head)) {
        Some(Ok(httparse::Status::Complete(_))) => application(&request),
        _ => Response {
            status: "400 Bad Request",
            content_type: "text/plain",
            body: b"Bad Request\n".to_vec(),
        },
    };
    let head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        response.status,
        response.content_type,
        response.body.len()
    );
    connection.write_all(head.as_bytes())?;
    connection.write_all(&response.body)
}

/// Reads a request head, up to its blank line; `None` if the client closes first or sends
/// more than [`MAX_HEAD`] bytes without one.
fn read_head(connection: &mut TcpStream) -> io::Result<Option<Vec<u8>>> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0; 1024];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            return Ok(None);
        }
        let read = connection.read(&mut chunk)?;
        if read == 0 {
            return Ok(None);
        }
        head.extend_from_slice(&chunk[..read]);
    }
    Ok(Some(head))
}
