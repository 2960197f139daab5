//! Chapter 10's own modules: what its listings import from one another.
//!
//! - [`listing_10_4`]: the pool helper of the database services (10.5 to 10.7), their
//!   databases (Listings 10.2 and 10.3) and the handler 10.5 and 10.6 share.
//! - [`listing_10_9`]: `retry`, a call retried with a timeout and a pause between tries.
//! - [`listing_10_11`]: `CircuitBreaker`, which stops calling a service that keeps failing.
//!
//! Both run on tokio's clock (`tokio::time`), so their timing stories are exact under the
//! paused clock of the tests. A production service would take them from maintained crates
//! (the chapter page says which); they are written out here because they are the lesson.

pub mod listing_10_11;
pub mod listing_10_4;
pub mod listing_10_9;
