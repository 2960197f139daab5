//! Chapter 5, "Non-blocking database drivers": every listing against a real PostgreSQL.
//!
//! Each run without `DATABASE_URL` starts its own throwaway server (a copy of a template kept
//! under `target/book-db/`), so the tests run in parallel without sharing a database. The tests
//! that point an example at a server with `DATABASE_URL` start that server themselves. The
//! server is another process, so these run on the real clock; 5.13 and 5.14 need no database
//! and run under the paused clock.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use book_db::Throwaway;
use book_db::server::Binaries;
use chapter_05::Products;
use example_harness::{Example, Output, Running, check, header};
use tokio::runtime::Runtime;
use tokio_postgres::{NoTls, Row};

/// Each state holds what the listings before it leave: the tables of 5.3, the two brands of
/// 5.4, the hundred of 5.5, the catalog of 5.6.
#[test]
fn each_state_holds_what_the_listings_before_it_leave() {
    let expected = [
        (Products::Empty, [None, None, None, None]),
        (Products::Tables, [Some(0), Some(0), Some(0), Some(2)]),
        (Products::TwoBrands, [Some(2), Some(0), Some(0), Some(2)]),
        (Products::Brands, [Some(102), Some(0), Some(0), Some(2)]),
        (
            Products::Catalog,
            [Some(102), Some(1000), Some(100_000), Some(2)],
        ),
    ];
    for (stage, counts) in expected {
        let server = Server::start(stage);
        let seen: Vec<Option<i64>> = ["brand", "product", "sku", "product_color"]
            .iter()
            .map(|table| {
                let sql = format!("SELECT count(*) FROM {table}");
                let rows = server.runtime.block_on(server.client.query(&sql, &[]));
                rows.ok().map(|rows| rows[0].get(0))
            })
            .collect();
        assert_eq!(seen, counts, "{stage:?}");
    }
}

/// A server started by the test, a connection to its `products` database, and a runtime to
/// ask it questions with.
struct Server {
    runtime: Runtime,
    client: tokio_postgres::Client,
    server: Throwaway,
}

impl Server {
    fn start(stage: Products) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let (server, client) = runtime.block_on(async {
            let server = Throwaway::start(&stage).await.unwrap();
            let url = server.url("products");
            let (client, connection) = tokio_postgres::connect(&url, NoTls).await.unwrap();
            tokio::spawn(connection);
            (server, client)
        });
        Server {
            runtime,
            client,
            server,
        }
    }

    fn url(&self) -> String {
        self.server.url("products")
    }

    fn query(&self, sql: &str) -> Vec<Row> {
        self.runtime.block_on(self.client.query(sql, &[])).unwrap()
    }

    /// A count that the statistics collector keeps, once it has settled: the server reports
    /// a session's counts when the session ends, a moment after the client is gone.
    fn settled_count(&self, sql: &str, expected: i64) -> i64 {
        let started = Instant::now();
        loop {
            let count: i64 = self.query(sql)[0].get(0);
            if count == expected || started.elapsed() > Duration::from_secs(5) {
                return count;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn database_example(name: &str) -> Example {
    Example::new(name)
        .real_clock()
        .timeout(Duration::from_secs(120))
}

/// Runs `name` with nothing set, so that it starts its own server, and checks its transcript
/// and the one line that says so.
fn check_on_a_throwaway(name: &str) -> Output {
    let out = database_example(name).args(header(name).args).run();
    out.assert_matches_header();
    let said: Vec<&str> = out
        .stderr
        .lines()
        .filter(|line| line.starts_with("Using a throwaway PostgreSQL "))
        .collect();
    assert_eq!(said.len(), 1, "{}", out.stderr);
    assert!(said[0].contains("set DATABASE_URL"), "{}", said[0]);
    out
}

fn run_against(name: &str, url: &str) -> Output {
    let out = database_example(name).env("DATABASE_URL", url).run();
    assert!(!out.stderr.contains("throwaway"), "{}", out.stderr);
    out
}

fn product_ids(out: &Output) -> Vec<i32> {
    out.lines()
        .iter()
        .map(|line| {
            let id = line
                .strip_prefix("<Record product_id=")
                .and_then(|rest| rest.split(' ').next())
                .unwrap_or_else(|| panic!("not a product record: {line}"));
            id.parse().unwrap()
        })
        .collect()
}

#[test]
fn listing_5_1_prints_the_version_of_the_server_it_started() {
    let out = check_on_a_throwaway("listing_5_1");
    assert!(
        out.stderr.contains("with database postgres;"),
        "{}",
        out.stderr
    );
    // PostgreSQL 15.18 is asyncpg's major=15, micro=18.
    let release = Binaries::find().unwrap().version;
    let numbers: Vec<&str> = release
        .split_whitespace()
        .next()
        .unwrap()
        .split('.')
        .collect();
    let expected = format!(
        "Connected! Postgres version is ServerVersion(major={}, minor=0, micro={}, releaselevel='final', serial=0)\n",
        numbers[0], numbers[1]
    );
    assert_eq!(out.stdout, expected);
}

#[test]
fn listing_5_3_creates_the_schema_in_an_empty_database() {
    let out = check_on_a_throwaway("listing_5_3");
    assert!(out.stderr.contains("still empty, as before Listing 5.3"));
}

#[test]
fn listing_5_4_inserts_two_brands_after_the_schema() {
    check_on_a_throwaway("listing_5_4");
}

#[test]
fn listings_5_5_and_5_6_insert_quietly() {
    check_on_a_throwaway("listing_5_5");
    check_on_a_throwaway("listing_5_6");
}

/// The throwaway server's seeded state is what the reader gets by running 5.3 to 5.6 in turn:
/// the same rows with the same ids, in the same order on disk (which 5.16's `forward` sees).
#[test]
fn listings_5_3_to_5_6_in_turn_build_the_state_that_5_7_starts_from() {
    let server = Server::start(Products::Empty);
    for name in ["listing_5_3", "listing_5_4", "listing_5_5", "listing_5_6"] {
        let out = run_against(name, &server.url());
        out.assert_success()
            .assert_stdout_matches(&header(name).transcript);
    }
    let fingerprint = "SELECT \
        (SELECT md5(string_agg(brand_id || ':' || brand_name, ',' ORDER BY ctid)) FROM brand), \
        (SELECT md5(string_agg(product_id || ':' || product_name || ':' || brand_id, ',' \
            ORDER BY ctid)) FROM product), \
        (SELECT md5(string_agg(sku_id || ':' || product_id || ':' || product_size_id || ':' \
            || product_color_id, ',' ORDER BY ctid)) FROM sku), \
        (SELECT count(*) FROM sku)";
    let seeded = Server::start(Products::Catalog);
    let print = |rows: Vec<Row>| {
        let row = &rows[0];
        let sums: Vec<String> = (0..3).map(|i| row.get(i)).collect();
        (sums, row.get::<_, i64>(3))
    };
    let (sums, skus) = print(server.query(fingerprint));
    assert_eq!(skus, 100_000);
    assert_eq!((sums, skus), print(seeded.query(fingerprint)));

    // A second run of 5.3 meets the sizes it inserted the first time, as in the book.
    let again = run_against("listing_5_3", &server.url());
    again.assert_clean_failure();
    assert!(
        again
            .stderr
            .contains("duplicate key value violates unique constraint \"product_size_pkey\""),
        "{}",
        again.stderr
    );
}

#[test]
fn listing_5_7_opens_six_connections_and_runs_two_queries() {
    check_on_a_throwaway("listing_5_7");

    let server = Server::start(Products::Catalog);
    let scans = "SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'sku'";
    let sessions = "SELECT sessions FROM pg_stat_database WHERE datname = 'products'";
    let scans_before: i64 = server.query(scans)[0].get(0);
    let sessions_before: i64 = server.query(sessions)[0].get(0);
    run_against("listing_5_7", &server.url()).assert_success();
    // Each query scans the SKUs once, and the pool made 6 sessions, not 2.
    assert_eq!(
        server.settled_count(scans, scans_before + 2),
        scans_before + 2
    );
    let expected = sessions_before + 6;
    assert_eq!(server.settled_count(sessions, expected), expected);
}

#[test]
fn listing_5_7_fails_in_one_line_on_a_database_without_the_tables() {
    let server = Server::start(Products::Empty);
    let out = run_against("listing_5_7", &server.url());
    out.assert_clean_failure();
    assert!(
        out.stderr.contains("relation \"product\" does not exist"),
        "{}",
        out.stderr
    );
}

/// The chapter's claim: on the pool of 6, the queries run at once take several times less time
/// than one after the other. On a bare catalog each query takes the server some 20 µs, and what
/// the two halves measure is how much CPU this machine has free, which a test cannot count on;
/// so the test slows every query down by 5 ms of waiting on the server (`pg_sleep`, once per
/// query, under the listing's unchanged `product` table name) and runs 300 of each. One after
/// the other they take 1.5 s or more; at once on 6 connections, about a sixth of it, however
/// busy the machine is.
#[test]
fn listing_5_8_the_pool_runs_queries_at_once() {
    check_on_a_throwaway("listing_5_8");

    let server = Server::start(Products::Catalog);
    server.query("ALTER TABLE product RENAME TO product_rows");
    server.query(
        "CREATE VIEW product AS SELECT * FROM product_rows \
         WHERE (SELECT 1 FROM pg_sleep(0.005)) = 1",
    );
    let out = database_example("listing_5_8")
        .args(["--queries", "300"])
        .env("DATABASE_URL", server.url())
        .run();
    out.assert_success();
    let seconds = |function: &str| -> f64 {
        let prefix = format!("finished {function} in ");
        let line = out
            .lines()
            .into_iter()
            .find(|line| line.starts_with(&prefix));
        line.and_then(|line| {
            line[prefix.len()..]
                .trim_end_matches(" second(s)")
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("no `{prefix}` line:\n{}", out.stdout))
    };
    let in_sequence = seconds("query_products_synchronously");
    let at_once = seconds("query_products_concurrently");
    assert!(in_sequence >= 1.5, "300 queries of 5 ms in {in_sequence} s");
    assert!(
        in_sequence > 3.0 * at_once,
        "in sequence {in_sequence} s, at once on the pool {at_once} s"
    );
}

#[test]
fn listing_5_9_commits_both_brands() {
    check_on_a_throwaway("listing_5_9");
}

#[test]
fn listing_5_10_rolls_back_the_whole_transaction_and_logs_why() {
    let out = check_on_a_throwaway("listing_5_10");
    let logged = out
        .stderr
        .lines()
        .find(|line| line.contains("ERROR listing_5_10: Error while running transaction"))
        .unwrap_or_else(|| panic!("{}", out.stderr));
    assert!(logged.contains(
        "duplicate key value violates unique constraint \"brand_pkey\" DETAIL: Key (brand_id)=(9999) already exists."
    ));
}

#[test]
fn listing_5_11_keeps_the_outer_insert_when_the_savepoint_fails() {
    let out = check_on_a_throwaway("listing_5_11");
    assert!(
        out.stderr.contains(
            "WARN listing_5_11: Ignoring error inserting product color error=db error: ERROR: \
             duplicate key value violates unique constraint \"product_color_pkey\""
        ),
        "{}",
        out.stderr
    );

    let server = Server::start(Products::Catalog);
    run_against("listing_5_11", &server.url()).assert_success();
    let kept = server.query("SELECT count(*) FROM brand WHERE brand_name = 'my_new_brand'");
    assert_eq!(kept[0].get::<_, i64>(0), 1);
    let colors = server.query("SELECT product_color_name FROM product_color ORDER BY 1");
    let colors: Vec<&str> = colors.iter().map(|row| row.get(0)).collect();
    assert_eq!(colors, ["Black", "Blue"]);
}

#[test]
fn listing_5_12_commits_by_hand() {
    check_on_a_throwaway("listing_5_12");
}

#[test]
fn listing_5_13_takes_two_values_from_a_generator() {
    check("listing_5_13");
}

#[test]
fn listing_5_14_an_async_generator_takes_three_seconds() {
    check("listing_5_14");
}

#[test]
fn listing_5_15_streams_every_product_in_order() {
    let out = check_on_a_throwaway("listing_5_15");
    assert_eq!(product_ids(&out), (1..=1000).collect::<Vec<_>>());
}

#[test]
fn listing_5_16_skips_500_and_fetches_100() {
    let out = check_on_a_throwaway("listing_5_16");
    assert_eq!(product_ids(&out), (501..=600).collect::<Vec<_>>());
}

#[test]
fn listing_5_17_takes_five_from_the_cursor() {
    check_on_a_throwaway("listing_5_17");
}

#[test]
fn libpq_variables_name_the_server_too() {
    let server = Server::start(Products::Catalog);
    let port = server
        .url()
        .rsplit_once(':')
        .unwrap()
        .1
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let out = database_example("listing_5_12")
        .args(header("listing_5_12").args)
        .env("PGHOST", "127.0.0.1")
        .env("PGPORT", port)
        .run();
    out.assert_success()
        .assert_stdout_matches(&header("listing_5_12").transcript);
    assert_eq!(out.stderr, "");
}

#[test]
fn a_wrong_pg_bindir_is_one_line_that_names_it() {
    let out = database_example("listing_5_9")
        .env("PG_BINDIR", "/nonexistent")
        .run();
    out.assert_clean_failure().assert_stdout_matches("");
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    // The variable is named: it is what the reader set wrong.
    assert!(
        out.stderr
            .starts_with("Error: PG_BINDIR is /nonexistent, which holds no initdb and postgres"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_server_that_is_down_or_refuses_us_is_one_line() {
    // One connection or a pool's: the line names the server and the cause.
    for name in ["listing_5_9", "listing_5_7"] {
        let refused = run_against(name, "postgres://postgres:password@127.0.0.1:1/products");
        refused.assert_clean_failure();
        assert_eq!(refused.stderr.lines().count(), 1, "{}", refused.stderr);
        assert!(
            refused
                .stderr
                .starts_with("Error: cannot connect to PostgreSQL at 127.0.0.1:1: ")
                && refused.stderr.contains("Connection refused"),
            "{name}: {}",
            refused.stderr
        );
    }

    let server = Server::start(Products::Catalog);
    let wrong = server.url().replace(":password@", ":wrong@");
    let out = run_against("listing_5_9", &wrong);
    out.assert_clean_failure();
    assert!(
        out.stderr.contains("password authentication failed"),
        "{}",
        out.stderr
    );

    let garbled = run_against("listing_5_9", "postgres://[");
    garbled.assert_clean_failure();
    assert!(
        garbled
            .stderr
            .starts_with("Error: DATABASE_URL does not parse")
    );
}

#[test]
fn a_server_that_never_answers_times_out() {
    // Accepts the connection and says nothing, as a hung server would.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let url = format!("postgres://postgres:password@127.0.0.1:{port}/products?connect_timeout=1");
    for name in ["listing_5_9", "listing_5_7"] {
        let out = run_against(name, &url);
        out.assert_clean_failure();
        assert!(out.wall < Duration::from_secs(5), "{:?}", out.wall);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    }
}

/// `book_postgres` keeps its data: what one run of the server was given, the next one has.
#[test]
fn book_postgres_keeps_the_data_between_runs() {
    let folder = std::env::temp_dir().join(format!("book-postgres-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let serve = || {
        let mut server = Example::new("book_postgres")
            .real_clock()
            .args(["--port", "0", "--state", "tables", "--data-dir"])
            .arg(&folder)
            .spawn();
        let ready = server.wait_for_line("is ready at 127.0.0.1:");
        let port = ready
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .unwrap()
            .to_owned();
        (
            server,
            format!("postgres://postgres:password@127.0.0.1:{port}/products"),
            ready,
        )
    };

    let (server, url, ready) = serve();
    assert!(
        ready.contains("as after Listing 5.3 (new data folder"),
        "{ready}"
    );
    run_against("listing_5_4", &url).assert_success();
    server.interrupt();
    server.wait(Duration::from_secs(10)).assert_success();

    let (server, url, ready) = serve();
    assert!(ready.contains("with the data kept in"), "{ready}");
    let again = run_against("listing_5_4", &url);
    again.assert_success().assert_stdout_matches(
        "id: 1, name: Levis\nid: 2, name: Seven\nid: 3, name: Levis\nid: 4, name: Seven\n",
    );
    server.terminate();
    server.wait(Duration::from_secs(10)).assert_success();
    let _ = std::fs::remove_dir_all(&folder);
}

/// A second Ctrl-C does not wait for the fast shutdown: `book_postgres` stops its server at
/// once and exits with 130. The server is held (SIGSTOP) so that its fast shutdown cannot end
/// before the second signal, and let go once `book_postgres` has sent it SIGQUIT: the signals
/// sent to a stopped process wait in its pending set, which `/proc` shows.
#[test]
fn book_postgres_stops_at_once_on_a_second_signal() {
    let folder = std::env::temp_dir().join(format!("book-postgres-held-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let mut server = Example::new("book_postgres")
        .real_clock()
        .args(["--port", "0", "--data-dir"])
        .arg(&folder)
        .spawn();
    server.wait_for_line("Ctrl-C stops the server");
    let postgres = postgres_child_of(&server).expect("book_postgres runs a postgres child");

    let held = Held::stop(postgres);
    server.interrupt();
    wait_until_pending(postgres, SIGINT);
    server.interrupt();
    wait_until_pending(postgres, SIGQUIT);
    drop(held);
    let out = server.wait(Duration::from_secs(10));
    assert_eq!(out.code, Some(130), "{}", out.stderr);
    assert!(out.stderr.contains("Stopped at once"), "{}", out.stderr);
    let _ = std::fs::remove_dir_all(&folder);
}

/// Signal numbers, as Linux has them.
const SIGINT: u32 = 2;
const SIGQUIT: u32 = 3;

/// A process stopped with SIGSTOP, let go (SIGCONT) when this is dropped, failed test or not.
struct Held(u32);

impl Held {
    fn stop(pid: u32) -> Self {
        assert!(send(pid, "STOP"), "kill -s STOP {pid}");
        Held(pid)
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        // No assertion: a panic while a failed test unwinds would abort the whole run.
        send(self.0, "CONT");
    }
}

/// Whether `kill -s signal pid` succeeded.
fn send(pid: u32, signal: &str) -> bool {
    std::process::Command::new("kill")
        .args(["-s", signal, &pid.to_string()])
        .status()
        .is_ok_and(|status| status.success())
}

/// Waits (at most 10 s) until `signal` is pending for process `pid`, as for a stopped one.
fn wait_until_pending(pid: u32, signal: u32) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let bit = 1u64 << (signal - 1);
    loop {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        let pending = status
            .lines()
            .find_map(|line| line.strip_prefix("ShdPnd:"))
            .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
            .unwrap();
        if pending & bit != 0 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "signal {signal} never reached {pid}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The `postgres` child of a running example.
fn postgres_child_of(example: &Running) -> Option<u32> {
    example
        .children()
        .into_iter()
        .find_map(|(pid, name)| (name == "postgres").then_some(pid))
}

/// Gone, or a zombie that nobody reaps (as under a container's init).
fn has_ended(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z') || rest.starts_with('X')),
    }
}

/// Listing 5.8 in the middle of a run that would last for hours, with the pid of its throwaway
/// server and the run's folder.
fn a_long_run_on_a_throwaway() -> (Running, u32, PathBuf) {
    let mut example = database_example("listing_5_8")
        .args(["--queries", "100000000"])
        .spawn();
    example.wait_for_line("starting query_products_synchronously");
    let server = postgres_child_of(&example).expect("the example runs a postgres child");
    // The server works in its data folder, which is in the run's folder.
    let data = std::fs::read_link(format!("/proc/{server}/cwd")).unwrap();
    (example, server, data.parent().unwrap().to_owned())
}

/// An example killed by a signal cannot stop its server in `Drop`; the kernel does
/// (`PR_SET_PDEATHSIG`), and the next run removes the folder that was left.
#[test]
fn a_killed_example_leaves_no_server_behind() {
    let (example, server, run_folder) = a_long_run_on_a_throwaway();
    example.signal("KILL");
    let out = example.wait(Duration::from_secs(10));
    assert_eq!(out.code, None, "killed by a signal");
    let deadline = Instant::now() + Duration::from_secs(5);
    while !has_ended(server) {
        assert!(
            Instant::now() < deadline,
            "postgres {server} outlived its example"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(run_folder.exists(), "nobody was there to remove it yet");
    check_on_a_throwaway("listing_5_9");
    assert!(
        !run_folder.exists(),
        "the next run sweeps {}",
        run_folder.display()
    );
}

/// Ctrl-C or SIGTERM in the middle of a run stops the example's server and removes its
/// folder at once (some 45 MB), and the example ends as the signal would have ended it.
#[test]
fn an_interrupted_example_removes_its_server_and_folder() {
    for (signal, status) in [("INT", 130), ("TERM", 143)] {
        let (example, server, run_folder) = a_long_run_on_a_throwaway();
        example.signal(signal);
        let out = example.wait(Duration::from_secs(10));
        assert_eq!(out.code, Some(status), "SIG{signal}: {}", out.stderr);
        assert!(
            has_ended(server),
            "SIG{signal}: postgres {server} outlived its example"
        );
        assert!(
            !run_folder.exists(),
            "SIG{signal}: {} was left behind",
            run_folder.display()
        );
    }
}

/// A server that goes away in the middle of a run ends the run with one line, not a hang.
#[test]
fn a_server_that_stops_mid_run_is_one_error_line() {
    let server = Server::start(Products::Catalog);
    let mut example = database_example("listing_5_8")
        .args(["--queries", "100000000"])
        .env("DATABASE_URL", server.url())
        .spawn();
    example.wait_for_line("starting query_products_synchronously");
    drop(server);
    let out = example.wait(Duration::from_secs(10));
    out.assert_clean_failure();
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.starts_with("Error: "), "{}", out.stderr);
}
