//! Listing 14.8: a future made by hand.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// A result that will be set later (`CustomFuture`). Cloning it shares the one slot, so the
/// code that sets the result and the code that awaits it can each hold one.
pub struct CustomFuture<T> {
    state: Rc<RefCell<State<T>>>,
}

/// What `add_done_callback` stores.
type DoneCallback<T> = Box<dyn FnOnce(&T)>;

struct State<T> {
    result: Option<T>,
    done_callback: Option<DoneCallback<T>>,
    // Who polled it last, to wake when the result comes: asyncio's loop learns that from the
    // yielded future, a Rust executor from this `Waker`.
    waker: Option<Waker>,
}

impl<T> Clone for CustomFuture<T> {
    fn clone(&self) -> Self {
        CustomFuture {
            state: Rc::clone(&self.state),
        }
    }
}

impl<T> Default for CustomFuture<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> CustomFuture<T> {
    pub fn new() -> Self {
        CustomFuture {
            state: Rc::new(RefCell::new(State {
                result: None,
                done_callback: None,
                waker: None,
            })),
        }
    }

    /// `is_finished()`
    pub fn is_finished(&self) -> bool {
        self.state.borrow().result.is_some()
    }

    /// `set_result(result)`: stores it, calls the done callback, wakes whoever awaits.
    pub fn set_result(&self, result: T) {
        let (callback, waker) = {
            let mut state = self.state.borrow_mut();
            (state.done_callback.take(), state.waker.take())
        };
        if let Some(callback) = callback {
            callback(&result);
        }
        self.state.borrow_mut().result = Some(result);
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// `add_done_callback(fn)`: called with the result when it is set (one callback, as in the
    /// book).
    pub fn add_done_callback(&self, callback: impl FnOnce(&T) + 'static) {
        self.state.borrow_mut().done_callback = Some(Box::new(callback));
    }
}

impl<T: Clone> CustomFuture<T> {
    /// `result()`: the result, if it is set.
    pub fn result(&self) -> Option<T> {
        self.state.borrow().result.clone()
    }
}

/// `__await__`: not finished, it waits (`Pending`, keeping the waker); finished, it gives the
/// result.
impl<T: Clone> Future for CustomFuture<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut state = self.state.borrow_mut();
        match &state.result {
            Some(result) => Poll::Ready(result.clone()),
            None => {
                state.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
