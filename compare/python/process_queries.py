"""The book's Listing 6.15 measured: the Python side of `examples/listing_6_15.rs`.

Run with the comparison's virtual environment (it needs asyncpg), against a PostgreSQL whose
`products` database holds chapter 5's catalog, such as the one `book_postgres --state catalog`
serves:

    DATABASE_URL=postgres://postgres:password@127.0.0.1:5432/products \\
        target/compare-venv/bin/python compare/python/process_queries.py --queries 10000

Five jobs go to a process pool; each starts an event loop in its worker, with a pool of 6
connections, and runs N queries at once; the parent adds up the rows. It prints the line of
the book and the time of the whole, in the format of the Rust example's `#[async_timed]`:

    Retrieved 50000 products the product database.
    finished main in 3.0123 second(s)
"""

import argparse
import asyncio
import os
import time
from concurrent.futures import ProcessPoolExecutor

import asyncpg

# The same query and pool use as Listing 5.8's measurement (this folder is on the import path
# when the script runs).
from pool_queries import query_product


async def run_queries(url: str, queries: int) -> list:
    async with asyncpg.create_pool(url, min_size=6, max_size=6) as pool:
        return await asyncio.gather(*(query_product(pool) for _ in range(queries)))


def run_in_new_loop(url: str, queries: int) -> list:
    return [dict(row) for row in asyncio.run(run_queries(url, queries))]


async def main(url: str, queries: int) -> None:
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    with ProcessPoolExecutor() as pool:
        jobs = [loop.run_in_executor(pool, run_in_new_loop, url, queries) for _ in range(5)]
        results = await asyncio.gather(*jobs)
    print(f"Retrieved {sum(len(rows) for rows in results)} products the product database.")
    print(f"finished main in {time.perf_counter() - started:.4f} second(s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=10000, help="queries in each process")
    asyncio.run(main(os.environ["DATABASE_URL"], parser.parse_args().queries))
