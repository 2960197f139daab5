"""The book's Listing 5.8 measured: the Python side of `examples/listing_5_8.rs`.

Run with the comparison's virtual environment (it needs asyncpg), against a PostgreSQL whose
`products` database holds the chapter's catalog, such as the one `book_postgres --state
catalog` serves:

    DATABASE_URL=postgres://postgres:password@127.0.0.1:5432/products \\
        target/compare-venv/bin/python compare/python/pool_queries.py --queries 10000

It makes a pool of 6 connections, runs the query for product 100's SKUs N times one after
the other, then N times at once, and prints a line per way in the format the Rust example's
`#[async_timed]` uses, so that one parser reads both:

    finished query_products_synchronously in 3.0123 second(s)
    finished query_products_concurrently in 1.2034 second(s)

`fetchrow` asks the server for one row only; the Rust twin says `LIMIT 1` to ask the same.
"""

import argparse
import asyncio
import os
import time

import asyncpg

PRODUCT_QUERY = """
SELECT p.product_id, p.product_name, p.brand_id, s.sku_id,
       pc.product_color_name, ps.product_size_name
FROM product AS p
JOIN sku AS s ON s.product_id = p.product_id
JOIN product_color AS pc ON pc.product_color_id = s.product_color_id
JOIN product_size AS ps ON ps.product_size_id = s.product_size_id
WHERE p.product_id = 100"""


async def query_product(pool):
    async with pool.acquire() as connection:
        return await connection.fetchrow(PRODUCT_QUERY)


async def in_sequence(pool, queries: int) -> None:
    for _ in range(queries):
        await query_product(pool)


async def at_once(pool, queries: int) -> None:
    await asyncio.gather(*(query_product(pool) for _ in range(queries)))


async def main(queries: int) -> None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("pool_queries.py: set DATABASE_URL to the server to measure")
    async with asyncpg.create_pool(url, min_size=6, max_size=6) as pool:
        for name, way in (("synchronously", in_sequence), ("concurrently", at_once)):
            started = time.perf_counter()
            await way(pool, queries)
            took = time.perf_counter() - started
            print(f"finished query_products_{name} in {took:.4f} second(s)", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=10_000, help="queries each way")
    asyncio.run(main(parser.parse_args().queries))
