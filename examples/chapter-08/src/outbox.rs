//! What the chat servers (Listings 8.12 and 8.13) send each client: a queue, bounded in bytes,
//! and a task that writes it to the client's socket.
//!
//! The book writes to each client in turn and awaits its `drain()` inside the loop over all of
//! them: a client that stops reading fills its socket's buffer, its `drain()` never returns,
//! and the whole room stops with it. Here a message for everyone is put in each client's
//! queue without waiting ([`Outbox::try_send`]); each client's own task writes its queue to
//! its socket, at the pace the client reads. A client with more than [`BEHIND_LIMIT`] bytes
//! waiting has stopped reading: the server drops it, as IRC servers drop a client whose
//! "send queue" overflows, so the memory a client can hold is bounded. A message for
//! everyone is one `Arc<str>`, shared by every queue it is in, not a copy per client.
//!
//! The bound is in bytes, not messages: when many people join at once, each client's queue
//! takes a notice per newcomer before its task gets to run, a burst of small messages that
//! says nothing about whether the client reads.
//!
//! Checked first: tokio's `broadcast` channel is a bounded queue shared by everyone, but it
//! counts messages, and a receiver learns that it fell behind only when it reads again (a
//! client stuck in a write never does); the room's names and its one-client messages would
//! still need a map.

use std::future::Future;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};

/// How many bytes may wait for a client before the server drops it.
pub const BEHIND_LIMIT: usize = 1 << 20;

/// How long one write to a client may wait for it to read before the server drops it: a
/// client that reads nothing while nobody talks is not behind, but one that has not taken
/// what was sent for this long is gone, or stuck.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// A client's queue of messages to send. Dropping it closes the queue: what is in it is still
/// written, then the client's writing half is shut down.
#[derive(Debug)]
pub struct Outbox {
    queue: mpsc::UnboundedSender<Arc<str>>,
    waiting: Arc<AtomicUsize>,
    drop_now: oneshot::Sender<()>,
}

/// Why a message could not be queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotSent {
    /// The client has more than [`BEHIND_LIMIT`] bytes waiting.
    TooSlow,
    /// The client's writing task has ended: it has left.
    Gone,
}

impl std::fmt::Display for NotSent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotSent::TooSlow => write!(f, "the client is more than {BEHIND_LIMIT} bytes behind"),
            NotSent::Gone => write!(f, "the client has left"),
        }
    }
}

impl std::error::Error for NotSent {}

impl Outbox {
    /// A queue for the client whose writing half is `writer`, and the future that writes it:
    /// run that future for as long as the client is connected. It ends once the `Outbox` is
    /// dropped and what was queued is written (then it shuts the writing half down); at once
    /// with an error after [`Outbox::drop_client`]; or with the error of a write that failed
    /// or took longer than [`SEND_TIMEOUT`].
    pub fn new<W>(writer: W) -> (Outbox, impl Future<Output = io::Result<()>> + Send)
    where
        W: AsyncWrite + Unpin + Send,
    {
        let (queue, messages) = mpsc::unbounded_channel();
        let waiting = Arc::new(AtomicUsize::new(0));
        let (drop_now, dropped) = oneshot::channel();
        let sending = send_queued(messages, Arc::clone(&waiting), writer);
        let sending = async move {
            tokio::select! {
                sent = sending => sent,
                Ok(()) = dropped => Err(io::Error::other("dropped for falling behind")),
            }
        };
        (
            Outbox {
                queue,
                waiting,
                drop_now,
            },
            sending,
        )
    }

    /// Queues `message` without waiting.
    ///
    /// # Errors
    /// If the client is too far behind, or its writer has ended.
    pub fn try_send(&self, message: &Arc<str>) -> Result<(), NotSent> {
        let waiting = self.waiting.load(Ordering::Relaxed);
        if waiting + message.len() > BEHIND_LIMIT {
            return Err(NotSent::TooSlow);
        }
        self.queue
            .send(Arc::clone(message))
            .map_err(|_| NotSent::Gone)?;
        self.waiting.fetch_add(message.len(), Ordering::Relaxed);
        Ok(())
    }

    /// Ends the client's writing task now, without writing what waits: for a client that has
    /// stopped reading, whose task may be stuck in a write that will never finish.
    pub fn drop_client(self) {
        // The task may have ended already; then there is nothing to stop.
        let _ = self.drop_now.send(());
    }
}

async fn send_queued<W>(
    mut messages: mpsc::UnboundedReceiver<Arc<str>>,
    waiting: Arc<AtomicUsize>,
    mut writer: W,
) -> io::Result<()>
where
    W: AsyncWrite + Unpin,
{
    const BATCH: usize = 256;
    // What is queued goes out in one write: when many messages come at once (a burst of
    // people joining), a write per message would be a system call per message. The buffers
    // are made for each batch rather than kept: kept, each would stay the size of the
    // client's largest burst, kilobytes for each of thousands of idle clients.
    loop {
        let mut batch = Vec::new();
        if messages.recv_many(&mut batch, BATCH).await == 0 {
            break;
        }
        let mut bytes = Vec::with_capacity(batch.iter().map(|message| message.len()).sum());
        for message in &batch {
            bytes.extend_from_slice(message.as_bytes());
        }
        tokio::time::timeout(SEND_TIMEOUT, writer.write_all(&bytes))
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "the client stopped reading"))??;
        waiting.fetch_sub(bytes.len(), Ordering::Relaxed);
    }
    writer.shutdown().await
}
