//! Listing 10.8: the backend-for-frontend: the one request a product page makes,
//! `GET /products/all`, answered from four services within about a second.
//!
//! It asks the product, favorites and cart services at once, then the inventory service once
//! per product, and answers with what came back in time: a 504 if the products did not come,
//! a 500 if their service failed, and `null` for a cart, favorites or inventory that did not
//! answer by then or failed (the cause goes to the log).

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::time::{Instant, timeout_at};
use tokio_util::task::AbortOnDropHandle;
use web_client::{Client, ClientError};

use crate::listing_10_4::ProductId;

/// How long the page waits for the services, in all.
pub const WAIT: Duration = Duration::from_secs(1);

/// The user whose cart and favorites the page shows: the book asks for user 3.
const USER: u32 = 3;

/// Where the four services are, as `http://HOST:PORT`: the book's `PRODUCT_BASE`,
/// `INVENTORY_BASE`, `FAVORITE_BASE` and `CART_BASE`.
#[derive(Clone, Debug)]
pub struct Services {
    pub products: String,
    pub inventory: String,
    pub favorites: String,
    pub cart: String,
}

impl Services {
    /// The book's: products on port 8000, inventory 8001, favorites 8002, cart 8003.
    pub fn book() -> Self {
        let local = |port: u16| format!("http://127.0.0.1:{port}");
        Services {
            products: local(8000),
            inventory: local(8001),
            favorites: local(8002),
            cart: local(8003),
        }
    }
}

/// The backend-for-frontend's routes, asking `services` with one pooled client.
pub fn routes(services: Services) -> Router {
    Router::new()
        .route("/products/all", get(all_products))
        .with_state(Backend {
            services: Arc::new(services),
            client: Client::new(),
        })
}

#[derive(Clone)]
struct Backend {
    services: Arc<Services>,
    client: Client,
}

/// A request to a service, running on its own task: `asyncio.create_task(session.get(...))`.
/// Dropping it cancels it, which is the book's `task.cancel()`.
type Request = AbortOnDropHandle<Result<Value, ClientError>>;

impl Backend {
    fn request(&self, url: String) -> Request {
        let client = self.client.clone();
        AbortOnDropHandle::new(tokio::spawn(async move { client.get_json(&url).await }))
    }
}

#[derive(Serialize)]
struct AllProducts {
    cart_items: Option<usize>,
    favorite_items: Option<usize>,
    products: Vec<ProductRecord>,
}

#[derive(Serialize)]
struct ProductRecord {
    product_id: i32,
    inventory: Option<u32>,
}

#[derive(Deserialize)]
struct Inventory {
    inventory: u32,
}

type Failure = (StatusCode, Json<Value>);

fn failure(status: StatusCode, error: &str) -> Failure {
    (status, Json(json!({ "error": error })))
}

// The book waits up to a second for the first three, then up to a second more for the
// inventories, so a slow cart or favorites service made the page wait two. One deadline for
// the whole request keeps the page's promise of about a second; the cart and favorites go on
// while the inventories are asked for.
async fn all_products(State(backend): State<Backend>) -> Result<Json<AllProducts>, Failure> {
    let deadline = Instant::now() + WAIT;
    let Services {
        products,
        inventory,
        favorites,
        cart,
    } = &*backend.services;
    let products = backend.request(format!("{products}/products"));
    let favorites = backend.request(format!("{favorites}/users/{USER}/favorites"));
    let cart = backend.request(format!("{cart}/users/{USER}/cart"));

    // Returning early drops the cart and favorites requests, which cancels them.
    let products: Vec<ProductId> = match by_deadline(products, deadline).await {
        Ok(Some(products)) => products,
        Ok(None) => {
            let error = "Could not reach products service.";
            return Err(failure(StatusCode::GATEWAY_TIMEOUT, error));
        }
        Err(error) => {
            tracing::error!("Server error reaching product service: {error}");
            let error = "Server error reaching products service.";
            return Err(failure(StatusCode::INTERNAL_SERVER_ERROR, error));
        }
    };

    let inventories: Vec<Request> = products
        .iter()
        .map(|product| {
            let id = product.product_id;
            backend.request(format!("{inventory}/products/{id}/inventory"))
        })
        .collect();
    let mut records = Vec::with_capacity(products.len());
    for (ProductId { product_id }, request) in products.into_iter().zip(inventories) {
        let inventory = match by_deadline::<Inventory>(request, deadline).await {
            Ok(answer) => answer.map(|answer| answer.inventory),
            Err(error) => {
                tracing::error!("Error getting inventory for id {product_id}: {error}");
                None
            }
        };
        records.push(ProductRecord {
            product_id,
            inventory,
        });
    }

    Ok(Json(AllProducts {
        cart_items: item_count(cart, deadline, "Error getting user cart").await,
        favorite_items: item_count(favorites, deadline, "Error getting user favorites").await,
        products: records,
    }))
}

/// What `request` answered by `deadline`: `None` if it has not (and then it is cancelled), or
/// why it failed, its answer not being a `T` included.
async fn by_deadline<T: DeserializeOwned>(
    request: Request,
    deadline: Instant,
) -> Result<Option<T>, String> {
    match timeout_at(deadline, request).await {
        Err(_late) => Ok(None),
        Ok(Err(crashed)) => Err(crashed.to_string()),
        Ok(Ok(Err(failed))) => Err(failed.to_string()),
        Ok(Ok(Ok(answer))) => serde_json::from_value(answer)
            .map(Some)
            .map_err(|error| format!("unexpected answer: {error}")),
    }
}

/// How many items a cart or favorites request listed by `deadline`, if it did.
async fn item_count(request: Request, deadline: Instant, error_message: &str) -> Option<usize> {
    match by_deadline::<Vec<Value>>(request, deadline).await {
        Ok(items) => items.map(|items| items.len()),
        Err(error) => {
            tracing::error!("{error_message}: {error}");
            None
        }
    }
}
