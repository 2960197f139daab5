//! What `#[async_timed]` expands to: a future that prints when a call starts and ends.
//!
//! Python's decorator wraps the coroutine in another coroutine with `try`/`finally`. A Rust
//! future has no `finally`, but it has `Drop`: the end line is printed either when the inner
//! future completes or when the wrapper is dropped half-way (cancellation in Rust).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;
use tokio::time::Instant;

use crate::debug;
use crate::timeline::{Kind, SpanState};

pin_project! {
    /// A call of an `#[async_timed]` function. Build it with [`Timed::new`]; the attribute does.
    pub struct Timed<F> {
        name: &'static str,
        args: String,
        // Set at the first poll, like the decorator's `start = time.time()`, which runs when the
        // coroutine first runs, not when it is created.
        started: Option<Instant>,
        finished: bool,
        span: SpanState,
        #[pin]
        inner: F,
    }

    impl<F> PinnedDrop for Timed<F> {
        fn drop(this: Pin<&mut Self>) {
            let this = this.project();
            this.span.close();
            if let (Some(started), false) = (*this.started, *this.finished) {
                print_finished(this.name, started);
            }
        }
    }
}

impl<F: Future> Timed<F> {
    /// `args` is the call's arguments as the decorator prints them, e.g. `(2,)`.
    pub fn new(name: &'static str, args: String, inner: F) -> Self {
        Timed {
            name,
            args,
            started: None,
            finished: false,
            span: SpanState::default(),
            inner,
        }
    }
}

impl<F: Future> Future for Timed<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let started = *this.started.get_or_insert_with(|| {
            println!("starting {} with args {}", this.name, this.args);
            crate::tasks::name_current(this.name);
            Instant::now()
        });
        // In debug mode a timed call is also watched for polls that block the thread, and on a
        // timeline it is a span of its own.
        let (name, args, inner) = (*this.name, this.args, this.inner);
        let output = this.span.poll(
            Kind::Task,
            || call_label(name, args),
            || debug::timed_poll(name, || inner.poll(cx)),
        );
        if output.is_ready() {
            *this.finished = true;
            print_finished(this.name, started);
        }
        output
    }
}

/// `delay(2)` for a call printed as `delay with args (2,)`: the tuple's trailing comma is
/// Python's way of writing a one-element tuple, not part of the call.
fn call_label(name: &str, args: &str) -> String {
    match args.strip_suffix(",)") {
        Some(start) => format!("{name}{start})"),
        None => format!("{name}{args}"),
    }
}

fn print_finished(name: &str, started: Instant) {
    let seconds = started.elapsed().as_secs_f64();
    println!("finished {name} in {seconds:.4} second(s)");
}

#[cfg(test)]
mod tests {
    use super::call_label;

    #[test]
    fn a_call_is_labelled_without_the_one_element_tuple_comma() {
        assert_eq!(call_label("delay", "(2,)"), "delay(2)");
        assert_eq!(call_label("main", "()"), "main()");
        assert_eq!(call_label("add", "(1, 2)"), "add(1, 2)");
        // Only the tuple's own trailing comma goes, not one inside an argument.
        assert_eq!(call_label("say", "(\"a,)\", 1)"), "say(\"a,)\", 1)");
    }
}
