//! Listing 8.5: standard input as a stream reader that never blocks the event loop.
//!
//! asyncio's `connect_read_pipe` puts file descriptor 0 in non-blocking mode and has the loop
//! watch it. The twin here is [`tokio::io::unix::AsyncFd`], tokio's way to have its event loop
//! (epoll) watch a descriptor it did not open, with two differences that matter in a terminal:
//!
//! - asyncio sets `O_NONBLOCK` on descriptor 0 itself, and never clears it. In a terminal,
//!   descriptors 0, 1 and 2 are one open file, so the flag also makes the program's writes to
//!   stdout non-blocking (a busy terminal can then fail a `print` with "Resource temporarily
//!   unavailable"), and it stays on for the shell after the program ends. Here standard input
//!   is opened anew (`/proc/self/fd/0`, Linux's name for it) and only that new open file is
//!   non-blocking: stdout and the shell's terminal are left as they are.
//! - epoll watches terminals, pipes and sockets, not regular files: `cargo run ... < file`
//!   makes asyncio fail ("Pipe transport is for pipes/sockets only"). Here a file (or
//!   `/dev/null`, or anything epoll refuses) is read with `tokio::io::stdin()` instead, on
//!   tokio's blocking threads, where a read of a file never waits for long.
//!
//! Why not `tokio::io::stdin()` for everything: it reads on a blocking thread, and a read that
//! waits for the keyboard cannot be cancelled: the runtime would wait for it at exit, until
//! the reader pressed Enter.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::io::unix::AsyncFd;
use tokio::io::{AsyncRead, BufReader, Interest, ReadBuf};

/// asyncio's `StreamReader` over standard input: buffered, so `read(1)` and `readline()` are
/// cheap (see [`create_stdin_reader`]).
pub type StreamReader = BufReader<Stdin>;

/// Standard input, read without blocking the thread (see the module's documentation).
#[derive(Debug)]
pub struct Stdin(Source);

#[derive(Debug)]
enum Source {
    /// A terminal, a pipe or a socket, watched by the event loop.
    Watched(AsyncFd<File>),
    /// A file, read on a blocking thread.
    File(tokio::io::Stdin),
}

/// `await create_stdin_reader()`: standard input as a buffered async reader. Call it from
/// inside the runtime (the event loop watches the descriptor). It cannot fail: what the event
/// loop cannot watch is read the other way.
pub fn create_stdin_reader() -> StreamReader {
    BufReader::new(Stdin(Source::open()))
}

impl Source {
    fn open() -> Self {
        let watched = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open("/proc/self/fd/0")
            .and_then(|file| {
                // SAFETY: a `File` owns its descriptor, which stays open and the same until
                // the `File` is dropped, with the `AsyncFd`.
                unsafe { AsyncFd::register_with_interest(file, Interest::READABLE) }
                    .map_err(io::Error::from)
            });
        match watched {
            Ok(fd) if !is_regular_file(fd.get_ref()) => Source::Watched(fd),
            // A regular file opened anew would start at its beginning, and epoll refuses it
            // anyway; `/dev/null` and a socket end here too.
            _ => Source::File(tokio::io::stdin()),
        }
    }
}

fn is_regular_file(file: &File) -> bool {
    file.metadata().is_ok_and(|metadata| metadata.is_file())
}

impl AsyncRead for Stdin {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match &mut self.get_mut().0 {
            Source::File(stdin) => Pin::new(stdin).poll_read(cx, buf),
            Source::Watched(fd) => loop {
                // Wait until epoll says there is something to read, then read what there is.
                // If another reader took it first, the read says "would block", the readiness
                // is cleared and we wait again.
                let mut ready = ready!(fd.poll_read_ready(cx))?;
                let unfilled = buf.initialize_unfilled();
                match ready.try_io(|file| file.get_ref().read(unfilled)) {
                    Ok(Ok(read)) => {
                        buf.advance(read);
                        return Poll::Ready(Ok(()));
                    }
                    // A terminal that went away (its window closed) reads as an I/O error:
                    // for a reader, that is the end of the input.
                    Ok(Err(error)) if error.raw_os_error() == Some(libc::EIO) => {
                        return Poll::Ready(Ok(()));
                    }
                    Ok(Err(error)) => return Poll::Ready(Err(error)),
                    Err(_would_block) => {}
                }
            },
        }
    }
}
