//! A server on a thread and a runtime of its own, stopped when dropped.
//!
//! Some examples need a server that keeps answering while their own thread is busy: Listing
//! 2.20 blocks its only thread on purpose, chapter 1's clients block theirs, and the WebSocket
//! article's synchronous `get_widgets` builds and drops runtimes of its own. A server task on
//! the example's runtime could never answer them, so the stand-ins run here instead, on the
//! real clock.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::mpsc;
use std::task::{Context, Poll};
use std::thread;

use tokio::sync::oneshot;

/// A running server thread. Dropping it asks the server to stop and waits for the thread.
#[derive(Debug)]
pub struct ServerThread {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    join: Option<thread::JoinHandle<()>>,
}

/// Completes when the [`ServerThread`] is dropped: the server's shutdown signal.
#[derive(Debug)]
pub struct Shutdown(oneshot::Receiver<()>);

impl Future for Shutdown {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // A dropped sender is a stop as well.
        Pin::new(&mut self.0).poll(cx).map(|_| ())
    }
}

impl ServerThread {
    /// Starts thread `name` with a `current_thread` runtime and calls `bind` in it, which binds
    /// a listener and returns its address and the future that serves it until [`Shutdown`]
    /// completes. Returns once the listener is bound, so clients can connect at once.
    ///
    /// # Errors
    /// If the thread or the runtime cannot be started, or `bind` fails.
    pub fn start<B, F>(name: &str, bind: B) -> io::Result<Self>
    where
        B: FnOnce(Shutdown) -> io::Result<(SocketAddr, F)> + Send + 'static,
        F: Future<Output = ()>,
    {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (ready_tx, ready_rx) = mpsc::channel();
        let (stop, stopped) = oneshot::channel();
        let join = thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                // Binding needs the runtime's reactor, hence `enter`.
                let bound = {
                    let _entered = runtime.enter();
                    bind(Shutdown(stopped))
                };
                match bound {
                    Ok((addr, serve)) => {
                        let _ = ready_tx.send(Ok(addr));
                        runtime.block_on(serve);
                    }
                    Err(error) => {
                        let _ = ready_tx.send(Err(error));
                    }
                }
            })?;
        let addr = ready_rx.recv().unwrap_or_else(|_| {
            Err(io::Error::other(
                "the server thread stopped before it was ready",
            ))
        })?;
        Ok(ServerThread {
            addr,
            stop: Some(stop),
            join: Some(join),
        })
    }

    /// Where the server listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for ServerThread {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(join) = self.join.take() {
            let _ = join.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn serves_until_dropped_and_reports_bind_errors() {
        let server = ServerThread::start("echo", |shutdown| {
            let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
            listener.set_nonblocking(true)?;
            let listener = tokio::net::TcpListener::from_std(listener)?;
            let addr = listener.local_addr()?;
            Ok((addr, async move {
                tokio::select! {
                    () = shutdown => {}
                    Ok((mut stream, _)) = listener.accept() => {
                        use tokio::io::AsyncWriteExt;
                        let _ = stream.write_all(b"hi").await;
                    }
                }
            }))
        })
        .unwrap();
        let mut stream = std::net::TcpStream::connect(server.addr()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        assert_eq!(answer, "hi");
        drop(server);

        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = taken.local_addr().unwrap();
        let error = ServerThread::start("clash", move |_| {
            std::net::TcpListener::bind(addr)?;
            Ok((addr, async {}))
        })
        .unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AddrInUse);
        let _ = (taken, std::io::stdout().flush());
    }
}
