//! Chapter 10's own modules: the services, and what the listings import from one another.
//!
//! - [`listing_10_1`], [`listing_10_4`], [`listing_10_7`]: the routes of the four services
//!   behind the backend-for-frontend (inventory; favorites and cart, with the pool helper they
//!   share with products; products), so that `microservices` can start them all in one
//!   program, as their own examples start each alone.
//! - [`listing_10_8`]: the backend-for-frontend.
//! - [`listing_10_9`]: `retry`, a call retried with a timeout and a pause between tries.
//! - [`listing_10_11`]: `CircuitBreaker`, which stops calling a service that keeps failing.
//!
//! Everything runs on tokio's clock (`tokio::time`), so the timing stories are exact under the
//! paused clock of the tests. A production service would take retries and breakers from
//! maintained crates (the chapter page says which); they are written out here because they are
//! the lesson.

pub mod listing_10_1;
pub mod listing_10_11;
pub mod listing_10_4;
pub mod listing_10_7;
pub mod listing_10_8;
pub mod listing_10_9;
