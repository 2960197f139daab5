//! Section 4.1.4: catching the error a coroutine raises (`might_fail`).
//!
//! The article's `might_fail()` raises `Exception("出错了!")` ("something went wrong!") and
//! `main` catches it with `try`/`except` and prints `错误捕获: ...` ("error caught: ...").
//! The printed text is kept as the article has it, so the outputs can be compared.
//!
//! Run with:
//! ```text
//! cargo run --example deep_4_1_4_might_fail
//! ```
//!
//! Expected output (0 s):
//! ```text
//! 错误捕获: 出错了!
//! ```
//!
//! Where Rust differs: there are no exceptions to raise. The `async fn` returns a `Result`, and
//! `try`/`except` becomes a `match` on it (or `?` to pass the error up, like not catching it).
//! The compiler insists the `Result` is looked at; an ignored exception is a warning.

type BoxError = Box<dyn std::error::Error + Send + Sync>;

async fn might_fail() -> Result<(), BoxError> {
    Err("出错了!".into())
}

#[util::main]
async fn main() {
    match might_fail().await {
        Ok(()) => {}
        Err(e) => println!("错误捕获: {e}"),
    }
}
