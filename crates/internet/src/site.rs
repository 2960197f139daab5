//! The server, and the flags that decide whether an example starts it.

use std::convert::Infallible;
use std::future::{self, Future};
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{CONTENT_TYPE, HOST, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use util::ServerThread;
use util::cli::parse_seconds;

/// The page every `GET` gets: a few lines of HTML, like example.com's, in our own words.
const PAGE: &str = "<!doctype html>\n<html>\n<head><title>Example site</title></head>\n\
<body>\n<h1>Example site</h1>\n<p>A local stand-in for the web sites the book fetches.</p>\n\
</body>\n</html>\n";

/// How the site behaves.
#[derive(Clone, Debug)]
pub struct Config {
    /// How long each request waits before its answer, unless it asks for `?delay=`.
    pub latency: Duration,
    /// A request that arrives while `n` others are waiting for their answers waits
    /// `n * stagger` more. On a real network no two answers arrive in the same instant; under
    /// the tests' paused clock they would, and `wait`'s `FIRST_COMPLETED` could not tell the
    /// first from the others.
    pub stagger: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            latency: Duration::from_millis(500),
            stagger: DEFAULT_STAGGER,
        }
    }
}

/// A millisecond, the resolution of tokio's timers: a smaller step would let two answers share
/// a tick. 1,000 requests end within a second of one another.
const DEFAULT_STAGGER: Duration = Duration::from_millis(1);

/// Serves the site on `listener` until `shutdown` completes; connections still open then are
/// dropped.
pub async fn serve(listener: TcpListener, config: Config, shutdown: impl Future<Output = ()>) {
    let config = Arc::new(Shared {
        config,
        in_flight: AtomicU32::new(0),
    });
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(10))
        .half_close(true);
    let mut connections = JoinSet::new();
    let mut accept_errors = util::AcceptErrors::default();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => {
                accept_errors.accepted();
                stream
            }
            Err(error) => {
                accept_errors.failed(&error).await;
                continue;
            }
        };
        let config = Arc::clone(&config);
        let service = service_fn(move |request| answer(Arc::clone(&config), request));
        let connection = http.serve_connection(TokioIo::new(stream), service);
        connections.spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
        });
        while connections.try_join_next().is_some() {}
    }
}

/// What the connections share: the settings, and how many requests are waiting.
struct Shared {
    config: Config,
    in_flight: AtomicU32,
}

/// One request waiting for its answer; counted out when it ends, or is dropped with its
/// connection.
struct InFlight<'a>(&'a AtomicU32);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

async fn answer<B>(
    shared: Arc<Shared>,
    request: Request<B>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let config = &shared.config;
    let ahead = shared.in_flight.fetch_add(1, Ordering::Relaxed);
    let _in_flight = InFlight(&shared.in_flight);
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return Ok(page(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n"));
    }
    let delay = request
        .uri()
        .query()
        .and_then(|query| {
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix("delay="))
        })
        .and_then(|seconds| parse_seconds(seconds).ok())
        .unwrap_or(config.latency);
    if let Some(page_name) = request.uri().path().strip_prefix("/crawl/") {
        let host = request
            .headers()
            .get(HOST)
            .and_then(|host| host.to_str().ok())
            .unwrap_or("127.0.0.1")
            .to_owned();
        let body = crawl_page(page_name, &host);
        drop(request);
        tokio::time::sleep(delay).await;
        return Ok(match body {
            Some(body) => html(StatusCode::OK, Bytes::from(body)),
            None => page(StatusCode::NOT_FOUND, "no such page\n"),
        });
    }
    let status = match request.uri().path().strip_prefix("/status/") {
        Some(code) => match code.parse().ok().and_then(|c| StatusCode::from_u16(c).ok()) {
            Some(status) => status,
            None => return Ok(page(StatusCode::NOT_FOUND, "no such status\n")),
        },
        None => StatusCode::OK,
    };
    drop(request);
    tokio::time::sleep(delay.saturating_add(config.stagger.saturating_mul(ahead))).await;
    Ok(page(status, PAGE))
}

/// The small site under `/crawl/` that the chapter 12 crawler walks: the start page links to
/// two pages, one of which links back (a cycle) and one of which has a dead link (a server
/// that refuses connections) and a page that does not exist (404). Links are absolute, built
/// from the request's `Host`, as a crawler that follows `href`s as they are needs.
fn crawl_page(name: &str, host: &str) -> Option<String> {
    let links: &[&str] = match name {
        "" => &["/crawl/about", "/crawl/news"],
        "about" => &["/crawl/", "/crawl/team"],
        "news" => &["/crawl/missing", "http://127.0.0.1:1/offline"],
        "team" => &[],
        _ => return None,
    };
    let anchors: String = links
        .iter()
        .map(|link| {
            let href = if link.starts_with('/') {
                format!("http://{host}{link}")
            } else {
                (*link).to_owned()
            };
            format!("<a href=\"{href}\">{link}</a>\n")
        })
        .collect();
    Some(format!(
        "<!doctype html>\n<html>\n<body>\n<h1>{name}</h1>\n{anchors}</body>\n</html>\n"
    ))
}

fn page(status: StatusCode, body: &'static str) -> Response<Full<Bytes>> {
    html(status, Bytes::from_static(body.as_bytes()))
}

fn html(status: StatusCode, body: Bytes) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=UTF-8"),
    );
    response
}

/// Starts the site on a free loopback port on the current runtime and returns its URL
/// (`http://127.0.0.1:PORT`). It serves until the runtime stops, and is kept off the
/// timeline: in the book it is a host on the internet.
///
/// # Errors
/// If no loopback port can be bound.
pub fn start_local(config: Config) -> io::Result<String> {
    let listener = util::listen(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(util::timeline::offstage(serve(
        listener,
        config,
        future::pending(),
    )));
    Ok(url)
}

/// The flags of an example that fetches a web site. Flatten them into its clap `Args`.
#[derive(clap::Args, Clone, Debug)]
pub struct SiteArgs {
    /// Fetch this URL (a real site, say `http://example.com/`) instead of the local stand-in
    #[arg(long, value_name = "URL")]
    url: Option<String>,

    /// How long the local stand-in takes to answer each request
    #[arg(long, value_name = "SECONDS", default_value = "0.5", value_parser = parse_seconds)]
    latency: Duration,

    /// A stand-in request that arrives while n others wait for theirs waits n × SECONDS more
    #[arg(long, value_name = "SECONDS", default_value = "0.001", value_parser = parse_seconds)]
    stagger: Duration,
}

/// The site an example fetches. Dropping it stops a stand-in started on its own thread.
#[derive(Debug)]
pub struct Site {
    url: String,
    _thread: Option<ServerThread>,
}

impl Site {
    /// The URL to fetch: `--url`, or the stand-in's `/`.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl SiteArgs {
    /// The stand-in's settings.
    pub fn config(&self) -> Config {
        Config {
            latency: self.latency,
            stagger: self.stagger,
        }
    }

    /// `--url`, or the stand-in started on a thread and a runtime of its own, for clients that
    /// block their thread. It runs on the real clock.
    ///
    /// # Errors
    /// If the thread cannot start or no loopback port can be bound.
    pub fn on_thread(&self) -> io::Result<Site> {
        if let Some(url) = &self.url {
            return Ok(Site {
                url: url.clone(),
                _thread: None,
            });
        }
        let config = self.config();
        let thread = ServerThread::start("internet", move |shutdown| {
            let listener = util::listen(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
            Ok((listener.local_addr()?, serve(listener, config, shutdown)))
        })?;
        Ok(Site {
            url: format!("http://{}/", thread.addr()),
            _thread: Some(thread),
        })
    }

    /// `--url`, or the stand-in started on the current runtime (see [`start_local`]), for async
    /// clients: under the tests' paused clock its latency is then exact.
    ///
    /// # Errors
    /// If no loopback port can be bound.
    pub fn local(&self) -> io::Result<Site> {
        let url = match &self.url {
            Some(url) => url.clone(),
            None => format!("{}/", start_local(self.config())?),
        };
        Ok(Site { url, _thread: None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Args {
        #[command(flatten)]
        site: SiteArgs,
    }

    fn site(args: &[&str]) -> Site {
        let args = Args::parse_from(std::iter::once("x").chain(args.iter().copied()));
        args.site.on_thread().unwrap()
    }

    #[test]
    fn answers_after_its_latency_with_the_status_asked_for() {
        let site = site(&["--latency", "0.2"]);
        let started = std::time::Instant::now();
        let response = ureq::get(site.url()).call().unwrap();
        assert_eq!(response.status(), 200);
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(200), "{waited:?}");
        let body = response.into_body().read_to_string().unwrap();
        assert!(body.contains("<h1>Example site</h1>"), "{body}");

        let started = std::time::Instant::now();
        let error = ureq::get(format!("{}status/503?delay=0", site.url()))
            .call()
            .unwrap_err();
        assert!(matches!(error, ureq::Error::StatusCode(503)), "{error}");
        assert!(started.elapsed() < Duration::from_millis(200));
    }

    #[test]
    fn refuses_other_methods_and_statuses_that_do_not_exist() {
        let site = site(&["--latency", "0"]);
        let error = ureq::post(site.url()).send_empty().unwrap_err();
        assert!(matches!(error, ureq::Error::StatusCode(405)), "{error}");
        let error = ureq::get(format!("{}status/9999", site.url()))
            .call()
            .unwrap_err();
        assert!(matches!(error, ureq::Error::StatusCode(404)), "{error}");
    }

    #[test]
    fn a_given_url_starts_nothing() {
        let site = site(&["--url", "http://example.com/"]);
        assert_eq!(site.url(), "http://example.com/");
        assert!(site._thread.is_none());
    }
}
