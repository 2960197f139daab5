//! The throwaway server: it starts with the state asked for (built once into a template, then
//! copied), goes away with its handle, and the `postgres` database of [`Bare`] is there as on
//! any server. Chapter 5's tests check its own states (`chapter_05::Products`).

use std::hash::{DefaultHasher, Hash};
use std::time::{Duration, Instant};

use book_db::{Bare, Database, State, Throwaway};
use tokio_postgres::{Client, NoTls};

/// A state of this test's own: a table `numbers` holding 1 to `n`. (One `n` in all the tests: a
/// state is known by its name, and a template of another `n` under the same name would be
/// taken for an outdated one and replaced.)
#[derive(Clone, Copy, Debug)]
struct Numbers(i64);

impl State for Numbers {
    fn database(&self) -> &'static str {
        "numbers"
    }

    fn name(&self) -> &'static str {
        "counted"
    }

    fn story(&self) -> &'static str {
        "with the numbers of the test"
    }

    fn fingerprint(&self, hasher: &mut DefaultHasher) {
        self.0.hash(hasher);
    }

    async fn build(&self, client: &Client) -> Result<(), tokio_postgres::Error> {
        client
            .batch_execute(&format!(
                "CREATE TABLE numbers AS SELECT generate_series(1, {}) AS n",
                self.0
            ))
            .await
    }
}

async fn connect(url: &str) -> Client {
    let (client, connection) = tokio_postgres::connect(url, NoTls).await.unwrap();
    tokio::spawn(connection);
    client
}

#[tokio::test(flavor = "current_thread")]
async fn a_server_starts_in_the_state_asked_for() {
    let server = Throwaway::start(&Numbers(42)).await.unwrap();
    let client = connect(&server.url("numbers")).await;
    let row = client
        .query_one("SELECT count(*), sum(n) FROM numbers", &[])
        .await
        .unwrap();
    assert_eq!((row.get::<_, i64>(0), row.get::<_, i64>(1)), (42, 903));

    // Another state is another template; the bare one has only what every server has.
    let bare = Throwaway::start(&Bare).await.unwrap();
    let client = connect(&bare.url("postgres")).await;
    let databases: Vec<String> = client
        .query(
            "SELECT datname FROM pg_database WHERE NOT datistemplate",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(databases, ["postgres"]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_database_opened_on_a_throwaway_server_says_so() {
    let database = Database::open(&Numbers(42)).await.unwrap();
    assert!(database.is_throwaway());
    let (client, connection) = database.connect().await.unwrap();
    tokio::spawn(connection);
    let row = client.query_one("SELECT max(n) FROM numbers", &[]).await;
    assert_eq!(row.unwrap().get::<_, i32>(0), 42);
}

#[tokio::test(flavor = "current_thread")]
async fn a_dropped_server_is_stopped_and_its_folder_removed() {
    let server = Throwaway::start(&Numbers(42)).await.unwrap();
    let url = server.url("numbers");
    let folder = server.folder().to_owned();
    let (_client, connection) = tokio_postgres::connect(&url, NoTls).await.unwrap();
    let connection = tokio::spawn(connection);
    assert!(folder.join("data/PG_VERSION").is_file());
    let started = Instant::now();
    drop(server);
    assert!(started.elapsed() < Duration::from_secs(2));
    // The open connection is cut, no new one is taken, and the data is gone.
    assert!(connection.await.unwrap().is_err());
    assert!(tokio_postgres::connect(&url, NoTls).await.is_err());
    assert!(!folder.exists());
}
