//! A real browser for tests of the pages the examples serve: headless Chromium, driven over
//! the DevTools protocol.
//!
//! [`Browser::launch`] starts `chromium` (Debian's package; `.ci/run` installs it where it is
//! missing, and `CHROMIUM` names another binary) headless, with a profile of its own that is
//! removed afterwards, and talks to it over the WebSocket it opens for DevTools. A test opens
//! pages ([`Browser::open`]), waits for what they show ([`Browser::wait_for_text`]: the page's
//! text as a reader sees it, after its scripts ran; [`Browser::evaluate`] for anything else),
//! and closes them ([`Browser::close`]).
//!
//! Checked first: headless_chrome 1.0 and chromiumoxide 0.9 drive Chromium the same way, each
//! with a binding of the whole protocol generated from its schema, and their dependencies;
//! five commands of the protocol are all these tests send, over the WebSocket client the
//! workspace already has (tungstenite, under tokio-tungstenite).

use std::fs;
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// How long the browser may take to start, a command to be answered, or a page to show
/// what a test waits for: long enough on a machine busy with other tests.
const DEADLINE: Duration = Duration::from_secs(30);

/// A headless Chromium, killed and its profile removed when dropped.
pub struct Browser {
    child: Child,
    profile: PathBuf,
    devtools: WebSocket<TcpStream>,
    next_id: u64,
}

/// A page (a tab) of the browser.
#[derive(Debug)]
pub struct Page {
    target: String,
    session: String,
}

impl Browser {
    /// Starts the browser.
    ///
    /// # Panics
    /// If it is not installed, or does not open its DevTools socket in time.
    pub fn launch() -> Browser {
        let binary = std::env::var_os("CHROMIUM").unwrap_or_else(|| "chromium".into());
        let profile = std::env::temp_dir().join(format!(
            "asyncio-in-rust-chromium-{}-{:?}",
            std::process::id(),
            thread::current().id()
        ));
        let _ = fs::remove_dir_all(&profile);
        fs::create_dir_all(&profile).expect("a folder for the browser's profile");
        let child = Command::new(&binary)
            .args([
                "--headless=new",
                // Root, in CI, has no user namespace to sandbox with; the pages are ours.
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| {
                panic!(
                    "cannot start {}: {error} (install Debian's `chromium`, as .ci/run does, \
                     or name the binary in CHROMIUM)",
                    binary.to_string_lossy()
                )
            });
        // The browser writes its port and the socket's path there once it listens.
        let active_port = profile.join("DevToolsActivePort");
        let started = Instant::now();
        let (port, path) = loop {
            let written = fs::read_to_string(&active_port).unwrap_or_default();
            if let Some((port, path)) = written.split_once('\n') {
                if !path.trim().is_empty() {
                    break (port.trim().to_owned(), path.trim().to_owned());
                }
            }
            assert!(
                started.elapsed() < DEADLINE,
                "the browser did not open its DevTools socket within {DEADLINE:?}"
            );
            thread::sleep(Duration::from_millis(50));
        };
        let stream = TcpStream::connect(format!("127.0.0.1:{port}")).expect("the DevTools port");
        stream
            .set_read_timeout(Some(DEADLINE))
            .expect("a connected socket takes a timeout");
        let url = format!("ws://127.0.0.1:{port}{path}");
        let (devtools, _) = tungstenite::client(url.as_str(), stream)
            .unwrap_or_else(|error| panic!("the DevTools handshake at {url}: {error}"));
        Browser {
            child,
            profile,
            devtools,
            next_id: 0,
        }
    }

    /// Opens `url` in a new page.
    ///
    /// # Panics
    /// If the browser refuses.
    pub fn open(&mut self, url: &str) -> Page {
        let created = self.command(None, "Target.createTarget", json!({ "url": url }));
        let target = created["targetId"]
            .as_str()
            .expect("a target id")
            .to_owned();
        let attached = self.command(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        );
        let session = attached["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        Page { target, session }
    }

    /// Waits until `page`'s text (`document.body.innerText`) contains `text`, for at most
    /// 30 s.
    ///
    /// # Panics
    /// If it does not by then; the message shows the text it had.
    pub fn wait_for_text(&mut self, page: &Page, text: &str) {
        let started = Instant::now();
        loop {
            let shown = self.text(page);
            if shown.contains(text) {
                return;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "the page never showed {text:?} within {DEADLINE:?}; it shows {shown:?}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// The page's text as a reader sees it (empty while it loads).
    pub fn text(&mut self, page: &Page) -> String {
        self.evaluate(page, "document.body ? document.body.innerText : ''")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The value of a JavaScript expression in `page`, as JSON (`null` for `undefined`).
    pub fn evaluate(&mut self, page: &Page, expression: &str) -> Value {
        let evaluated = self.command(
            Some(&page.session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        evaluated["result"]["value"].clone()
    }

    /// Closes the page, as a reader closing the tab.
    pub fn close(&mut self, page: Page) {
        self.command(
            None,
            "Target.closeTarget",
            json!({ "targetId": page.target }),
        );
    }

    /// Sends a command and returns its result, skipping the events that come meanwhile.
    fn command(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.devtools
            .send(Message::text(message.to_string()))
            .unwrap_or_else(|error| panic!("DevTools {method}: {error}"));
        loop {
            let answer = self
                .devtools
                .read()
                .unwrap_or_else(|error| panic!("DevTools {method}: {error}"));
            let Ok(text) = answer.to_text() else {
                continue;
            };
            let answer: Value = serde_json::from_str(text).unwrap_or_default();
            if answer["id"] != json!(id) {
                continue;
            }
            if let Some(error) = answer.get("error") {
                panic!("DevTools {method}: {error}");
            }
            return answer["result"].clone();
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.profile);
    }
}
