//! Binding and accepting: room for a burst of clients, and an accept loop that survives
//! running out of file descriptors.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use std::future::Future;
use std::pin::pin;

use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::task::JoinSet;
use tokio::time::Instant;

/// Raises the soft `RLIMIT_NOFILE` to the hard limit and returns the new soft limit.
///
/// Every connection a server holds is a file descriptor, and many Linux distributions start
/// processes with a soft limit of 1024 open files: a server with a thousand clients, or a
/// benchmark with client and server in one process, runs out. The hard limit is what the
/// administrator allows; raising the soft one up to it is what servers commonly do at start-up,
/// so each of ours calls this first thing in `main`, where a reader sees it.
///
/// Nothing in our dependency tree does this (tokio, hyper and mio leave limits alone; the
/// `rlimit` and `fdlimit` crates would, but they are two more dependencies for one system call),
/// so we call `libc` directly. Unix only; elsewhere it returns `None`.
pub fn raise_open_file_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit only read or write the struct we pass.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
                return None;
            }
            if limit.rlim_cur < limit.rlim_max {
                let raised = libc::rlimit {
                    rlim_cur: limit.rlim_max,
                    rlim_max: limit.rlim_max,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                    limit = raised;
                }
            }
        }
        #[allow(clippy::useless_conversion)] // rlim_t is not u64 on every platform
        Some(u64::from(limit.rlim_cur))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// The listen backlog [`listen`] asks for. Linux caps it at `net.core.somaxconn` (4096 on this
/// machine); asking for more than the cap is harmless.
pub const LISTEN_BACKLOG: u32 = 8192;

/// Binds a listener on `addr` with room for thousands of clients waiting to be accepted.
///
/// `TcpListener::bind` asks for a backlog of 128 (the standard library's value): a burst of
/// 1,000 connects overflows it, and the kernel makes the overflowing clients retry their SYN a
/// second later (then 3 s later), which shows up as requests that take 2 s or more instead of
/// 1 s. A `TcpSocket` lets us choose the backlog. `SO_REUSEADDR` lets a restarted server bind
/// while connections of the last one are still in `TIME_WAIT`. It must be called inside a
/// tokio runtime, like `TcpListener::bind`.
///
/// # Errors
/// The system's, naming the address: `cannot listen on 127.0.0.1:8080: Address already in use
/// (os error 98)`, of the system error's kind.
pub fn listen(addr: SocketAddr) -> io::Result<TcpListener> {
    let bound = (|| {
        let socket = if addr.is_ipv4() {
            TcpSocket::new_v4()?
        } else {
            TcpSocket::new_v6()?
        };
        socket.set_reuseaddr(true)?;
        socket.bind(addr)?;
        socket.listen(LISTEN_BACKLOG)
    })();
    bound.map_err(|error| io::Error::new(error.kind(), format!("cannot listen on {addr}: {error}")))
}

/// Says on stderr where a server listens, when the reader let the system choose its port
/// (`--port 0`): the book's servers print nothing of their port, so stdout stays the book's,
/// and a reader who asked for any free port still learns which one it got.
pub fn tell_chosen_port(asked: u16, bound: SocketAddr) {
    if asked == 0 {
        eprintln!("listening on {bound}");
    }
}

/// What a server does when `accept` fails: out of file descriptors, usually, which ends no
/// connection and goes away when one closes. Ending the server there would end it for every
/// client; retrying at once would spin the loop and flood the log. So each failure waits a
/// little longer (10 ms, doubling up to 1 s, back to 10 ms after a success), and a warning is
/// logged at most once every 10 s, with the number of failures since the last one: a server
/// that flaps at its limit, failing and succeeding in turn, logs no more than one that fails
/// for good.
#[derive(Debug)]
pub struct AcceptErrors {
    pause: Duration,
    unreported: u64,
    last_report: Option<Instant>,
}

impl Default for AcceptErrors {
    fn default() -> Self {
        AcceptErrors {
            pause: Self::FIRST_PAUSE,
            unreported: 0,
            last_report: None,
        }
    }
}

impl AcceptErrors {
    const FIRST_PAUSE: Duration = Duration::from_millis(10);
    const LONGEST_PAUSE: Duration = Duration::from_secs(1);
    const REPORT_EVERY: Duration = Duration::from_secs(10);

    /// Records a failed `accept` and waits before the next try.
    pub async fn failed(&mut self, error: &io::Error) {
        self.unreported += 1;
        let due = self
            .last_report
            .is_none_or(|last| last.elapsed() >= Self::REPORT_EVERY);
        if due {
            tracing::warn!(
                %error,
                failures = self.unreported,
                "accept failed; retrying, with a pause that grows to 1 s"
            );
            self.unreported = 0;
            self.last_report = Some(Instant::now());
        }
        tokio::time::sleep(self.pause).await;
        self.pause = (self.pause * 2).min(Self::LONGEST_PAUSE);
    }

    /// Records a successful `accept`: the next failure waits the shortest pause again.
    pub fn accepted(&mut self) {
        self.pause = Self::FIRST_PAUSE;
    }

    /// Failures not yet reported in a warning.
    pub fn unreported(&self) -> u64 {
        self.unreported
    }
}

/// The accept loop every server of the workspace runs: accepts clients on `listener` until
/// `shutdown` completes, and serves each with `serve_client` on a task of its own. Returns the
/// tasks of the clients still connected, for the server to finish as it sees fit: wait for
/// them for a while (a graceful shutdown), or drop them (`JoinSet` aborts its tasks when
/// dropped).
///
/// A failed `accept` ends no client and not the server: see [`AcceptErrors`]. Tasks that have
/// finished are reaped at every accept, so the set holds only the clients still connected,
/// however many came and went.
pub async fn accept_until<F>(
    listener: &TcpListener,
    shutdown: impl Future<Output = ()>,
    mut serve_client: impl FnMut(TcpStream, SocketAddr) -> F,
) -> JoinSet<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let mut clients = JoinSet::new();
    let mut errors = AcceptErrors::default();
    let mut shutdown = pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => return clients,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, peer)) => {
                errors.accepted();
                clients.spawn(serve_client(stream, peer));
            }
            Err(error) => errors.failed(&error).await,
        }
        while clients.try_join_next().is_some() {}
    }
}

/// `server.accept()` for a blocking server, a thread per client (Listings 7.1, 7.2 and 9.6):
/// Python's would die of a failed accept (an `OSError` out of its loop), and the commonest
/// one, too many open files, passes as soon as a client leaves. So a failure is logged on
/// stderr, and the accept tried again a little later.
pub fn accept_blocking(server: &std::net::TcpListener) -> (std::net::TcpStream, SocketAddr) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn failed_accepts_wait_longer_and_longer_up_to_a_second() {
        let mut errors = AcceptErrors::default();
        let error = io::Error::from_raw_os_error(24); // EMFILE
        let started = tokio::time::Instant::now();
        for _ in 0..10 {
            errors.failed(&error).await;
        }
        // 10 + 20 + ... + 640 ms, then 1 s three times.
        assert_eq!(started.elapsed(), Duration::from_millis(1270 + 3000));
        // The first was reported; the nine after it, within 10 s, wait for the next report.
        assert_eq!(errors.unreported(), 9);
        errors.accepted();
        let again = tokio::time::Instant::now();
        errors.failed(&error).await;
        assert_eq!(again.elapsed(), Duration::from_millis(10));
        // Flapping (fail, succeed, fail...) reports no more often.
        for _ in 0..100 {
            errors.accepted();
            errors.failed(&error).await;
        }
        assert_eq!(errors.unreported(), 110);
        tokio::time::sleep(Duration::from_secs(10)).await;
        errors.failed(&error).await;
        assert_eq!(errors.unreported(), 0);
    }

    #[tokio::test]
    async fn the_loop_serves_each_client_and_hands_back_those_still_connected() {
        use tokio::io::AsyncReadExt;
        let listener = listen(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let serving = tokio::spawn(async move {
            accept_until(
                &listener,
                async {
                    let _ = stopped.await;
                },
                |mut stream, _| async move {
                    // A client is served until it closes; one that says "bye" is done at once.
                    let mut said = [0; 3];
                    let _ = stream.read_exact(&mut said).await;
                    if &said != b"bye" {
                        let _ = stream.read(&mut said).await;
                    }
                },
            )
            .await
        });
        let mut leaving = TcpStream::connect(addr).await.unwrap();
        tokio::io::AsyncWriteExt::write_all(&mut leaving, b"bye")
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
        let _staying = TcpStream::connect(addr).await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
        stop.send(()).unwrap();
        let clients = serving.await.unwrap();
        // The client that left was reaped at the next accept; the other is handed back.
        assert_eq!(clients.len(), 1);
    }

    #[tokio::test]
    async fn listen_binds_and_reports_a_port_in_use() {
        let listener = listen(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
        let taken = listener.local_addr().unwrap();
        let error = listen(taken).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AddrInUse);
        assert!(
            error
                .to_string()
                .starts_with(&format!("cannot listen on {taken}: ")),
            "{error}"
        );
    }

    #[test]
    fn the_limit_is_at_least_what_it_was() {
        let before = raise_open_file_limit();
        assert!(before.is_some());
        assert_eq!(raise_open_file_limit(), before);
    }
}
