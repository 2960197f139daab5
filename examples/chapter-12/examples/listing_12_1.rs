//! Listing 12.1: a supermarket checkout: customers in a queue, three cashiers taking them.
//!
//! The Rust twin of `chapter_12/listing_12_1.py`. Ten customers with up to nine random products
//! each wait in a queue; three cashiers take the next customer while there is one, and take
//! each product's checkout time (beer 2 s, bananas 0.5 s, sausage and diapers 0.2 s).
//!
//! Run with:
//! ```text
//! cargo run --example listing_12_1 -- --seed 2 --customers 3
//! cargo run --example listing_12_1                    # the book's: ten new customers each run
//! ```
//!
//! Expected output of the first command (2.2 s), where customer 0 bought nothing:
//! ```text
//! Cashier 0 checking out customer 0
//! Cashier 0 finished checking out customer 0
//! Cashier 0 checking out customer 1
//! Cashier 0 checking out customer 1's diapers
//! Cashier 1 checking out customer 2
//! Cashier 1 checking out customer 2's bananas
//! Cashier 0 checking out customer 1's beer
//! Cashier 1 checking out customer 2's sausage
//! Cashier 1 finished checking out customer 2
//! Cashier 0 finished checking out customer 1
//! ```
//! Other seeds draw other customers; without `--seed` each run draws new ones, as in the book.
//!
//! Where Rust differs: the random draws come from `rand`'s `StdRng`, not Python's Mersenne
//! Twister, so a seed gives other customers than `random.seed` would; `--seed` is there so that
//! a run can be repeated (and tested). `asyncio.Queue` is `asyncio_blocks::Queue`, for
//! `task_done` and `join`.

use std::time::Duration;

use asyncio_blocks::Queue;
use clap::Parser;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// Listing 12.1: three cashiers check out a queue of customers
#[derive(Parser)]
struct Args {
    /// Seed the random customers, to repeat a run (random by default)
    #[arg(long)]
    seed: Option<u64>,
    /// How many customers (the book's 10)
    #[arg(long, default_value_t = 10)]
    customers: usize,
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
    while !queue.empty() {
        let customer = queue.get_nowait().expect("not empty");
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

#[util::main]
async fn main() {
    let args = Args::parse();
    let mut random = args.seed.map_or_else(rand::make_rng, StdRng::seed_from_u64);

    let customer_queue = Queue::new(0);
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
    for customer_id in 0..args.customers {
        let products = (0..random.random_range(0..10))
            .map(|_| all_products[random.random_range(0..all_products.len())])
            .collect();
        let customer = Customer {
            customer_id,
            products,
        };
        customer_queue
            .put_nowait(customer)
            .map_err(|_| ())
            .expect("an unbounded queue is never full");
    }

    let cashiers = (0..3).map(|i| checkout_customer(&customer_queue, i));
    tokio::join!(customer_queue.join(), futures::future::join_all(cashiers));
}
