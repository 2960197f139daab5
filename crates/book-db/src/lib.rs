//! The book's PostgreSQL, for chapter 5 and the chapters that come back to it.
//!
//! The book runs its listings against a server at `127.0.0.1:5432` (user `postgres`, password
//! `password`) with a `products` database that the reader fills by running Listings 5.3 to 5.6
//! in turn. Here [`Database`] gives each example its server:
//!
//! - the reader's own, when `DATABASE_URL` or any of libpq's `PG*` variables is set;
//! - otherwise a throwaway server of its own, started from the PostgreSQL binaries installed
//!   on the machine, on a free port of 127.0.0.1, with the database in the state the book has
//!   it in at that listing (a [`State`], such as chapter 5's `Products`). It says so in one line on stderr, and is
//!   stopped and removed when the [`Database`] is dropped.
//!
//! What the throwaway costs is in [`template`]: the states are built once and kept under
//! `target/book-db/`, and each run copies one. Nothing is downloaded and nothing needs Docker.
//!
//! Crates checked before writing this: `postgresql_embedded` downloads server binaries (there
//! is no network here) and needs Rust 1.94; `pg-embed` downloads them too; `testcontainers`
//! needs a Docker engine. The machine's own `initdb` and `postgres` need no more than this.

mod cursor;
mod execute_many;
mod record;
pub mod server;
pub mod template;

use std::future::Future;
use std::hash::DefaultHasher;
use std::io;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio_postgres::config::Host;
use tokio_postgres::tls::NoTlsStream;
use tokio_postgres::{Client, Config, Connection, NoTls, Socket};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// How long a connection may take unless `DATABASE_URL` says otherwise.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

pub use cursor::Cursor;
pub use execute_many::execute_many;
pub use record::{Record, Records};
use server::{Durability, PASSWORD, Postmaster, Setup};
use template::Templates;

/// What a throwaway server's database holds when an example starts: the book's chapter 5
/// defines the states of its `products` database (`chapter_05::Products`), and a later chapter
/// can define its own. Each state is built once into a template (see [`template`]).
pub trait State: Clone + Send + Sync + 'static {
    /// The database the example connects to, such as `products`. A state of the `postgres`
    /// database, which every server has, adds nothing to it (see [`Database::postgres`]).
    fn database(&self) -> &'static str;
    /// A short name for the template's folder: `catalog`.
    fn name(&self) -> &'static str;
    /// What the start-up line says the database holds: `as after Listings 5.3 to 5.6`, or
    /// nothing.
    fn story(&self) -> &'static str;
    /// Feeds everything that shapes the state (statements, seeds, word lists) to `hasher`: the
    /// template's folder is named after the hash, so a change builds it anew.
    fn fingerprint(&self, hasher: &mut DefaultHasher);
    /// Brings the new, empty database to the state.
    fn build(
        &self,
        client: &Client,
    ) -> impl Future<Output = Result<(), tokio_postgres::Error>> + Send;
}

/// The `postgres` database of a new server, as it comes: what Listing 5.1 connects to.
#[derive(Clone, Copy, Debug)]
pub struct Bare;

impl State for Bare {
    fn database(&self) -> &'static str {
        "postgres"
    }

    fn name(&self) -> &'static str {
        "bare"
    }

    fn story(&self) -> &'static str {
        ""
    }

    fn fingerprint(&self, _: &mut DefaultHasher) {}

    async fn build(&self, _: &Client) -> Result<(), tokio_postgres::Error> {
        Ok(())
    }
}

/// The database an example talks to, and the throwaway server behind it, if any.
#[derive(Debug)]
pub struct Database {
    config: Config,
    // Declared last: dropped after everything else, it stops and removes the server.
    server: Option<Throwaway>,
}

impl Database {
    /// The `postgres` database, which every server has (Listing 5.1).
    ///
    /// # Errors
    /// See [`Database::open`].
    pub async fn postgres() -> io::Result<Self> {
        Self::open(&Bare).await
    }

    /// The database `state` names: the reader's (the database `DATABASE_URL` or `PGDATABASE`
    /// names, or else `state`'s, on the server they name), or a throwaway server's, in `state`.
    ///
    /// A throwaway server is also stopped and removed on Ctrl-C or SIGTERM, which then end the
    /// program ([`Throwaway::remove_on_stop_signals`]): right for the book's scripts, not for a
    /// program that stops gracefully on those signals itself.
    ///
    /// # Errors
    /// If `DATABASE_URL` does not parse, or no server can be started (no binaries, no user to
    /// run them as, a server that fails); each in one line that says what to do.
    pub async fn open<S: State>(state: &S) -> io::Result<Self> {
        let database = Self::open_for_server(state).await?;
        if let Some(server) = &database.server {
            server.remove_on_stop_signals();
        }
        Ok(database)
    }

    /// [`Database::open`] for a program that stops gracefully on Ctrl-C and SIGTERM itself (a
    /// web application running its shutdown hook): the throwaway server is stopped and
    /// removed when the `Database` is dropped, after the program's own shutdown, and not by
    /// the signal.
    ///
    /// # Errors
    /// See [`Database::open`].
    pub async fn open_for_server<S: State>(state: &S) -> io::Result<Self> {
        let dbname = state.database();
        if let Some(config) = config_from_environment(dbname)? {
            return Ok(Database {
                config,
                server: None,
            });
        }
        let started = Instant::now();
        let server = Throwaway::start(state).await?;
        let release = server.version.split_whitespace().next().unwrap_or("");
        let story = match state.story() {
            "" => String::new(),
            story => format!(" {story}"),
        };
        eprintln!(
            "Using a throwaway PostgreSQL {release} on 127.0.0.1:{}, started in {:.2} s with \
             database {dbname}{story}; it goes away at exit (set DATABASE_URL to use your own \
             server)",
            server.port(),
            started.elapsed().as_secs_f64(),
        );
        Ok(Database {
            config: throwaway_config(server.port(), dbname),
            server: Some(server),
        })
    }

    /// Where to connect, for a pool's connections.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// How long a connection may take, handshake included: 10 s, or the `connect_timeout`
    /// that `DATABASE_URL` gives.
    pub fn connect_timeout(&self) -> Duration {
        self.config
            .get_connect_timeout()
            .copied()
            .unwrap_or(CONNECT_TIMEOUT)
    }

    /// `asyncpg.connect(...)`: `tokio_postgres::connect`, given up after
    /// [`connect_timeout`](Self::connect_timeout). tokio-postgres's own `connect_timeout`
    /// bounds only the TCP connection, so a server that accepts and then says nothing would
    /// keep it waiting for ever; asyncpg's `timeout` bounds the whole handshake, and so does
    /// this.
    ///
    /// # Errors
    /// The driver's, or a time-out that names the server.
    pub async fn connect(&self) -> Result<(Client, Connection<Socket, NoTlsStream>), BoxError> {
        let limit = self.connect_timeout();
        match tokio::time::timeout(limit, self.config.connect(NoTls)).await {
            // tokio-postgres says "error connecting to server": which server is for us to say.
            Ok(connected) => connected.map_err(|error| {
                format!(
                    "cannot connect to PostgreSQL at {}: {}",
                    self.address(),
                    util::one_line(&error)
                )
                .into()
            }),
            Err(_) => Err(format!(
                "no answer from PostgreSQL at {} within {} s",
                self.address(),
                limit.as_secs_f64()
            )
            .into()),
        }
    }

    /// Where the server is, `HOST:PORT`, for messages.
    pub fn address(&self) -> String {
        let host = match self.config.get_hosts().first() {
            Some(Host::Tcp(name)) => name.clone(),
            Some(Host::Unix(path)) => path.display().to_string(),
            None => "127.0.0.1".into(),
        };
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        format!("{host}:{port}")
    }

    /// Whether this is a throwaway server started for this run.
    pub fn is_throwaway(&self) -> bool {
        self.server.is_some()
    }

    /// What a child process needs in its environment for its own [`Database::open`] to reach
    /// this database: `DATABASE_URL` naming the throwaway server, or nothing when the reader's
    /// environment names the server (the child inherits it).
    pub fn environment_for_children(&self) -> Option<(&'static str, String)> {
        let server = self.server.as_ref()?;
        let dbname = self.config.get_dbname().unwrap_or("postgres");
        Some(("DATABASE_URL", server.url(dbname)))
    }
}

/// A server of our own in a copy of a template, stopped at once and removed when dropped.
#[derive(Debug)]
pub struct Throwaway {
    /// The server and its folder, until they are stopped and removed: by `Drop`, or by the
    /// reader's Ctrl-C (see [`Throwaway::remove_on_stop_signals`]).
    running: Arc<Mutex<Option<(Postmaster, PathBuf)>>>,
    port: u16,
    folder: PathBuf,
    /// The server's release, as `postgres --version` gives it.
    pub version: String,
}

impl Throwaway {
    /// Starts a server whose database is in `state`. The server is a child of the calling
    /// thread (see [`Postmaster::start`]).
    ///
    /// # Errors
    /// As [`Database::open`].
    pub async fn start<S: State>(state: &S) -> io::Result<Self> {
        let state = state.clone();
        let (templates, folder) = tokio::task::spawn_blocking(move || {
            let templates = Templates::open()?;
            let template = templates.data_folder(&state)?;
            let folder = templates.new_run_folder()?;
            templates.copy_data(&template, &folder.join("data"))?;
            Ok::<_, io::Error>((templates, folder))
        })
        .await??;
        let setup = Setup {
            binaries: &templates.binaries,
            user: &templates.user,
            data: &folder.join("data"),
            log: &folder.join("server.log"),
            durability: Durability::Throwaway,
        };
        let started = Postmaster::start(&setup, 0).await;
        let postmaster = match started {
            Ok(postmaster) => postmaster,
            Err(error) => {
                let _ = std::fs::remove_dir_all(&folder);
                return Err(error);
            }
        };
        Ok(Throwaway {
            port: postmaster.port(),
            running: Arc::new(Mutex::new(Some((postmaster, folder.clone())))),
            folder,
            version: templates.binaries.version,
        })
    }

    /// Stops the server and removes its folder on Ctrl-C or SIGTERM too, then ends the program
    /// as the signal would have (`util::cleanup::on_stop_signals`): a run folder is some 45 MB,
    /// which would otherwise stay until the next run sweeps it. For a program that has no signal
    /// handling of its own (the examples); its runtime must go on running, as an example's does.
    pub fn remove_on_stop_signals(&self) {
        let running = Arc::clone(&self.running);
        util::cleanup::on_stop_signals(move || stop_and_remove(&running));
    }

    /// The port it listens on, at 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The folder the server's data (a copy of the template) and log are in.
    pub fn folder(&self) -> &std::path::Path {
        &self.folder
    }

    /// A URL for `DATABASE_URL` that names database `dbname` on this server.
    pub fn url(&self, dbname: &str) -> String {
        format!(
            "postgres://postgres:{PASSWORD}@127.0.0.1:{}/{dbname}",
            self.port()
        )
    }
}

impl Drop for Throwaway {
    fn drop(&mut self) {
        stop_and_remove(&self.running);
    }
}

/// Stops a throwaway server at once and removes its folder, if that was not done already.
fn stop_and_remove(running: &Mutex<Option<(Postmaster, PathBuf)>>) {
    // A poisoned lock still holds the server: stop it all the same.
    let taken = running
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .take();
    if let Some((mut postmaster, folder)) = taken {
        postmaster.stop_now();
        let _ = std::fs::remove_dir_all(&folder);
    }
}

/// The book's connection settings, on a throwaway server's port.
pub(crate) fn throwaway_config(port: u16, dbname: &str) -> Config {
    let mut config = Config::new();
    config
        .host("127.0.0.1")
        .port(port)
        .user("postgres")
        .password(PASSWORD)
        .dbname(dbname);
    config
}

/// The reader's server, if they named one: `DATABASE_URL` (a `postgres://` URL or libpq's
/// `key=value` form), or else libpq's `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD` and
/// `PGDATABASE`, each defaulting to the book's setting. The database is the listing's unless
/// the URL or `PGDATABASE` names one.
fn config_from_environment(dbname: &str) -> io::Result<Option<Config>> {
    let mut config = if let Some(url) = non_empty_var("DATABASE_URL") {
        let config: Config = url.parse().map_err(|error| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("DATABASE_URL does not parse: {}", util::one_line(&error)),
            )
        })?;
        config
    } else {
        let names = ["PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE"];
        if !names.iter().any(|name| non_empty_var(name).is_some()) {
            return Ok(None);
        }
        let mut config = Config::new();
        config.host(non_empty_var("PGHOST").as_deref().unwrap_or("127.0.0.1"));
        let port = non_empty_var("PGPORT").unwrap_or_else(|| "5432".into());
        config.port(port.parse().map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("PGPORT is not a port: {port}"),
            )
        })?);
        config.user(non_empty_var("PGUSER").as_deref().unwrap_or("postgres"));
        config.password(non_empty_var("PGPASSWORD").as_deref().unwrap_or(PASSWORD));
        if let Some(name) = non_empty_var("PGDATABASE") {
            config.dbname(name);
        }
        config
    };
    if config.get_dbname().is_none() {
        config.dbname(dbname);
    }
    if config.get_hosts().is_empty() {
        config.host("127.0.0.1");
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    Ok(Some(config))
}

fn non_empty_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}
