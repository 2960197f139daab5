//! Listing 10.4: the pool helper every database service of the chapter shares, and the
//! databases and routes of the favorites and cart services (Listings 10.2, 10.3, 10.5, 10.6).

use std::hash::{DefaultHasher, Hash};
use std::net::{Ipv4Addr, SocketAddr};

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use book_db::Database;
use chapter_05::pool::create_pool;
use deadpool_postgres::Pool;
use serde::{Deserialize, Serialize};
use tokio_postgres::Client;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// `create_database_pool(app, ..., database=...)`: a pool of six connections to the database
/// `state` names (a throwaway PostgreSQL holding it, unless `DATABASE_URL` names a server),
/// and the `Database` to keep while the pool is used.
///
/// # Errors
/// If the database cannot be reached, in one line.
pub async fn create_database_pool<S: book_db::State>(
    state: &S,
) -> Result<(Database, Pool), BoxError> {
    let database = Database::open_for_server(state).await?;
    let pool = create_pool(&database, 6).await?;
    Ok((database, pool))
}

/// `destroy_database_pool(app)`.
pub fn destroy_database_pool(pool: &Pool) {
    pool.close();
}

/// Serves `routes` on 127.0.0.1:`port` as `web.run_app(app, port=...)` does, until Ctrl-C or
/// SIGTERM, printing aiohttp's start-up lines.
///
/// # Errors
/// If the port cannot be bound, in one line.
pub async fn run_app(routes: axum::Router, port: u16) -> std::io::Result<()> {
    let listener = serve::listen(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
    println!(
        "======== Running on http://{} ========",
        listener.local_addr()?
    );
    println!("(Press CTRL+C to quit)");
    web_app::run_app(listener, routes, || async {}).await;
    Ok(())
}

/// A user's favorites or cart: the `user_favorite` or `user_cart` table, rows of (user,
/// product), as Listings 10.2 and 10.3 make them.
#[derive(Clone, Copy, Debug)]
pub enum UserProducts {
    /// Listing 10.3's `favorites` database.
    Favorites,
    /// Listing 10.2's `cart` database.
    Cart,
}

impl UserProducts {
    /// The service's one route, `GET /users/{id}/favorites` (Listing 10.5) or
    /// `GET /users/{id}/cart` (Listing 10.6), on a pool of connections to its database.
    pub fn routes(self, pool: Pool) -> Router {
        let (table, _) = self.table();
        let path = match self {
            UserProducts::Favorites => "/users/{id}/favorites",
            UserProducts::Cart => "/users/{id}/cart",
        };
        Router::new()
            .route(path, get(move |pool, id| user_products(table, pool, id)))
            .with_state(pool)
    }

    /// The table, and its (user, product) rows.
    fn table(self) -> (&'static str, [(i32, i32); 6]) {
        match self {
            UserProducts::Favorites => (
                "user_favorite",
                [(1, 1), (1, 2), (1, 3), (3, 1), (3, 2), (3, 3)],
            ),
            UserProducts::Cart => (
                "user_cart",
                [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 5)],
            ),
        }
    }
}

impl book_db::State for UserProducts {
    fn database(&self) -> &'static str {
        match self {
            UserProducts::Favorites => "favorites",
            UserProducts::Cart => "cart",
        }
    }

    fn name(&self) -> &'static str {
        self.database()
    }

    fn story(&self) -> &'static str {
        match self {
            UserProducts::Favorites => "as Listing 10.3 makes it",
            UserProducts::Cart => "as Listing 10.2 makes it",
        }
    }

    fn fingerprint(&self, hasher: &mut DefaultHasher) {
        self.table().hash(hasher);
    }

    async fn build(&self, client: &Client) -> Result<(), tokio_postgres::Error> {
        let (table, rows) = self.table();
        client
            .batch_execute(&format!(
                "CREATE TABLE {table}(user_id INT NOT NULL, product_id INT NOT NULL)"
            ))
            .await?;
        for (user, product) in rows {
            client
                .execute(
                    &format!("INSERT INTO {table} VALUES ($1, $2)"),
                    &[&user, &product],
                )
                .await?;
        }
        Ok(())
    }
}

/// A row of a user's favorites or cart, as `dict(record)` makes it; also what the
/// backend-for-frontend reads of a product.
#[derive(Debug, Serialize, Deserialize)]
pub struct ProductId {
    pub product_id: i32,
}

/// The handler of Listings 10.5 and 10.6: the products in `table` for the user in the path,
/// `[]` for a user who has none, 400 for an id that is not a number, 500 for a database that
/// fails (its message goes to the log).
async fn user_products(
    table: &'static str,
    State(pool): State<Pool>,
    Path(str_id): Path<String>,
) -> Result<Json<Vec<ProductId>>, (axum::http::StatusCode, Json<serde_json::Value>)> {
    use axum::http::StatusCode;
    let user_id: i32 = str_id.parse().map_err(|_| {
        let error = format!("not a user id: {str_id:?}");
        (
            StatusCode::BAD_REQUEST,
            Json(serde_json::json!({ "error": error })),
        )
    })?;
    let failed = |error: &dyn std::error::Error| {
        tracing::error!("database error: {}", util::one_line(error));
        let error = "database error";
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(serde_json::json!({ "error": error })),
        )
    };
    let db = pool.get().await.map_err(|e| failed(&e))?;
    let query = format!("SELECT product_id FROM {table} WHERE user_id = $1");
    let result = db
        .query(&query, &[&user_id])
        .await
        .map_err(|e| failed(&e))?;
    let rows = result
        .iter()
        .map(|row| {
            row.try_get("product_id")
                .map(|product_id| ProductId { product_id })
        })
        .collect::<Result<_, _>>()
        .map_err(|e| failed(&e))?;
    Ok(Json(rows))
}
