//! Listing 11.15: `Condition.wait_for`: queries that wait until a connection is initialised.
//!
//! The Rust twin of `chapter_11/listing_11_15.py`. Two queries start before the connection
//! does; each waits on the condition until the state is `INITIALIZED`, checking it after each
//! notification. The connection takes 3 s to initialise; then the first query runs for 3 s
//! holding the lock, and the second one after it: 9 s in all.
//!
//! Run with:
//! ```text
//! cargo run --example listing_11_15
//! ```
//!
//! Expected output (9 s):
//! ```text
//! execute: Waiting for connection to initialize
//! _is_initialized: Connection not finished initializing, state is ConnectionState.WAIT_INIT
//! execute: Waiting for connection to initialize
//! _is_initialized: Connection not finished initializing, state is ConnectionState.WAIT_INIT
//! change_state: State changing from ConnectionState.WAIT_INIT to ConnectionState.INITIALIZING
//! initialize: Initializing connection...
//! _is_initialized: Connection not finished initializing, state is ConnectionState.INITIALIZING
//! _is_initialized: Connection not finished initializing, state is ConnectionState.INITIALIZING
//! initialize: Finished initializing connection
//! change_state: State changing from ConnectionState.INITIALIZING to ConnectionState.INITIALIZED
//! _is_initialized: Connection is initialized!
//! execute: Running select * from table!!!
//! _is_initialized: Connection is initialized!
//! execute: Running select * from other_table!!!
//! ```
//!
//! Where Rust differs: the condition owns the state it guards (`Condition<ConnectionState>`),
//! so the predicate of `wait_for` receives the state instead of reading `self._state`, and the
//! state cannot be changed without the lock. The states print as Python's enum members do.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use asyncio_blocks::Condition;
use tokio::time::sleep;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ConnectionState {
    WaitInit,
    Initializing,
    Initialized,
}

/// `ConnectionState.WAIT_INIT`, as Python prints an `Enum` member.
impl fmt::Display for ConnectionState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            ConnectionState::WaitInit => "WAIT_INIT",
            ConnectionState::Initializing => "INITIALIZING",
            ConnectionState::Initialized => "INITIALIZED",
        };
        write!(f, "ConnectionState.{name}")
    }
}

struct Connection {
    condition: Condition<ConnectionState>,
}

impl Connection {
    fn new() -> Self {
        Connection {
            condition: Condition::new(ConnectionState::WaitInit),
        }
    }

    async fn initialize(&self) {
        self.change_state(ConnectionState::Initializing).await;
        println!("initialize: Initializing connection...");
        sleep(Duration::from_secs(3)).await; // simulate connection startup time
        println!("initialize: Finished initializing connection");
        self.change_state(ConnectionState::Initialized).await;
    }

    async fn execute(&self, query: &str) {
        let guard = self.condition.lock().await;
        println!("execute: Waiting for connection to initialize");
        let _guard = guard.wait_for(is_initialized).await;
        println!("execute: Running {query}!!!");
        sleep(Duration::from_secs(3)).await; // simulate a long query
    }

    async fn change_state(&self, state: ConnectionState) {
        let mut guard = self.condition.lock().await;
        println!("change_state: State changing from {} to {state}", *guard);
        *guard = state;
        guard.notify_all();
    }
}

fn is_initialized(state: &ConnectionState) -> bool {
    if *state != ConnectionState::Initialized {
        println!("_is_initialized: Connection not finished initializing, state is {state}");
        return false;
    }
    println!("_is_initialized: Connection is initialized!");
    true
}

#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    let connection = Arc::new(Connection::new());
    let query_one = tokio::spawn({
        let connection = Arc::clone(&connection);
        async move { connection.execute("select * from table").await }
    });
    let query_two = tokio::spawn({
        let connection = Arc::clone(&connection);
        async move { connection.execute("select * from other_table").await }
    });
    tokio::spawn({
        let connection = Arc::clone(&connection);
        async move { connection.initialize().await }
    });
    query_one.await?;
    query_two.await?;
    Ok(())
}
