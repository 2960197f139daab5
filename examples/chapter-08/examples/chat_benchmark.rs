//! Not a listing: how many users Listing 8.13's chat server holds, and how long a message takes
//! to reach all of them, at 100, 1,000 and 10,000 users.
//!
//! For each number of users, a fresh server is started (this chapter's `listing_8_13`, or with
//! `--python` the book's algorithm in Python, `compare/python/chat_server.py`), and that many
//! users join it, 64 handshakes at a time, each reading everything the room says. Then one
//! user says `ping` ten times, one after another, and each time the benchmark notes when the
//! last user has it. Joining is the heavy part: each newcomer is announced to everyone, so N
//! users cost N²/2 announcements.
//!
//! Run with:
//! ```text
//! cargo run --release --example chat_benchmark
//! cargo run --release --example chat_benchmark -- --python --clients 100,1000
//! ```
//!
//! Expected output: a table, one row per size; the figures are this machine's:
//! ```text
//! server         users   join all  message to all: median      worst  server memory  dropped
//! [..]
//! ```
//!
//! How it works: the users are tasks on a multi-threaded runtime, so the benchmark, which
//! shares the machine with the server, is not what is measured; the server gets the open-file
//! limit raised to the hard one, as `listing_8_13` does for itself. Python's server drops a
//! user that has sent nothing for 60 s, as the book's does: if joining takes longer, users
//! are dropped and the row says how many. `listing_8_13` is built by this program (through
//! cargo, in the profile this one was built in) if it is missing or older than its sources.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::OwnedWriteHalf;
use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinSet;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// How many users say CONNECT at once.
const HANDSHAKES_AT_ONCE: usize = 64;

/// How long any one step may take before the row is given up.
const STEP_TIMEOUT: Duration = Duration::from_secs(300);

/// How long Listing 8.13's chat server takes to reach its users
#[derive(Parser)]
struct Args {
    /// The numbers of users to measure, one fresh server each
    #[arg(long, value_delimiter = ',', default_values_t = [100, 1_000, 10_000])]
    clients: Vec<usize>,
    /// How many messages are timed at each size
    #[arg(long, default_value_t = 10, value_parser = util::cli::at_least_one)]
    messages: usize,
    /// Measure the book's algorithm in Python (compare/python/chat_server.py, run with
    /// python3) instead of listing_8_13
    #[arg(long)]
    python: bool,
}

/// What a user's task tells the benchmark.
enum Event {
    Joined,
    /// Closed before the welcome.
    Refused,
    Heard {
        round: usize,
        at: Instant,
    },
    Dropped,
}

/// One row of the table.
struct Row {
    users: usize,
    join_all: Duration,
    /// The median and the worst time a message took to reach everyone, or why none did.
    message_to_all: Result<(Duration, Duration), String>,
    memory_mb: u64,
    dropped: usize,
}

#[util::main(multi_thread)]
async fn main() -> Result<(), BoxError> {
    let args = Args::parse();
    serve::raise_open_file_limit();
    let server = if args.python {
        Server::python()?
    } else {
        Server::rust()?
    };
    println!(
        "{:<13} {:>6}  {:>9}  {:>22}  {:>9}  {:>13}  {:>7}",
        "server",
        "users",
        "join all",
        "message to all: median",
        "worst",
        "server memory",
        "dropped"
    );
    for &users in &args.clients {
        let mut running = server.start()?;
        let row = measure(running.port, users, args.messages, &running).await;
        running.stop();
        match row {
            Ok(row) => {
                let message_to_all = match row.message_to_all {
                    Ok((median, worst)) => format!(
                        "{:>19.2} ms  {:>6.2} ms",
                        median.as_secs_f64() * 1e3,
                        worst.as_secs_f64() * 1e3
                    ),
                    Err(why) => format!("{why:>34}"),
                };
                println!(
                    "{:<13} {:>6}  {:>7.3} s  {message_to_all}  {:>10} MB  {:>7}",
                    server.name,
                    row.users,
                    row.join_all.as_secs_f64(),
                    row.memory_mb,
                    row.dropped,
                );
            }
            Err(error) => println!(
                "{:<13} {users:>6}  did not finish: {}",
                server.name,
                util::one_line(error.as_ref())
            ),
        }
    }
    Ok(())
}

async fn measure(
    port: u16,
    users: usize,
    messages: usize,
    server: &Running,
) -> Result<Row, BoxError> {
    let (events, mut heard) = mpsc::unbounded_channel();
    let handshakes = Arc::new(Semaphore::new(HANDSHAKES_AT_ONCE));
    let mut tasks = JoinSet::new();
    let started = Instant::now();
    let (first_writer, first_done) = tokio::sync::oneshot::channel();
    let mut first_writer = Some(first_writer);
    for number in 0..users {
        let events = events.clone();
        let handshakes = Arc::clone(&handshakes);
        let writer_wanted = if number == 0 {
            first_writer.take()
        } else {
            None
        };
        tasks.spawn(async move {
            let permit = handshakes.acquire_owned().await;
            let joined = user(port, number, events, permit.ok(), writer_wanted).await;
            if let Err(error) = joined {
                eprintln!("user{number}: {error}");
            }
        });
    }
    drop(events);

    let mut joined = 0;
    let mut refused = 0;
    let mut dropped = 0;
    let mut wait = async |what: &str, until: &mut dyn FnMut(Event) -> bool| {
        tokio::time::timeout(STEP_TIMEOUT, async {
            while let Some(event) = heard.recv().await {
                if until(event) {
                    return Ok(());
                }
            }
            Err(format!("every user was dropped while {what}"))
        })
        .await
        .map_err(|_| format!("{what} took more than {STEP_TIMEOUT:?}"))?
    };
    wait("joining", &mut |event| {
        match event {
            Event::Joined => joined += 1,
            Event::Refused => refused += 1,
            Event::Dropped => dropped += 1,
            Event::Heard { .. } => {}
        }
        // Each user either joins or is refused, once.
        joined + refused == users
    })
    .await?;
    let join_all = started.elapsed();
    let memory_mb = server.resident_memory()? >> 20;
    let mut writer = first_done.await?;

    // Round 0 is not timed: a user who has it has every announcement before it.
    let mut times = Vec::with_capacity(messages);
    for round in 0..=messages {
        let sent = Instant::now();
        if writer
            .write_all(format!("ping {round}\n").as_bytes())
            .await
            .is_err()
        {
            break;
        }
        let mut have_it = 0;
        let mut last = sent;
        wait("a message reached everyone", &mut |event| {
            match event {
                Event::Heard { round: r, at } if r == round => {
                    have_it += 1;
                    last = last.max(at);
                }
                Event::Dropped => dropped += 1,
                _ => {}
            }
            have_it + dropped == joined
        })
        .await?;
        if dropped + refused > 0 {
            break;
        }
        if round > 0 {
            times.push(last - sent);
        }
    }
    tasks.abort_all();
    times.sort_unstable();
    let message_to_all = match (times.first(), times.last()) {
        (Some(_), Some(&worst)) if dropped + refused == 0 => Ok((times[times.len() / 2], worst)),
        _ => Err("none: users were dropped".to_owned()),
    };
    Ok(Row {
        users,
        join_all,
        message_to_all,
        memory_mb,
        dropped: dropped + refused,
    })
}

/// One user: joins, then reads everything the room says, telling the benchmark of its pings.
/// The first user hands over its writing half, to say them.
async fn user(
    port: u16,
    number: usize,
    events: mpsc::UnboundedSender<Event>,
    handshake: Option<tokio::sync::OwnedSemaphorePermit>,
    writer_wanted: Option<tokio::sync::oneshot::Sender<OwnedWriteHalf>>,
) -> io::Result<()> {
    let stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let (reader, mut writer) = stream.into_split();
    writer
        .write_all(format!("CONNECT user{number}\n").as_bytes())
        .await?;
    let mut lines = BufReader::new(reader).lines();
    let welcome = lines.next_line().await?;
    drop(handshake);
    if welcome.is_none_or(|line| !line.starts_with("Welcome!")) {
        let _ = events.send(Event::Refused);
        return Ok(());
    }
    let _ = events.send(Event::Joined);
    if let Some(wanted) = writer_wanted {
        let _ = wanted.send(writer);
    }
    let ended = async {
        while let Some(line) = lines.next_line().await? {
            if let Some(round) = line.strip_prefix("user0: ping ") {
                let round = round.parse().unwrap_or(usize::MAX);
                let _ = events.send(Event::Heard {
                    round,
                    at: Instant::now(),
                });
            }
        }
        Ok::<_, io::Error>(())
    }
    .await;
    let _ = events.send(Event::Dropped);
    ended
}

/// The server to measure.
struct Server {
    name: &'static str,
    command: Vec<PathBuf>,
}

impl Server {
    fn rust() -> Result<Self, BoxError> {
        let binary = build_sibling("listing_8_13")?;
        Ok(Server {
            name: "listing_8_13",
            command: vec![binary],
        })
    }

    fn python() -> Result<Self, BoxError> {
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../compare/python/chat_server.py");
        Ok(Server {
            name: "Python",
            command: vec!["python3".into(), script],
        })
    }

    fn start(&self) -> Result<Running, BoxError> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let child = Command::new(&self.command[0])
            .args(&self.command[1..])
            .args(["--port", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| format!("cannot start {}: {error}", self.name))?;
        let mut running = Running { child, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline || running.child.try_wait()?.is_some() {
                running.stop();
                return Err(format!("{} did not start listening", self.name).into());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(running)
    }
}

/// A server started for one row.
struct Running {
    child: Child,
    port: u16,
}

impl Running {
    fn resident_memory(&self) -> io::Result<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        let kib = status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().strip_suffix("kB"))
            .and_then(|kib| kib.trim().parse::<u64>().ok())
            .ok_or_else(|| io::Error::other("no VmRSS line"))?;
        Ok(kib << 10)
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The binary of example `name`, built beside this one: with `cargo build --example NAME`
/// in this program's profile if it is missing or older than its sources (`cargo run
/// --example chat_benchmark` builds only this one).
fn build_sibling(name: &str) -> Result<PathBuf, BoxError> {
    let this = std::env::current_exe()?;
    let binary = this.with_file_name(name);
    let package = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = [
        package.join(format!("examples/{name}.rs")),
        package.join("src"),
    ];
    let modified = |path: &Path| path.metadata().and_then(|m| m.modified()).ok();
    let newest_source = sources
        .iter()
        .flat_map(|path| match std::fs::read_dir(path) {
            Ok(files) => files.flatten().map(|file| file.path()).collect(),
            Err(_) => vec![path.clone()],
        })
        .filter_map(|path| modified(&path))
        .max();
    if modified(&binary).is_some_and(|built| newest_source.is_none_or(|source| built > source)) {
        return Ok(binary);
    }
    let release = this
        .parent()
        .and_then(Path::parent)
        .is_some_and(|profile| profile.ends_with("release"));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut build = Command::new(cargo);
    build.args(["build", "--quiet", "--example", name]);
    if release {
        build.arg("--release");
    }
    let built = build
        .status()
        .map_err(|error| format!("cannot run cargo to build {name}: {error}"))?;
    if !built.success() {
        return Err(format!("cargo could not build {name}").into());
    }
    Ok(binary)
}
