//! The server an example talks to: the one the reader names with `--url`, or a local stand-in.
//!
//! The articles start a server in one terminal and run the clients in another; the book
//! fetches `www.example.com`. Our examples start a stand-in in-process on a free loopback port
//! instead, so that each runs with one `cargo run` and nothing leaves the machine, unless the
//! reader passes `--url` to use a server that is already running (one of our server examples,
//! the article's own, or a real site). Every such example has the same two flags, from
//! [`StandInArgs`], whatever stands in:
//!
//! - `--url URL`: `http://HOST:PORT` is a server, to which the example adds its own paths
//!   (`/`, `/random`); a URL with a path, `http://HOST:PORT/random`, is the very thing to
//!   request.
//! - `--latency SECONDS`: how long the stand-in takes to answer each request.

use std::future::{self, Future};
use std::io;
use std::marker::PhantomData;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::net::TcpListener;
use util::cli::parse_seconds;

use crate::{ServerThread, listen};

/// A server an example can start in-process when the reader names none.
pub trait StandIn: Send + Sync + 'static {
    /// The scheme of its URLs, and of the URLs `--url` takes: `http` or `ws`.
    const SCHEME: &'static str;
    /// `--latency`'s default, in seconds, as `--help` shows it.
    const LATENCY: &'static str;
    /// A name for its thread, when it gets one.
    const NAME: &'static str;

    /// Serves on `listener` until `shutdown` completes, answering each request after about
    /// `latency` (see [`Stagger`]).
    fn serve(
        listener: TcpListener,
        latency: Duration,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> impl Future<Output = ()> + Send + 'static;
}

/// The flags of an example that talks to a server, with `S` standing in when `--url` is not
/// given. Flatten them into the example's clap `Args` with `#[command(flatten)]`.
#[derive(clap::Args)]
pub struct StandInArgs<S: StandIn> {
    /// Talk to the server at URL instead of starting a local stand-in (a server such as
    /// http://HOST:PORT, or the whole URL to request)
    #[arg(long, value_name = "URL", value_parser = parse_url::<S>)]
    url: Option<GivenUrl>,

    /// How long the local stand-in takes to answer each request
    #[arg(long, value_name = "SECONDS", default_value = S::LATENCY, value_parser = parse_seconds)]
    latency: Duration,

    #[arg(skip)]
    stand_in: PhantomData<fn() -> S>,
}

// By hand: derived impls would ask `S: Clone` and `S: Debug` of the marker type.
impl<S: StandIn> std::fmt::Debug for StandInArgs<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StandInArgs")
            .field("url", &self.url)
            .field("latency", &self.latency)
            .finish()
    }
}

impl<S: StandIn> Clone for StandInArgs<S> {
    fn clone(&self) -> Self {
        StandInArgs {
            url: self.url.clone(),
            latency: self.latency,
            stand_in: PhantomData,
        }
    }
}

/// No `--url`, and the stand-in's own latency: what an example gets with no flags.
impl<S: StandIn> Default for StandInArgs<S> {
    fn default() -> Self {
        StandInArgs {
            url: None,
            latency: parse_seconds(S::LATENCY)
                .expect("a stand-in's LATENCY is a number of seconds"),
            stand_in: PhantomData,
        }
    }
}

impl<S: StandIn> StandInArgs<S> {
    /// `--latency`: how long the stand-in takes to answer (whether or not one is started).
    pub fn latency(&self) -> Duration {
        self.latency
    }

    /// The server `--url` names, if it names one: for an example that starts its stand-in
    /// in a way of its own (a benchmark's tuned one, say).
    pub fn given(&self) -> Option<Target> {
        self.url.clone().map(Target::given)
    }

    /// The server to talk to: `--url`, or the stand-in started on this runtime, on a free
    /// loopback port. The stand-in is a task like any other: it runs whenever the example's
    /// tasks wait, its latency is exact under the tests' paused clock, and it stops with the
    /// runtime. It is kept off the timeline (`ASYNCIO_TIMELINE=1`): in the text it is another
    /// program, or another machine.
    ///
    /// # Errors
    /// If no loopback port can be bound.
    pub fn start(&self) -> io::Result<Target> {
        if let Some(target) = self.given() {
            return Ok(target);
        }
        let listener = listen(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
        let url = base_url::<S>(listener.local_addr()?);
        let serve = S::serve(listener, self.latency, future::pending());
        // It never stops by itself: the runtime drops it with everything else.
        tokio::spawn(util::timeline::offstage(serve));
        Ok(Target {
            url: GivenUrl::Server(url),
            stand_in: true,
            _thread: None,
        })
    }

    /// Like [`StandInArgs::start`], but the stand-in gets a thread and a runtime of its own,
    /// for an example that blocks its thread (a blocking client, Listing 2.20's mistake): a
    /// stand-in on that thread could never answer. On its own runtime it runs on the real
    /// clock. Dropping the [`Target`] stops it.
    ///
    /// # Errors
    /// If the thread cannot start or no loopback port can be bound.
    pub fn start_on_thread(&self) -> io::Result<Target> {
        if let Some(target) = self.given() {
            return Ok(target);
        }
        let latency = self.latency;
        let thread = ServerThread::start(S::NAME, move |shutdown| {
            let listener = listen(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
            Ok((
                listener.local_addr()?,
                S::serve(listener, latency, shutdown),
            ))
        })?;
        Ok(Target {
            url: GivenUrl::Server(base_url::<S>(thread.addr())),
            stand_in: true,
            _thread: Some(thread),
        })
    }
}

/// Spaces out answers that would be due in the same instant: a request that arrives while `n`
/// others wait for their answers waits `n` milliseconds more. On a real network no two answers
/// arrive together; under the tests' paused clock they would, and the order in which a client
/// saw them (`as_completed`, `wait(FIRST_COMPLETED)`) would be no order anyone can tell. A
/// millisecond is the resolution of tokio's timers: less would let two answers share a tick.
/// A thousand requests at once end within a second of one another.
#[derive(Debug, Default)]
pub struct Stagger {
    waiting: AtomicU32,
}

/// A request counted by [`Stagger::arrive`], counted out when dropped.
#[derive(Debug)]
pub struct Waiting<'a>(&'a AtomicU32);

impl Stagger {
    const STEP: Duration = Duration::from_millis(1);

    /// Counts a request in, and says how much longer than the latency it waits.
    pub fn arrive(&self) -> (Duration, Waiting<'_>) {
        let ahead = self.waiting.fetch_add(1, Ordering::Relaxed);
        (Self::STEP.saturating_mul(ahead), Waiting(&self.waiting))
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

fn base_url<S: StandIn>(addr: SocketAddr) -> String {
    format!("{}://{addr}", S::SCHEME)
}

/// The server an example talks to. Dropping it stops a stand-in started on its own thread.
#[derive(Debug)]
pub struct Target {
    url: GivenUrl,
    stand_in: bool,
    // Held only so that its `Drop` stops the stand-in's thread.
    _thread: Option<ServerThread>,
}

impl Target {
    fn given(url: GivenUrl) -> Self {
        Target {
            url,
            stand_in: false,
            _thread: None,
        }
    }

    /// Whether this is a stand-in the example started, rather than the server `--url` named.
    pub fn is_stand_in(&self) -> bool {
        self.stand_in
    }

    /// The server's `HOST:PORT` (port 80 if the URL names none), for an example that opens
    /// the connection itself and writes its own request (Listings 8.2 and 8.3).
    pub fn address(&self) -> String {
        let (GivenUrl::Server(url) | GivenUrl::Whole(url)) = &self.url;
        let rest = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
        let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
        // A port is what follows the last colon, unless that colon is inside an IPv6 `[...]`.
        let has_port = authority.rfind(':') > authority.rfind(']');
        if has_port {
            authority.to_owned()
        } else {
            format!("{authority}:80")
        }
    }

    /// The URL to request for `path` (`"/"`, `"/random"`): the server's URL and `path`, or
    /// the whole URL `--url` named, whatever `path` is.
    pub fn url(&self, path: &str) -> String {
        match &self.url {
            GivenUrl::Server(base) => format!("{base}{path}"),
            GivenUrl::Whole(url) => url.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum GivenUrl {
    /// `http://HOST:PORT`: the example adds its paths.
    Server(String),
    /// `http://HOST:PORT/PATH`: request exactly this.
    Whole(String),
}

fn parse_url<S: StandIn>(text: &str) -> Result<GivenUrl, String> {
    let scheme = S::SCHEME;
    let expected = || format!("expected {scheme}://HOST:PORT or {scheme}://HOST:PORT/PATH");
    let rest = text
        .strip_prefix(scheme)
        .and_then(|rest| rest.strip_prefix("://"))
        .ok_or_else(expected)?;
    let (authority, path) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    let bad_authority = authority.is_empty()
        || authority
            .chars()
            .any(|c| c.is_whitespace() || c == '@' || c == '#');
    if bad_authority {
        return Err(expected());
    }
    Ok(match path {
        "" | "/" => GivenUrl::Server(format!("{scheme}://{authority}")),
        _ => GivenUrl::Whole(text.to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    struct Echo;

    impl StandIn for Echo {
        const SCHEME: &'static str = "http";
        const LATENCY: &'static str = "0.5";
        const NAME: &'static str = "echo";

        async fn serve(
            listener: TcpListener,
            _latency: Duration,
            shutdown: impl Future<Output = ()> + Send + 'static,
        ) {
            let clients = crate::accept_until(&listener, shutdown, |_, _| async {}).await;
            drop(clients);
        }
    }

    #[derive(Parser, Debug)]
    struct Args {
        #[command(flatten)]
        stand_in: StandInArgs<Echo>,
    }

    fn parse(args: &[&str]) -> Result<Args, String> {
        Args::try_parse_from(std::iter::once("example").chain(args.iter().copied()))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_latency_defaults_to_the_stand_ins() {
        let args = parse(&[]).unwrap();
        assert_eq!(args.stand_in.latency(), Duration::from_millis(500));
        assert!(args.stand_in.given().is_none());
        let args = parse(&["--latency", "0.1"]).unwrap();
        assert_eq!(args.stand_in.latency(), Duration::from_millis(100));
    }

    #[test]
    fn a_url_is_a_server_or_the_whole_url() {
        let url = |text: &str| {
            let args = parse(&["--url", text]).unwrap();
            args.stand_in.given().unwrap().url("/random")
        };
        assert_eq!(url("http://127.0.0.1:8000"), "http://127.0.0.1:8000/random");
        assert_eq!(
            url("http://127.0.0.1:8000/"),
            "http://127.0.0.1:8000/random"
        );
        assert_eq!(url("http://h:1/random"), "http://h:1/random");
        assert_eq!(url("http://h:1/?x=1"), "http://h:1/?x=1");
        assert_eq!(url("http://h:1?x=1"), "http://h:1?x=1");
        let address = |text: &str| {
            let args = parse(&["--url", text]).unwrap();
            args.stand_in.given().unwrap().address()
        };
        assert_eq!(address("http://127.0.0.1:8000"), "127.0.0.1:8000");
        assert_eq!(address("http://h:1/random"), "h:1");
        assert_eq!(address("http://h?x=1"), "h:80");
        assert_eq!(address("http://[::1]/"), "[::1]:80");
        assert_eq!(address("http://[::1]:8000"), "[::1]:8000");
    }

    #[test]
    fn bad_values_are_one_clear_line() {
        for (args, says) in [
            (
                &["--url", "localhost:8000"][..],
                "expected http://HOST:PORT",
            ),
            (&["--url", "https://h:1"], "expected http://HOST:PORT"),
            (&["--url", "http://"], "expected http://HOST:PORT"),
            (&["--url", "http://a b"], "expected http://HOST:PORT"),
            (&["--latency", "1e19"], "not between 0 and a year"),
            (&["--latency=-1"], "not between 0 and a year"),
            (&["--latency", "soon"], "not a number of seconds"),
            (&["--delay", "1"], "unexpected argument '--delay'"),
        ] {
            let error = parse(args).unwrap_err();
            assert!(error.contains(says), "{args:?}: {error}");
        }
    }

    #[tokio::test]
    async fn a_stand_in_is_started_unless_a_url_is_given() {
        let args = parse(&[]).unwrap();
        let target = args.stand_in.start().unwrap();
        let url = target.url("/");
        let addr = url
            .strip_prefix("http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap();
        tokio::net::TcpStream::connect(addr).await.unwrap();

        let args = parse(&["--url", "http://127.0.0.1:1"]).unwrap();
        assert_eq!(
            args.stand_in.start().unwrap().url("/"),
            "http://127.0.0.1:1/"
        );
    }

    #[test]
    fn a_stand_in_on_its_thread_stops_with_its_target() {
        let args = parse(&[]).unwrap();
        let target = args.stand_in.start_on_thread().unwrap();
        let url = target.url("");
        let addr = url.strip_prefix("http://").unwrap().to_owned();
        std::net::TcpStream::connect(&addr).unwrap();
        drop(target);
        assert!(std::net::TcpStream::connect(&addr).is_err());
    }

    #[test]
    fn each_request_waiting_ahead_adds_a_millisecond() {
        let stagger = Stagger::default();
        let (first, first_waiting) = stagger.arrive();
        let (second, _second_waiting) = stagger.arrive();
        assert_eq!((first, second), (Duration::ZERO, Duration::from_millis(1)));
        drop(first_waiting);
        assert_eq!(stagger.arrive().0, Duration::from_millis(1));
    }
}
