//! Listing 12.2: a bounded queue: customers wait to get in line when it is full.
//!
//! The Rust twin of `chapter_12/listing_12_2.py`. A generator brings up to four new customers a
//! second into a line of at most five; three cashiers take them as they come. When the line is
//! full, `put` waits: the generator is held back until a cashier frees a place. The book's
//! program runs forever; `--seconds N` stops it after N seconds.
//!
//! Run with:
//! ```text
//! cargo run --example listing_12_2 -- --seed 3 --seconds 1
//! cargo run --example listing_12_2                      # the book's: forever, Ctrl-C to stop
//! ```
//!
//! Expected output of the first command (1 s): three customers at once, two more a second
//! later, in the instant the run ends:
//! ```text
//! Waiting to put customer in line...
//! Customer put in line!
//! Waiting to put customer in line...
//! Customer put in line!
//! Waiting to put customer in line...
//! Customer put in line!
//! Cashier 0 checking out customer 0
//! Cashier 0 finished checking out customer 0
//! Cashier 0 checking out customer 1
//! Cashier 0 checking out customer 1's bananas
//! Cashier 1 checking out customer 2
//! Cashier 1 checking out customer 2's bananas
//! Cashier 0 checking out customer 1's beer
//! Cashier 1 checking out customer 2's diapers
//! Cashier 1 checking out customer 2's sausage
//! Cashier 1 checking out customer 2's beer
//! Waiting to put customer in line...
//! Customer put in line!
//! Waiting to put customer in line...
//! Customer put in line!
//! Cashier 2 checking out customer 3
//! Cashier 2 checking out customer 3's diapers
//! ```
//! Other seeds draw other customers; without `--seed` each run draws new ones, as in the book.
//!
//! Where Rust differs: `asyncio.Queue(5)` is `asyncio_blocks::Queue::new(5)`; its `put` waits
//! while the queue is full, which is the back-pressure. As in Listing 12.1, the random draws
//! are `rand`'s, so a seed does not give Python's customers.

use std::time::Duration;

use asyncio_blocks::Queue;
use clap::Parser;
use rand::rngs::StdRng;
use rand::{Rng, RngExt, SeedableRng};

/// Listing 12.2: customers wait to get in a line of five; three cashiers serve them
#[derive(Parser)]
struct Args {
    /// Seed the random customers, to repeat a run (random by default)
    #[arg(long)]
    seed: Option<u64>,
    /// Stop after this many seconds (the book runs forever)
    #[arg(long, value_name = "N")]
    seconds: Option<u64>,
}

#[derive(Clone, Copy)]
struct Product {
    name: &'static str,
    checkout_time: Duration,
}

struct Customer {
    customer_id: usize,
    products: Vec<Product>,
}

async fn checkout_customer(queue: &Queue<Customer>, cashier_number: usize) {
    loop {
        let customer = queue.get().await;
        let id = customer.customer_id;
        println!("Cashier {cashier_number} checking out customer {id}");
        for product in &customer.products {
            println!(
                "Cashier {cashier_number} checking out customer {id}'s {}",
                product.name
            );
            tokio::time::sleep(product.checkout_time).await;
        }
        println!("Cashier {cashier_number} finished checking out customer {id}");
        queue.task_done().expect("one task_done per get");
    }
}

fn generate_customer(customer_id: usize, random: &mut impl Rng) -> Customer {
    let all_products = [
        Product {
            name: "beer",
            checkout_time: Duration::from_secs(2),
        },
        Product {
            name: "bananas",
            checkout_time: Duration::from_millis(500),
        },
        Product {
            name: "sausage",
            checkout_time: Duration::from_millis(200),
        },
        Product {
            name: "diapers",
            checkout_time: Duration::from_millis(200),
        },
    ];
    let products = (0..random.random_range(0..10))
        .map(|_| all_products[random.random_range(0..all_products.len())])
        .collect();
    Customer {
        customer_id,
        products,
    }
}

async fn customer_generator(queue: &Queue<Customer>, mut random: StdRng) {
    let mut customer_count = 0;
    loop {
        let arriving = random.random_range(0..5);
        let customers: Vec<_> = (customer_count..customer_count + arriving)
            .map(|i| generate_customer(i, &mut random))
            .collect();
        for customer in customers {
            println!("Waiting to put customer in line...");
            queue.put(customer).await;
            println!("Customer put in line!");
        }
        customer_count += arriving;
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

#[util::main]
async fn main() {
    let args = Args::parse();
    let random = args.seed.map_or_else(rand::make_rng, StdRng::seed_from_u64);

    let customer_queue = Queue::new(5);
    let shop = async {
        let cashiers = (0..3).map(|i| checkout_customer(&customer_queue, i));
        tokio::join!(
            customer_generator(&customer_queue, random),
            futures::future::join_all(cashiers)
        );
    };
    match args.seconds {
        None => shop.await,
        Some(seconds) => {
            let _ = tokio::time::timeout(Duration::from_secs(seconds), shop).await;
        }
    }
}
