//! Listing 11.5: Listing 11.3 fixed with a lock.
//!
//! The Rust twin of `chapter_11/listing_11_5.py`. Sending to every user and removing a user both
//! take the lock on the user list, so Eric is removed only after every message, his own
//! included, has gone out.
//!
//! Run with:
//! ```text
//! cargo run --example listing_11_5
//! ```
//!
//! Expected output (1 s):
//! ```text
//! Creating message tasks
//! Eric disconnected!
//! Sending: Hello John
//! Sending: Hello Terry
//! Sending: Hello Graham
//! Sending: Hello Eric
//! Sent: Hello John
//! Sent: Hello Terry
//! Sent: Hello Graham
//! Sent: Hello Eric
//! Removing Eric from dictionary
//! ```
//!
//! Where Rust differs: the lock owns the list (`tokio::sync::Mutex<Vec<..>>`), so the list
//! cannot be reached without it: the race of Listing 11.3 no longer compiles, rather than
//! being avoided by discipline.

use std::time::Duration;

use futures::future::try_join_all;
use tokio::sync::Mutex;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Default)]
struct MockSocket {
    socket_closed: bool,
}

impl MockSocket {
    async fn send(&self, msg: String) -> Result<(), BoxError> {
        if self.socket_closed {
            return Err("Socket is closed!".into());
        }
        println!("Sending: {msg}");
        tokio::time::sleep(Duration::from_secs(1)).await;
        println!("Sent: {msg}");
        Ok(())
    }

    fn close(&mut self) {
        self.socket_closed = true;
    }
}

type Users = Mutex<Vec<(&'static str, MockSocket)>>;

async fn user_disconnect(username: &str, user_lock: &Users) {
    println!("{username} disconnected!");
    let mut users = user_lock.lock().await;
    println!("Removing {username} from dictionary");
    if let Some(at) = users.iter().position(|(name, _)| *name == username) {
        users.remove(at).1.close();
    }
}

async fn message_all_users(user_lock: &Users) -> Result<(), BoxError> {
    println!("Creating message tasks");
    let users = user_lock.lock().await;
    let messages = users
        .iter()
        .map(|(user, socket)| socket.send(format!("Hello {user}")));
    // `gather` starts its coroutines as tasks at the loop's next turn; yielding once lets the
    // disconnect have that turn first, as in the book. (These futures borrow the list under
    // the guard, so they run inside this task rather than as tasks of their own.)
    tokio::task::yield_now().await;
    try_join_all(messages).await?;
    Ok(())
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let names = ["John", "Terry", "Graham", "Eric"];
    let user_lock: Users = Mutex::new(names.map(|name| (name, MockSocket::default())).into());
    tokio::try_join!(message_all_users(&user_lock), async {
        user_disconnect("Eric", &user_lock).await;
        Ok(())
    })?;
    Ok(())
}
