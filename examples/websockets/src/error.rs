//! What can go wrong while inspecting a document.

use std::fmt;
use std::time::Duration;

use tokio_tungstenite::tungstenite;

/// Why an inspection failed. [`crate::DocumentInspector::get_widgets`] logs it and returns an
/// empty list; [`crate::DocumentInspector::inspect`] hands it to the caller.
#[derive(Debug)]
pub enum InspectError {
    /// The tokio runtime could not be built (the OS refused a thread or an epoll instance).
    Runtime(std::io::Error),
    /// The WebSocket could not be opened, or failed while in use.
    WebSocket(tungstenite::Error),
    /// The conversation did not end within the time allowed; every task was cancelled.
    Timeout(Duration),
    /// The server ended the connection while replies were still expected.
    ClosedEarly { pending: usize },
    /// The server sent a frame this client cannot read.
    Malformed { frame: String, reason: String },
    /// The server answered a request with an error reply.
    Server {
        method: &'static str,
        code: i64,
        message: String,
    },
    /// The sender or the receiver task panicked.
    Task(tokio::task::JoinError),
}

impl fmt::Display for InspectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Runtime(e) => write!(f, "cannot start the tokio runtime: {e}"),
            Self::WebSocket(e) => write!(f, "WebSocket error: {e}"),
            Self::Timeout(limit) => write!(f, "no complete answer within {limit:?}"),
            Self::ClosedEarly { pending } => write!(
                f,
                "the server closed the connection while {pending} request(s) still awaited a reply"
            ),
            Self::Malformed { frame, reason } => write!(f, "unreadable frame {frame:?}: {reason}"),
            Self::Server {
                method,
                code,
                message,
            } => write!(f, "{method} failed with error {code}: {message}"),
            Self::Task(e) => write!(f, "a conversation task failed: {e}"),
        }
    }
}

impl std::error::Error for InspectError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Runtime(e) => Some(e),
            Self::WebSocket(e) => Some(e),
            Self::Task(e) => Some(e),
            _ => None,
        }
    }
}

impl From<tungstenite::Error> for InspectError {
    fn from(error: tungstenite::Error) -> Self {
        Self::WebSocket(error)
    }
}

impl InspectError {
    pub(crate) fn malformed(frame: &str, reason: impl fmt::Display) -> Self {
        Self::Malformed {
            frame: frame.to_owned(),
            reason: reason.to_string(),
        }
    }
}
