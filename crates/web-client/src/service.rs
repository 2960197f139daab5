//! Which server an example talks to: the one `--url` names, or the test web service started
//! in-process.
//!
//! The article starts `web.py` in one terminal and runs the scripts in another. Our examples
//! start the service in-process on a free loopback port instead, unless the reader passes
//! `--url` to use one that is already running (our `web` example, or the article's own FastAPI
//! service). `--url http://HOST:PORT` is a server: the example appends its own path (`/` or
//! `/random`). A URL with a path, `--url http://HOST:PORT/random`, is the very endpoint to
//! request.

use std::future;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use hyper::Uri;
use util::ServerThread;
use util::cli::{at_least_one, parse_seconds};
use web_service::Config;

/// The flags every client example shares. Flatten them into the example's own `Args` with
/// `#[command(flatten)]`.
#[derive(clap::Args, Clone, Debug)]
pub struct ServiceArgs {
    /// Talk to the server at URL (`http://HOST:PORT`, or a whole endpoint such as
    /// `http://HOST:PORT/random`) instead of starting the test service in-process
    #[arg(long, value_name = "URL", value_parser = parse_url)]
    url: Option<GivenUrl>,

    /// How long the in-process service waits before each answer
    #[arg(long, value_name = "SECONDS", default_value = "1", value_parser = parse_seconds)]
    delay: Duration,

    /// The in-process service's n-th request (from 0) waits n × SECONDS more
    #[arg(long, value_name = "SECONDS", default_value = "0", value_parser = parse_seconds)]
    stagger: Duration,
}

/// `--workers N`: how many requests the script sends (its `main(3, ...)`).
///
/// Zero is refused: the scripts fail on it too (`asyncio.wait` of an empty set and a pool of no
/// threads both raise `ValueError`).
#[derive(clap::Args, Clone, Copy, Debug)]
pub struct Workers {
    /// How many requests to send at once
    #[arg(
        long,
        value_name = "N",
        default_value_t = 3,
        value_parser = at_least_one
    )]
    pub workers: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum GivenUrl {
    /// `http://HOST:PORT`: the example appends its path.
    Server(String),
    /// `http://HOST:PORT/PATH`: request exactly this.
    Endpoint(String),
}

fn parse_url(text: &str) -> Result<GivenUrl, String> {
    let expected = "expected http://HOST:PORT or http://HOST:PORT/PATH";
    let uri: Uri = text.parse().map_err(|_| expected.to_owned())?;
    if uri.scheme_str() != Some("http") || uri.authority().is_none() {
        return Err(expected.to_owned());
    }
    let has_path = uri.path_and_query().is_some_and(|p| p.as_str() != "/");
    Ok(if has_path {
        GivenUrl::Endpoint(text.to_owned())
    } else {
        GivenUrl::Server(text.trim_end_matches('/').to_owned())
    })
}

impl ServiceArgs {
    /// The in-process service's settings: `--delay`, `--stagger`, and the tests' `/random` seed
    /// if the harness set one (see [`util::runtime::seed_for_tests`]).
    pub fn config(&self) -> Config {
        Config {
            delay: self.delay,
            stagger: self.stagger,
            seed: util::runtime::seed_for_tests(),
            ..Config::default()
        }
    }

    /// The URL to request for `path` if `--url` was given (see [`Service::url`]), for a
    /// program that starts its own server otherwise.
    pub fn given_url(&self, path: &str) -> Option<String> {
        self.url.clone().map(|url| Service::given(url).url(path))
    }

    /// The server to talk to: `--url`, or the service started on this runtime on a free
    /// loopback port. The in-process server is a task like any other: it runs whenever the
    /// client tasks are waiting, and it stops when the runtime does. It is kept off the
    /// timeline (`ASYNCIO_TIMELINE=1`): in the article it is another process.
    ///
    /// # Errors
    /// If no loopback port can be bound.
    pub fn service(&self) -> std::io::Result<Service> {
        if let Some(url) = &self.url {
            return Ok(Service::given(url.clone()));
        }
        let listener = util::listen(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
        let addr = listener.local_addr()?;
        let serve = web_service::serve(listener, self.config(), future::pending());
        // It never stops: the runtime drops it with everything else.
        tokio::spawn(util::timeline::offstage(serve));
        Ok(Service::started(addr, None))
    }

    /// Like [`ServiceArgs::service`], but the in-process server gets a thread and a runtime of
    /// its own. Needed when the client blocks its thread (Listing 2.20): a server on the same
    /// thread could never answer. Being on another runtime, it runs on the real clock.
    ///
    /// # Errors
    /// If the thread cannot start or no loopback port can be bound.
    pub fn service_on_thread(&self) -> std::io::Result<Service> {
        if let Some(url) = &self.url {
            return Ok(Service::given(url.clone()));
        }
        let config = self.config();
        let thread = ServerThread::start("web-service", move |shutdown| {
            let listener = util::listen(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
            let addr = listener.local_addr()?;
            Ok((addr, async move {
                // Stopped when the example is done with it: requests still in flight are
                // the example's own, and it has stopped waiting for them.
                let _ = web_service::serve(listener, config, shutdown).await;
            }))
        })?;
        Ok(Service::started(thread.addr(), Some(thread)))
    }
}

/// The server an example talks to. Dropping it stops a server started on its own thread.
#[derive(Debug)]
pub struct Service {
    url: GivenUrl,
    // Held only so that its `Drop` stops the server thread.
    _thread: Option<ServerThread>,
}

impl Service {
    fn given(url: GivenUrl) -> Self {
        Service { url, _thread: None }
    }

    fn started(addr: SocketAddr, thread: Option<ServerThread>) -> Self {
        Service {
            url: GivenUrl::Server(format!("http://{addr}")),
            _thread: thread,
        }
    }

    /// The URL to request for `path` (`"/"` or `"/random"`): the server's base URL and
    /// `path`, or the endpoint `--url` named, whatever `path` is.
    pub fn url(&self, path: &str) -> String {
        match &self.url {
            GivenUrl::Server(base) => format!("{base}{path}"),
            GivenUrl::Endpoint(url) => url.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    struct Args {
        #[command(flatten)]
        service: ServiceArgs,
        #[command(flatten)]
        workers: Workers,
    }

    fn parse(args: &[&str]) -> Result<Args, String> {
        Args::try_parse_from(std::iter::once("example").chain(args.iter().copied()))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn defaults_are_the_scripts() {
        let args = parse(&[]).unwrap();
        assert_eq!(args.workers.workers, 3);
        assert_eq!(args.service.delay, Duration::from_secs(1));
        assert_eq!(args.service.stagger, Duration::ZERO);
        assert_eq!(args.service.url, None);
    }

    #[test]
    fn a_url_is_a_server_or_an_endpoint() {
        let url = |text: &str| {
            let service = Service::given(parse(&["--url", text]).unwrap().service.url.unwrap());
            service.url("/random")
        };
        assert_eq!(url("http://127.0.0.1:8000"), "http://127.0.0.1:8000/random");
        assert_eq!(
            url("http://127.0.0.1:8000/"),
            "http://127.0.0.1:8000/random"
        );
        assert_eq!(url("http://h:1/random"), "http://h:1/random");
        assert_eq!(url("http://h:1/?x=1"), "http://h:1/?x=1");
    }

    #[test]
    fn bad_values_are_one_clear_line() {
        for (args, says) in [
            (&["--workers", "0"][..], "must be at least 1"),
            (&["--workers", "many"], "not a whole number"),
            (&["--url", "localhost:8000"], "expected http://HOST:PORT"),
            (&["--url", "https://h:1"], "expected http://HOST:PORT"),
            (&["--stagger", "1e19"], "not between 0 and a year"),
            (&["--delay=-1"], "not between 0 and a year"),
            (&["--delay", "soon"], "not a number of seconds"),
            (&["--worker", "5"], "unexpected argument '--worker'"),
        ] {
            let error = parse(args).unwrap_err();
            assert!(error.contains(says), "{args:?}: {error}");
        }
    }
}
