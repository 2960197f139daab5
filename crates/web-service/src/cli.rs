//! What every client example does first: read its arguments and find a server to talk to.
//!
//! The article starts `web.py` in one terminal and runs the scripts in another. Our examples
//! start the service in-process on a free loopback port instead, unless the reader passes
//! `--url http://HOST:PORT` to use one that is already running (our `web` example, or the
//! article's own FastAPI service; the paths `/` and `/random` are appended by the example).
//!
//! Options every client example understands:
//!
//! | option | meaning | default |
//! |---|---|---|
//! | `--url http://HOST:PORT` | use this server instead of starting one | start one |
//! | `--workers N` | how many requests (the scripts' `main(3, ...)`) | 3 |
//! | `--delay SECONDS` | how long the in-process server waits per request | 1 |
//! | `--stagger SECONDS` | the in-process server's n-th request waits `n * SECONDS` more | 0 |
//!
//! Three flags do not justify a dependency: clap would add a dozen crates to every example
//! build, and the examples would all repeat its derive boilerplate.

use std::future;
use std::net::{Ipv4Addr, SocketAddr};
use std::str::FromStr;
use std::thread;
use std::time::Duration;

use tokio::sync::oneshot;

use crate::Message;
use crate::server::{self, Config};

/// The seed `/random` uses under the tests' paused clock. Its first draws (0.98, 0.38, 0.39)
/// are close to the article's run (0.99, 0.33, 0.42), so test6 tells the same story.
pub const PAUSED_CLOCK_SEED: u64 = 18;

/// Options shared by every client example.
const CLIENT_OPTIONS: &[&str] = &["--url", "--workers", "--delay", "--stagger"];

/// Parsed command-line arguments. See the module docs.
#[derive(Debug, Default)]
pub struct Args {
    options: Vec<(String, String)>,
    flags: Vec<String>,
}

impl Args {
    /// The process's arguments, accepting the client options plus `extra_options` (each
    /// followed by a value) and `extra_flags` (alone).
    pub fn from_env(extra_options: &[&str], extra_flags: &[&str]) -> Result<Self, Message> {
        let options = [CLIENT_OPTIONS, extra_options].concat();
        Args::parse(std::env::args().skip(1), &options, extra_flags)
    }

    /// The process's arguments for a program that is not a client of the service (a server,
    /// a thread-pool demo): only `options` and `flags` are accepted.
    pub fn from_env_only(options: &[&str], flags: &[&str]) -> Result<Self, Message> {
        Args::parse(std::env::args().skip(1), options, flags)
    }

    /// Parses `args` (without the program name), accepting exactly `options` (each followed by
    /// a value) and `flags` (alone).
    pub fn parse(
        args: impl IntoIterator<Item = String>,
        options: &[&str],
        flags: &[&str],
    ) -> Result<Self, Message> {
        let mut parsed = Args::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let arg = arg.as_str();
            if options.contains(&arg) {
                let value = args
                    .next()
                    .ok_or_else(|| Message(format!("{arg} needs a value")))?;
                parsed.options.push((arg.to_owned(), value));
            } else if flags.contains(&arg) {
                parsed.flags.push(arg.to_owned());
            } else {
                let known = [options, flags].concat();
                return Err(Message(format!(
                    "unknown argument {arg:?} (expected one of: {})",
                    known.join(", ")
                )));
            }
        }
        Ok(parsed)
    }

    /// The value of `--name VALUE`, if given (the last one wins).
    pub fn value<T: FromStr>(&self, name: &str) -> Result<Option<T>, Message> {
        let Some((_, text)) = self.options.iter().rev().find(|(n, _)| n == name) else {
            return Ok(None);
        };
        text.parse()
            .map(Some)
            .map_err(|_| Message(format!("{name} {text:?}: not a valid value")))
    }

    /// Whether the flag `name` was given.
    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    /// `--workers N`, 3 by default as in the article.
    ///
    /// Zero is refused: the scripts would fail on it too (`asyncio.wait` of an empty set and
    /// a pool of no threads both raise `ValueError`).
    pub fn workers(&self) -> Result<usize, Message> {
        match self.value("--workers")?.unwrap_or(3) {
            0 => Err(Message("--workers must be at least 1".into())),
            workers => Ok(workers),
        }
    }

    /// The value of `--name SECONDS` (a decimal number) as a duration.
    pub fn seconds(&self, name: &str) -> Result<Option<Duration>, Message> {
        let Some(seconds) = self.value::<f64>(name)? else {
            return Ok(None);
        };
        Duration::try_from_secs_f64(seconds)
            .map(Some)
            .map_err(|_| Message(format!("{name} {seconds}: not a duration in seconds")))
    }

    /// The in-process server's settings: `--delay`, `--stagger`, and a fixed `/random` seed under the
    /// tests' paused clock.
    pub fn server_config(&self) -> Result<Config, Message> {
        let mut config = Config::default();
        if let Some(delay) = self.seconds("--delay")? {
            config.delay = delay;
        }
        if let Some(stagger) = self.seconds("--stagger")? {
            config.stagger = stagger;
        }
        if util::runtime::paused_clock_requested() {
            config.seed = Some(PAUSED_CLOCK_SEED);
        }
        Ok(config)
    }

    fn given_url(&self) -> Result<Option<String>, Message> {
        let Some(url) = self.value::<String>("--url")? else {
            return Ok(None);
        };
        let base = url.trim_end_matches('/');
        if !base.starts_with("http://") || base.parse::<hyper::Uri>().is_err() {
            return Err(Message(format!("--url {url:?}: expected http://HOST:PORT")));
        }
        Ok(Some(base.to_owned()))
    }

    /// The server to talk to: `--url`, or the service started on this runtime on a free
    /// loopback port. The in-process server is a task like any other: it runs whenever the
    /// client tasks are waiting, and it stops when the runtime does.
    pub async fn service(&self) -> Result<Service, Box<dyn std::error::Error + Send + Sync>> {
        if let Some(base) = self.given_url()? {
            return Ok(Service {
                base,
                _thread: None,
            });
        }
        let listener = server::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .and_then(|listener| Ok((listener.local_addr()?, listener)));
        let (addr, listener) = listener.map_err(cannot_start)?;
        let base = format!("http://{addr}");
        let config = self.server_config()?;
        tokio::spawn(server::serve(listener, config, future::pending()));
        Ok(Service {
            base,
            _thread: None,
        })
    }

    /// Like [`Args::service`], but the in-process server gets a thread and a runtime of its
    /// own. Needed when the client blocks its thread (Listing 2.20): a server on the same
    /// thread could never answer. Being on another runtime, it runs on the real clock.
    pub fn service_on_thread(&self) -> Result<Service, Box<dyn std::error::Error + Send + Sync>> {
        if let Some(base) = self.given_url()? {
            return Ok(Service {
                base,
                _thread: None,
            });
        }
        let config = self.server_config()?;
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let join = thread::Builder::new().name("web-service".into()).spawn(
            move || -> std::io::Result<()> {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                runtime.block_on(async {
                    let bound = server::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)));
                    let listener = match bound {
                        Ok(listener) => listener,
                        Err(error) => {
                            let _ = ready_tx.send(Err(error));
                            return Ok(());
                        }
                    };
                    let _ = ready_tx.send(listener.local_addr());
                    server::serve(listener, config, async {
                        let _ = stop_rx.await;
                    })
                    .await
                })
            },
        )?;
        let addr = ready_rx
            .recv()
            .map_err(|_| Message("the server thread stopped before it was ready".into()))?
            .map_err(cannot_start)?;
        Ok(Service {
            base: format!("http://{addr}"),
            _thread: Some(ServerThread {
                stop: Some(stop_tx),
                join: Some(join),
            }),
        })
    }
}

fn cannot_start(error: std::io::Error) -> Message {
    Message(format!("cannot start the in-process server: {error}"))
}

/// The server the example talks to. Dropping it stops a server started on its own thread.
#[derive(Debug)]
pub struct Service {
    base: String,
    // Held only so that its `Drop` stops the server thread.
    _thread: Option<ServerThread>,
}

impl Service {
    /// The full URL of `path` (`"/"` or `"/random"`) on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

#[derive(Debug)]
struct ServerThread {
    stop: Option<oneshot::Sender<()>>,
    join: Option<thread::JoinHandle<std::io::Result<()>>>,
}

impl Drop for ServerThread {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(join) = self.join.take() {
            let _ = join.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, Message> {
        let options = [CLIENT_OPTIONS, &["--port"]].concat();
        Args::parse(
            args.iter().map(|a| a.to_string()),
            &options,
            &["--no-sleep"],
        )
    }

    #[test]
    fn a_program_that_is_no_client_rejects_the_client_options() {
        let only =
            |args: &[&str]| Args::parse(args.iter().map(|a| a.to_string()), &["--port"], &[]);
        assert!(only(&["--port", "0"]).is_ok());
        let error = only(&["--url", "http://127.0.0.1:8000"]).unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"unknown argument "--url" (expected one of: --port)"#
        );
    }

    #[test]
    fn reads_options_flags_and_defaults() {
        let args = parse(&["--workers", "5", "--no-sleep", "--port", "0"]).unwrap();
        assert_eq!(args.workers().unwrap(), 5);
        assert!(args.flag("--no-sleep"));
        assert_eq!(args.value::<u16>("--port").unwrap(), Some(0));
        assert_eq!(parse(&[]).unwrap().workers().unwrap(), 3);
        let zero = parse(&["--workers", "0"]).unwrap().workers().unwrap_err();
        assert_eq!(zero.to_string(), "--workers must be at least 1");
    }

    #[test]
    fn rejects_bad_input_with_a_clear_message() {
        let unknown = parse(&["--worker", "5"]).unwrap_err().to_string();
        assert!(
            unknown.contains("unknown argument \"--worker\""),
            "{unknown}"
        );
        let missing = parse(&["--workers"]).unwrap_err().to_string();
        assert_eq!(missing, "--workers needs a value");
        let bad = parse(&["--workers", "many"])
            .unwrap()
            .workers()
            .unwrap_err();
        assert!(bad.to_string().contains("not a valid value"));
        let url = parse(&["--url", "localhost:8000"]).unwrap().given_url();
        assert!(
            url.unwrap_err()
                .to_string()
                .contains("expected http://HOST:PORT")
        );
        let url = parse(&["--url", "http://127.0.0.1:8000/"])
            .unwrap()
            .given_url();
        assert_eq!(url.unwrap().as_deref(), Some("http://127.0.0.1:8000"));
    }
}
