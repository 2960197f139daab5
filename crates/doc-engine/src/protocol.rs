//! The JSON protocol spoken over the WebSocket, shared by the engine and the inspector.
//!
//! Three kinds of text frame travel on the wire:
//! - a request, client to server: `{"method": M, "params": {"id": X}, "id": N}`;
//! - a reply, server to client: `{"id": N, "result": {...}}` or
//!   `{"id": N, "error": {"code": C, "message": S}}`;
//! - a notification, server to client, recognised by having no `"id"`:
//!   `{"method": "OnConnected", "params": {"session": "..."}}`.
//!
//! The Python program builds and reads these as dicts; here each shape is a serde type, so a
//! field the other side forgot is a parse error with a message instead of a `KeyError` later.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Asks for a document: its type and the ids of its widget containers.
pub const GET_DOCUMENT: &str = "GetDocument";
/// Asks for a widget container: the id of the widget it holds.
pub const GET_WIDGET_CONTAINER: &str = "GetWidgetContainer";
/// Asks for a widget's properties: id, type and title.
pub const GET_WIDGET_PROPERTIES: &str = "GetWidgetProperties";
/// The notification the engine sends right after the WebSocket handshake.
pub const ON_CONNECTED: &str = "OnConnected";

/// JSON-RPC's code for a frame that is not JSON (or not text).
pub const PARSE_ERROR: i64 = -32700;
/// JSON-RPC's code for JSON that is not a request (a field missing or of the wrong type).
pub const INVALID_REQUEST: i64 = -32600;
/// JSON-RPC's code for a method the engine does not know.
pub const METHOD_NOT_FOUND: i64 = -32601;
/// JSON-RPC's code for a request naming an object the engine does not have.
pub const INVALID_PARAMS: i64 = -32602;

/// A request frame. The `id` is chosen by the client and must be unique on its connection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub method: String,
    pub params: Params,
    pub id: u64,
}

/// The only parameter every method takes: the id of the object asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Params {
    pub id: String,
}

impl Request {
    pub fn new(id: u64, method: &str, object_id: &str) -> Self {
        Self {
            method: method.to_owned(),
            params: Params {
                id: object_id.to_owned(),
            },
            id,
        }
    }
}

/// The error object of an error reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorObject {
    pub code: i64,
    pub message: String,
}

/// Any frame the server sends, read loosely: which fields are present decides what it is.
///
/// `id` is `None` both for a notification and for an error reply to a frame so broken that its
/// id could not be read (the engine then sends `"id": null`, as JSON-RPC does).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ServerFrame {
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub id: Option<u64>,
    #[serde(default)]
    pub result: Option<Value>,
    #[serde(default)]
    pub error: Option<ErrorObject>,
}

/// A successful reply to request `id`.
pub fn result_reply(id: u64, result: Value) -> Value {
    json!({"id": id, "result": result})
}

/// An error reply; `id` is `None` (sent as `null`) when the request's id could not be read.
pub fn error_reply(id: Option<u64>, code: i64, message: &str) -> Value {
    json!({"id": id, "error": {"code": code, "message": message}})
}

/// A notification: a method and its parameters, and no id.
pub fn notification(method: &str, params: Value) -> Value {
    json!({"method": method, "params": params})
}

/// `GetDocument`'s result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub widget_container_ids: Vec<String>,
}

/// `GetWidgetContainer`'s result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WidgetContainer {
    pub id: String,
    pub widget_id: String,
}

/// `GetWidgetProperties`'s result: what the inspector hands back to its caller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetProperties {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_has_the_articles_shape() {
        let text = serde_json::to_value(Request::new(7, GET_DOCUMENT, "sales")).unwrap();
        assert_eq!(
            text,
            json!({"method": "GetDocument", "params": {"id": "sales"}, "id": 7})
        );
    }

    #[test]
    fn replies_and_notifications_have_the_articles_shape() {
        let ok = result_reply(1, json!({"a": 1}));
        assert_eq!(ok, json!({"id": 1, "result": {"a": 1}}));
        let err = error_reply(None, PARSE_ERROR, "bad");
        assert_eq!(
            err,
            json!({"id": null, "error": {"code": -32700, "message": "bad"}})
        );
        let note = notification(ON_CONNECTED, json!({"session": "s"}));
        assert_eq!(
            note,
            json!({"method": "OnConnected", "params": {"session": "s"}})
        );
    }

    #[test]
    fn a_frame_without_id_reads_as_having_none() {
        let frame: ServerFrame =
            serde_json::from_str(r#"{"method": "OnConnected", "params": {}}"#).unwrap();
        assert_eq!(frame.id, None);
        assert_eq!(frame.method.as_deref(), Some(ON_CONNECTED));
    }

    #[test]
    fn results_use_the_wire_names() {
        let doc: Document = serde_json::from_value(
            json!({"id": "d", "type": "slide", "widgetContainerIds": ["c"]}),
        )
        .unwrap();
        assert_eq!(doc.kind, "slide");
        assert_eq!(doc.widget_container_ids, ["c"]);
        let missing = serde_json::from_value::<WidgetContainer>(json!({"id": "c"}));
        assert!(missing.unwrap_err().to_string().contains("widgetId"));
    }
}
