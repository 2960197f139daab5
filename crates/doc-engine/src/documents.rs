//! The engine's sample data, and how a request is answered from it.
//!
//! Every reader and every test gets the same answers: two graphical documents (`sales`, a
//! `biDashboard`, and `deck`, a `slide`), one that is not graphical (`raw`), and an error for
//! anything else.

use serde_json::{Value, json};

use crate::protocol::{
    Document, GET_DOCUMENT, GET_WIDGET_CONTAINER, GET_WIDGET_PROPERTIES, INVALID_PARAMS,
    METHOD_NOT_FOUND, Request, WidgetContainer, WidgetProperties, error_reply, result_reply,
};

/// `(id, type, widget container ids)` of every document.
pub const DOCUMENTS: &[(&str, &str, &[&str])] = &[
    ("sales", "biDashboard", &["c1", "c2", "c3"]),
    ("deck", "slide", &["c4", "c5"]),
    ("raw", "dataset", &[]),
];

/// `(container id, widget id)` of every widget container.
pub const CONTAINERS: &[(&str, &str)] = &[
    ("c1", "w1"),
    ("c2", "w2"),
    ("c3", "w3"),
    ("c4", "w4"),
    ("c5", "w5"),
];

/// `(id, type, title)` of every widget.
pub const WIDGETS: &[(&str, &str, &str)] = &[
    ("w1", "table", "Orders"),
    ("w2", "chart", "Revenue"),
    ("w3", "kpi", "Margin"),
    ("w4", "text", "Intro"),
    ("w5", "chart", "Trend"),
];

/// The reply frame to `request`: its result, or an error for an unknown method or id.
pub fn answer(request: &Request) -> Value {
    let wanted = request.params.id.as_str();
    let (kind, found) = match request.method.as_str() {
        GET_DOCUMENT => ("document", document(wanted).map(|d| json!(d))),
        GET_WIDGET_CONTAINER => ("widget container", container(wanted).map(|c| json!(c))),
        GET_WIDGET_PROPERTIES => ("widget", widget(wanted).map(|w| json!(w))),
        other => {
            let message = format!("unknown method {other:?}");
            return error_reply(Some(request.id), METHOD_NOT_FOUND, &message);
        }
    };
    match found {
        Some(result) => result_reply(request.id, result),
        None => {
            let message = format!("no {kind} with id {wanted:?}");
            error_reply(Some(request.id), INVALID_PARAMS, &message)
        }
    }
}

fn document(wanted: &str) -> Option<Document> {
    let &(id, kind, containers) = DOCUMENTS.iter().find(|d| d.0 == wanted)?;
    Some(Document {
        id: id.to_owned(),
        kind: kind.to_owned(),
        widget_container_ids: containers.iter().map(|&c| c.to_owned()).collect(),
    })
}

fn container(wanted: &str) -> Option<WidgetContainer> {
    let &(id, widget_id) = CONTAINERS.iter().find(|c| c.0 == wanted)?;
    Some(WidgetContainer {
        id: id.to_owned(),
        widget_id: widget_id.to_owned(),
    })
}

fn widget(wanted: &str) -> Option<WidgetProperties> {
    let &(id, kind, title) = WIDGETS.iter().find(|w| w.0 == wanted)?;
    Some(WidgetProperties {
        id: id.to_owned(),
        kind: kind.to_owned(),
        title: title.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(method: &str, id: &str) -> Value {
        answer(&Request::new(9, method, id))
    }

    #[test]
    fn documents_containers_and_widgets_are_found() {
        assert_eq!(
            ask(GET_DOCUMENT, "sales"),
            json!({"id": 9, "result": {"id": "sales", "type": "biDashboard",
                                       "widgetContainerIds": ["c1", "c2", "c3"]}})
        );
        assert_eq!(
            ask(GET_WIDGET_CONTAINER, "c5")["result"],
            json!({"id": "c5", "widgetId": "w5"})
        );
        assert_eq!(
            ask(GET_WIDGET_PROPERTIES, "w3")["result"],
            json!({"id": "w3", "type": "kpi", "title": "Margin"})
        );
        assert_eq!(
            ask(GET_DOCUMENT, "raw")["result"]["widgetContainerIds"],
            json!([])
        );
    }

    #[test]
    fn unknown_ids_and_methods_get_error_replies() {
        let missing = ask(GET_DOCUMENT, "missing");
        assert_eq!(missing["id"], 9);
        assert_eq!(missing["error"]["code"], INVALID_PARAMS);
        assert_eq!(
            missing["error"]["message"],
            "no document with id \"missing\""
        );
        // A container id is not a widget id: each method looks in its own table.
        assert_eq!(
            ask(GET_WIDGET_PROPERTIES, "c1")["error"]["code"],
            INVALID_PARAMS
        );
        assert_eq!(ask("Delete", "sales")["error"]["code"], METHOD_NOT_FOUND);
    }
}
