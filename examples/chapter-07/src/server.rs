//! The accept of Listings 7.1 and 7.2's thread-per-client servers.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

/// `server.accept()`, for a server that must not die of a failed accept: Python's would (an
/// `OSError` out of the loop), and the commonest one, too many open files, passes as soon as
/// a client leaves. So a failure is logged on stderr, and the accept tried again a little later.
pub fn accept(server: &TcpListener) -> (TcpStream, SocketAddr) {
    loop {
        match server.accept() {
            Ok(accepted) => return accepted,
            Err(error) => {
                eprintln!("accept failed: {error}; trying again in 0.1 s");
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
}
