"""The book's Listing 7.17 measured: the Python side of `examples/listing_7_17.rs`.

Run with any Python 3.11 (standard library only):

    python3 compare/python/hashing.py --passwords 10000

Each password is hashed with `hashlib.scrypt` (n=2048, r=8, p=1, a 16-byte random salt) in a
`ThreadPoolExecutor()` through `run_in_executor`; hashlib lets go of the GIL while it hashes,
so the threads use every CPU. The passwords are ten random letters (the book's
`random_password` makes runs of zero bytes; scrypt costs the same either way). It prints the
time in the format of the Rust example's `#[async_timed]`:

    finished main in 12.3456 second(s)
"""

import argparse
import asyncio
import functools
import hashlib
import os
import random
import string
import time
from concurrent.futures import ThreadPoolExecutor


def random_password(length: int) -> bytes:
    return "".join(random.choice(string.ascii_lowercase) for _ in range(length)).encode()


def hash_password(password: bytes) -> str:
    return str(hashlib.scrypt(password, salt=os.urandom(16), n=2048, r=8, p=1))


async def main(count: int) -> None:
    passwords = [random_password(10) for _ in range(count)]
    started = time.perf_counter()
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor() as pool:
        hashing = [
            loop.run_in_executor(pool, functools.partial(hash_password, password))
            for password in passwords
        ]
    await asyncio.gather(*hashing)
    print(f"finished main in {time.perf_counter() - started:.4f} second(s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passwords", type=int, default=10000, help="how many passwords")
    asyncio.run(main(parser.parse_args().passwords))
