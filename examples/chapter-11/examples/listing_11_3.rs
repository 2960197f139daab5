//! Listing 11.3: a dictionary that changes while a gather uses it.
//!
//! The Rust twin of `chapter_11/listing_11_3.py`. A message to every connected user is prepared
//! while Eric disconnects: his socket is closed before his message goes out, and sending on it
//! fails, which ends the program.
//!
//! Run with:
//! ```text
//! cargo run --example listing_11_3
//! ```
//!
//! Expected output (0 s):
//! ```text
//! Creating message tasks
//! Eric disconnected!
//! Sending: Hello John
//! Sending: Hello Terry
//! Sending: Hello Graham
//! ```
//! Expected stderr, and exit status 1, where Python prints the exception's traceback:
//! ```text
//! Error: Socket is closed!
//! ```
//!
//! Where Rust differs:
//! - The users live behind a `std::sync::Mutex`, since tasks share them; it is never held
//!   across an `.await`. The list keeps insertion order, as a Python dict does.
//! - `gather` wraps each send in a task that runs only when the current one yields; spawning
//!   them is what lets the disconnect run first, as in the book.
//! - The exception is the `Err` of Eric's send; `try_join_all` stops at it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use futures::future::try_join_all;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Default)]
struct MockSocket {
    socket_closed: AtomicBool,
}

impl MockSocket {
    async fn send(&self, msg: String) -> Result<(), BoxError> {
        if self.socket_closed.load(Ordering::Relaxed) {
            return Err("Socket is closed!".into());
        }
        println!("Sending: {msg}");
        tokio::time::sleep(Duration::from_secs(1)).await;
        println!("Sent: {msg}");
        Ok(())
    }

    fn close(&self) {
        self.socket_closed.store(true, Ordering::Relaxed);
    }
}

type Users = Mutex<Vec<(&'static str, Arc<MockSocket>)>>;

static USER_NAMES_TO_SOCKETS: LazyLock<Users> = LazyLock::new(|| {
    let names = ["John", "Terry", "Graham", "Eric"];
    Mutex::new(names.map(|name| (name, Arc::default())).to_vec())
});

fn users() -> std::sync::MutexGuard<'static, Vec<(&'static str, Arc<MockSocket>)>> {
    USER_NAMES_TO_SOCKETS
        .lock()
        .expect("no task panics holding the list")
}

async fn user_disconnect(username: &str) {
    println!("{username} disconnected!");
    let socket = {
        let mut users = users();
        let at = users.iter().position(|(name, _)| *name == username);
        at.map(|at| users.remove(at).1)
    };
    if let Some(socket) = socket {
        socket.close();
    }
}

async fn message_all_users() -> Result<(), BoxError> {
    println!("Creating message tasks");
    let messages: Vec<_> = users()
        .iter()
        .map(|(user, socket)| {
            let socket = Arc::clone(socket);
            let msg = format!("Hello {user}");
            tokio::spawn(async move { socket.send(msg).await })
        })
        .collect();
    try_join_all(messages.into_iter().map(|task| async { task.await? })).await?;
    Ok(())
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    tokio::try_join!(message_all_users(), async {
        user_disconnect("Eric").await;
        Ok(())
    })?;
    Ok(())
}
