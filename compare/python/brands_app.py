"""The book's Listing 9.2 as its algorithm stands, for the comparison: aiohttp serving
`/brands` from an asyncpg pool of six connections made at start-up.

Written for the comparison, in our own words. The database is the one DATABASE_URL names
(compare.py starts one); the port is --port. Ctrl-C ends it.
"""

import argparse
import os

import asyncpg
from aiohttp import web

POOL = web.AppKey("pool", asyncpg.Pool)


async def open_pool(app):
    app[POOL] = await asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=6, max_size=6)


async def close_pool(app):
    await app[POOL].close()


async def brands(request):
    rows = await request.app[POOL].fetch("SELECT brand_id, brand_name FROM brand")
    return web.json_response([dict(row) for row in rows])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    port = parser.parse_args().port
    app = web.Application()
    app.on_startup.append(open_pool)
    app.on_cleanup.append(close_pool)
    app.router.add_get("/brands", brands)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


if __name__ == "__main__":
    main()
