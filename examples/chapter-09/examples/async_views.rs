//! The book's Django project `chapter_09/async_views`: an async view that makes many requests
//! at once, Django's bridges between blocking and async code, and a blocking view that calls
//! async code.
//!
//! The Rust twin of the project's `async_api/views.py`, `urls.py` and the template
//! `requests.html` (in our words, below). Three views,
//! under `/requests/` as in the project:
//!
//! - `/requests/?url=URL&request_num=N`: N requests to URL at once, their status, time and size
//!   rendered in the template, the failures above them.
//! - `/requests/sync_to_async?sleep_time=S&num_calls=N&thread_sensitive=True` (or `False`): N
//!   blocking sleeps of S seconds through `sync_to_async`, all awaited at once, then an empty
//!   answer. With `True` they take turns on one thread (N times S); with `False` each gets a
//!   thread of its own (S).
//! - `/requests/async_to_sync?url=URL&request_num=N`: the first view's work called from a
//!   blocking view, through `async_to_sync`.
//!
//! Without `url`, the requests go to the local stand-in for the internet that the example
//! starts (0.5 s an answer, `--latency`), or to the server `--url` names: the book points
//! them at a real site. It serves until Ctrl-C or SIGTERM.
//!
//! Run with:
//! ```text
//! cargo run --example async_views                 # then, in a second terminal:
//! curl 'http://127.0.0.1:8000/requests/?request_num=3'
//! ```
//!
//! Expected output: none; `curl` gets the page, three rows of `200`, about 500,000
//! microseconds and the stand-in page's size.
//! ```text
//! ```
//!
//! Where Rust differs:
//! - Django's templates are Jinja's cousins; the template is rendered by minijinja, which
//!   escapes what it inserts into HTML as Django does.
//! - `sync_to_async(f, thread_sensitive=True)` runs `f` on one thread kept for the purpose
//!   (Django's main thread, in the book); here that is a thread fed by a channel
//!   (`OneThread`). With `False`, Django uses a thread pool; tokio's blocking pool
//!   (`spawn_blocking`) is the twin.
//! - `async_to_sync` is `Handle::block_on`, called on a blocking thread, where Django runs a
//!   blocking view. Called on one of the runtime's own threads it would panic ("Cannot start a
//!   runtime from within a runtime"): the trap Django's own check guards against.
//! - The book times each request with `timedelta.microseconds`, which is only the part below
//!   one second (a 1.2 s request shows 200,000); here the time is the whole, in microseconds.
//!   A missing or malformed parameter is a 400 that names it, where Django answers 500.

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use clap::Parser;
use futures::future::join_all;
use internet::Internet;
use minijinja::Environment;
use minijinja::value::Serde;
use serde::Serialize;
use serve::StandInArgs;
use tokio::runtime::Handle;
use tokio::sync::oneshot;
use web_client::Client;

/// The book's Django project: async views, sync_to_async and async_to_sync
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// Where the views' requests go when a request names no `url`
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

/// The project's `async_api/requests.html`, in our words: minijinja reads Django's `{% for %}`
/// and `{{ x.y }}` as they are.
const REQUESTS_HTML: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="UTF-8">
    <title>Requests made</title>
</head>
<body>
<h1>The requests, summed up</h1>
<h2>Failed:</h2>
<table>
    {% for failure in failed_results %}
    <tr><td>{{ failure }}</td></tr>
    {% endfor %}
</table>
<h2>Answered:</h2>
<table>
    <tr><td>Status</td><td>Time (microseconds)</td><td>Size</td></tr>
    {% for result in successful_results %}
    <tr><td>{{ result.status }}</td><td>{{ result.time }}</td><td>{{ result.body_length }}</td></tr>
    {% endfor %}
</table>
</body>
</html>
"#;

/// One answered request, as the template shows it.
#[derive(Serialize)]
struct UrlDetails {
    status: u16,
    time: u128,
    body_length: usize,
}

/// What the template is given.
#[derive(Serialize)]
struct Results {
    failed_results: Vec<String>,
    successful_results: Vec<UrlDetails>,
}

struct App {
    client: Client,
    templates: Environment<'static>,
    default_url: String,
    one_thread: OneThread,
}

type Params = Query<HashMap<String, String>>;

async fn get_url_details(client: &Client, url: &str) -> Result<UrlDetails, String> {
    let start_time = Instant::now();
    let (status, body) = client.get_page(url).await.map_err(|e| e.to_string())?;
    Ok(UrlDetails {
        status: status.as_u16(),
        time: start_time.elapsed().as_micros(),
        body_length: String::from_utf8_lossy(&body).chars().count(),
    })
}

/// `gather(*requests, return_exceptions=True)`, sorted into failures and successes.
async fn make_requests(client: &Client, url: &str, request_num: usize) -> Results {
    let requests = (0..request_num).map(|_| get_url_details(client, url));
    let (successful, failed): (Vec<_>, Vec<_>) = join_all(requests)
        .await
        .into_iter()
        .partition(Result::is_ok);
    Results {
        failed_results: failed.into_iter().filter_map(Result::err).collect(),
        successful_results: successful.into_iter().filter_map(Result::ok).collect(),
    }
}

async fn requests_view(
    State(app): State<Arc<App>>,
    Query(get): Params,
) -> Result<Response, BadRequest> {
    let (url, request_num) = url_and_count(&app, &get)?;
    let context = make_requests(&app.client, &url, request_num).await;
    Ok(render(&app, &context))
}

async fn sync_to_async_view(
    State(app): State<Arc<App>>,
    Query(get): Params,
) -> Result<StatusCode, BadRequest> {
    let sleep_time: f64 = param(&get, "sleep_time")?;
    let num_calls: usize = param(&get, "num_calls")?;
    let thread_sensitive = get.get("thread_sensitive").map(String::as_str) == Some("True");
    let sleep_time = Duration::try_from_secs_f64(sleep_time)
        .map_err(|_| BadRequest("sleep_time is not a number of seconds".to_owned()))?;
    let sleep = move || thread::sleep(sleep_time);
    if thread_sensitive {
        join_all((0..num_calls).map(|_| app.one_thread.run(sleep))).await;
    } else {
        let calls = (0..num_calls).map(|_| tokio::task::spawn_blocking(sleep));
        join_all(calls).await;
    }
    Ok(StatusCode::OK)
}

/// A blocking view, as Django runs one: on a thread of its own, calling the async code
/// through `async_to_sync`, here the runtime's `Handle::block_on`.
async fn requests_view_sync(
    State(app): State<Arc<App>>,
    Query(get): Params,
) -> Result<Response, BadRequest> {
    let runtime = Handle::current();
    let view = move || {
        let (url, request_num) = url_and_count(&app, &get)?;
        let context = runtime.block_on(make_requests(&app.client, &url, request_num));
        Ok(render(&app, &context))
    };
    tokio::task::spawn_blocking(view)
        .await
        .unwrap_or_else(|_| Ok(StatusCode::INTERNAL_SERVER_ERROR.into_response()))
}

/// A parameter that is missing or malformed: a 400 that says which.
struct BadRequest(String);

impl IntoResponse for BadRequest {
    fn into_response(self) -> Response {
        (StatusCode::BAD_REQUEST, format!("{}\n", self.0)).into_response()
    }
}

fn url_and_count(app: &App, get: &HashMap<String, String>) -> Result<(String, usize), BadRequest> {
    let url = get
        .get("url")
        .cloned()
        .unwrap_or_else(|| app.default_url.clone());
    Ok((url, param(get, "request_num")?))
}

fn param<T: std::str::FromStr>(get: &HashMap<String, String>, name: &str) -> Result<T, BadRequest> {
    let value = get
        .get(name)
        .ok_or_else(|| BadRequest(format!("{name} is missing")))?;
    value
        .parse()
        .map_err(|_| BadRequest(format!("{name} is not a number: {value:?}")))
}

fn render(app: &App, results: &Results) -> Response {
    let page = app
        .templates
        .get_template("requests.html")
        .and_then(|template| template.render(Serde(results)));
    match page {
        Ok(page) => Html(page).into_response(),
        Err(error) => {
            tracing::error!("the template failed: {error}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `sync_to_async(thread_sensitive=True)`'s one thread: jobs run there, one after another.
struct OneThread(mpsc::Sender<Box<dyn FnOnce() + Send>>);

impl OneThread {
    fn start() -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel::<Box<dyn FnOnce() + Send>>();
        thread::Builder::new()
            .name("sync-to-async".into())
            .spawn(move || {
                for job in queue {
                    job();
                }
            })?;
        Ok(OneThread(jobs))
    }

    /// Runs `job` on the thread and awaits its end.
    async fn run(&self, job: impl FnOnce() + Send + 'static) {
        let (done, finished) = oneshot::channel();
        let queued = self.0.send(Box::new(move || {
            job();
            let _ = done.send(());
        }));
        if queued.is_ok() {
            let _ = finished.await;
        }
    }
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    util::log_to_stderr("warn");
    let site = args.site.start()?;
    let mut templates = Environment::new();
    templates.add_template("requests.html", REQUESTS_HTML)?;
    let app = Arc::new(App {
        client: Client::new(),
        templates,
        default_url: site.url("/"),
        one_thread: OneThread::start()?,
    });
    let routes = Router::new()
        .route("/requests/", get(requests_view))
        .route("/requests/sync_to_async", get(sync_to_async_view))
        .route("/requests/async_to_sync", get(requests_view_sync))
        .with_state(app);
    let listener = serve::listen(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port)))?;
    serve::tell_chosen_port(args.port, listener.local_addr()?);
    web_app::run_app(listener, routes, || async {}).await;
    Ok(())
}
