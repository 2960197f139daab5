"""N concurrent GETs through one aiohttp session: the Python side of `examples/fanout_bench.rs`.

Run with the comparison's virtual environment (it needs aiohttp), against a running server:

    target/compare-venv/bin/python compare/python/fanout_client.py \\
        --url http://127.0.0.1:8000 --requests 1000

It prints the same lines as the Rust benchmark, so that one parser reads both:

    1000 concurrent GETs of http://127.0.0.1:8000/
    all 1000 answered in 1.234 s: 1.234 x the ideal 1 s
    finished at: first 1.010 s, median 1.100 s, 99th percentile 1.200 s

By default the session's connector has no connection limit, like hyper's pool, so every
request gets its own connection at once. `--default-limit` keeps aiohttp's default of 100
connections: the other requests queue for a free connection, and N requests to a 1-second
endpoint take about N / 100 seconds.
"""

import argparse
import asyncio
import resource
import sys
import time

import aiohttp


def raise_open_file_limit() -> None:
    # Every request in flight is a socket, and the soft limit is often 1,024.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


async def get(session: aiohttp.ClientSession, url: str, start: float) -> float:
    async with session.get(url) as response:
        response.raise_for_status()
        # Read to the end, as the Rust client does, so the connection is free again.
        await response.read()
    return time.perf_counter() - start


async def fan_out(url: str, requests: int, ideal: float, default_limit: bool) -> None:
    print(f"{requests} concurrent GETs of {url}", flush=True)
    # limit=0 means no limit at all; TCPConnector() alone would allow 100 connections.
    connector = aiohttp.TCPConnector() if default_limit else aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        start = time.perf_counter()
        jobs = [asyncio.create_task(get(session, url, start)) for _ in range(requests)]
        # return_exceptions: let every request finish, then report the failures together.
        results = await asyncio.gather(*jobs, return_exceptions=True)
        wall = time.perf_counter() - start

    failures = [result for result in results if isinstance(result, BaseException)]
    if failures:
        first = failures[0]
        raise RuntimeError(
            f"{len(failures)} of {requests} requests failed; the first: "
            f"{type(first).__name__}: {first}"
        )
    latencies = sorted(results)
    print(f"all {requests} answered in {wall:.3f} s: {wall / ideal:.3f} x the ideal {ideal:g} s")

    def at(fraction: float) -> float:
        return latencies[int((len(latencies) - 1) * fraction)]

    print(
        f"finished at: first {at(0.0):.3f} s, median {at(0.5):.3f} s, "
        f"99th percentile {at(0.99):.3f} s"
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the server, http://HOST:PORT")
    parser.add_argument("--requests", type=int, default=1000, help="how many GETs (1000)")
    parser.add_argument(
        "--delay", type=float, default=1.0, help="the server's wait, for the ratio (1)"
    )
    parser.add_argument(
        "--default-limit",
        action="store_true",
        help="keep aiohttp's default limit of 100 connections",
    )
    args = parser.parse_args()
    if args.requests < 1:
        parser.error("--requests must be at least 1")
    if not args.url.startswith("http://"):
        parser.error(f"--url {args.url!r}: expected http://HOST:PORT")
    return args


if __name__ == "__main__":
    options = parse_args()
    try:
        raise_open_file_limit()
        asyncio.run(
            fan_out(
                options.url.rstrip("/") + "/",
                options.requests,
                options.delay,
                options.default_limit,
            )
        )
    except (OSError, RuntimeError, aiohttp.ClientError) as error:
        print(f"Error: {error}", file=sys.stderr)
        sys.exit(1)
