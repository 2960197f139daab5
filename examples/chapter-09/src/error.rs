use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A request the application will not serve: its status, and a short JSON error that says
/// why, `{"error": "..."}`. aiohttp's `HTTPBadRequest` and `HTTPNotFound` answer with a line
/// of text; an API's clients read JSON more easily. A database error becomes a 500 whose body
/// says only that (the driver's message, which can name tables and values, goes to the log).
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
}

impl From<tokio_postgres::Error> for ApiError {
    fn from(error: tokio_postgres::Error) -> Self {
        tracing::error!("database error: {}", util::one_line(&error));
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "database error".to_owned(),
        }
    }
}

impl From<deadpool_postgres::PoolError> for ApiError {
    fn from(error: deadpool_postgres::PoolError) -> Self {
        tracing::error!("no database connection: {}", util::one_line(&error));
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: "no database connection".to_owned(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}
