//! Section 8.1: the publish-subscribe pattern: one publisher, several subscribers, topics.
//!
//! The article contrasts it with producer-consumer: there every item is work that exactly one
//! consumer must do; here every message goes to *everyone* who subscribed to its topic, and
//! the publisher knows topics, not subscribers. `alice` follows `news` and `sports`, `bob`
//! only `news`, and nobody follows `weather`, so that message reaches no one.
//!
//! Run with:
//! ```text
//! cargo run --example deep_8_1_pub_sub
//! ```
//!
//! Expected output (3 s):
//! ```text
//! published [news] "tokio 1.54 released" to 2 subscriber(s)
//! alice got [news] tokio 1.54 released
//! bob got [news] tokio 1.54 released
//! published [sports] "match postponed" to 1 subscriber(s)
//! alice got [sports] match postponed
//! published [weather] "rain tomorrow" to 0 subscriber(s)
//! broker closed
//! alice saw 2 message(s)
//! bob saw 1 message(s)
//! ```
//!
//! Where Rust differs:
//! - The broker is a map from topic to the subscribers' channel senders; each subscriber reads
//!   one `mpsc` receiver that merges its topics. Dropping the broker drops every sender, which
//!   ends each subscriber's `recv()` loop: shutdown needs no extra signal.
//! - For a single topic tokio has the whole pattern built in: `tokio::sync::broadcast`. It is
//!   bounded, and a subscriber that falls behind loses the oldest messages (it gets a `Lagged`
//!   error) instead of slowing the publisher down.
//! - The map sits behind a `std::sync::Mutex`: it is never held across an `.await`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Clone, Debug)]
struct Message {
    topic: String,
    text: String,
}

#[derive(Default)]
struct Broker {
    topics: Mutex<HashMap<String, Vec<mpsc::UnboundedSender<Message>>>>,
}

impl Broker {
    /// One receiver for all of `topics`.
    fn subscribe(&self, topics: &[&str]) -> mpsc::UnboundedReceiver<Message> {
        let (tx, rx) = mpsc::unbounded_channel();
        let mut map = self.topics.lock().unwrap_or_else(|p| p.into_inner());
        for topic in topics {
            map.entry(topic.to_string()).or_default().push(tx.clone());
        }
        rx
    }

    /// Sends to every live subscriber of `topic`, forgets the ones that went away, and says
    /// how many it reached.
    fn publish(&self, topic: &str, text: &str) -> usize {
        let message = Message {
            topic: topic.to_string(),
            text: text.to_string(),
        };
        let mut map = self.topics.lock().unwrap_or_else(|p| p.into_inner());
        let Some(subscribers) = map.get_mut(topic) else {
            return 0;
        };
        subscribers.retain(|tx| tx.send(message.clone()).is_ok());
        subscribers.len()
    }
}

async fn subscriber(name: &'static str, mut inbox: mpsc::UnboundedReceiver<Message>) -> usize {
    let mut seen = 0;
    while let Some(Message { topic, text }) = inbox.recv().await {
        println!("{name} got [{topic}] {text}");
        seen += 1;
    }
    seen
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let broker = Arc::new(Broker::default());
    let alice = tokio::spawn(subscriber("alice", broker.subscribe(&["news", "sports"])));
    let bob = tokio::spawn(subscriber("bob", broker.subscribe(&["news"])));

    for (topic, text) in [
        ("news", "tokio 1.54 released"),
        ("sports", "match postponed"),
        ("weather", "rain tomorrow"),
    ] {
        let reached = broker.publish(topic, text);
        println!("published [{topic}] {text:?} to {reached} subscriber(s)");
        tokio::time::sleep(Duration::from_secs(1)).await;
    }

    drop(broker);
    println!("broker closed");
    println!("alice saw {} message(s)", alice.await?);
    println!("bob saw {} message(s)", bob.await?);
    Ok(())
}
