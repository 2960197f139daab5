"""The articles' test service in FastAPI, served by uvicorn: the Python side of `examples/web.rs`.

Run with the comparison's virtual environment (it needs fastapi and uvicorn):

    target/compare-venv/bin/python compare/python/service.py --port 8000

`GET /` answers `{"msg": "ok"}` and `GET /random` a random number in [0, 1), each after
waiting one second without blocking the event loop. Once the socket is listening it prints
the same ready line as the Rust `web` example:

    Running on http://127.0.0.1:8000 (Press CTRL+C to quit)

Ctrl-C or SIGTERM stops it. uvicorn's settings are its defaults (one process, the asyncio
loop, h11, a listen backlog of 2048) except two: it binds 127.0.0.1 only, and it writes no
line per request, because the Rust server writes none either and 5,000 log lines would be
part of what we measure.
"""

import argparse
import asyncio
import random
import resource
import sys

import uvicorn
from fastapi import FastAPI

app = FastAPI()


@app.get("/")
async def index() -> dict:
    await asyncio.sleep(1)
    return {"msg": "ok"}


@app.get("/random")
async def random_number() -> dict:
    await asyncio.sleep(1)
    return {"msg": random.random()}


def raise_open_file_limit() -> None:
    # Each client connection is a socket; 5,000 at once pass the usual soft limit of 1,024.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


async def serve(port: int) -> int:
    """Serves until stopped; returns the exit status."""
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, access_log=False, log_level="warning"
    )
    server = uvicorn.Server(config)

    async def run() -> int:
        try:
            await server.serve()
        except SystemExit as stop:
            # How uvicorn gives up when it cannot start (a port in use, say), after logging
            # why. Caught here, inside the task, it does not tear the event loop down.
            return stop.code if isinstance(stop.code, int) else 1
        return 0

    running = asyncio.create_task(run())
    # `started` turns true once the socket listens.
    while not server.started and not running.done():
        await asyncio.sleep(0.01)
    if server.started:
        print(f"Running on http://127.0.0.1:{port} (Press CTRL+C to quit)", flush=True)
    return await running


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000, help="the port to listen on (8000)")
    return parser.parse_args()


if __name__ == "__main__":
    port = parse_args().port
    raise_open_file_limit()
    sys.exit(asyncio.run(serve(port)))
