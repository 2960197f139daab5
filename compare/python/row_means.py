"""The book's Listing 7.19 measured: the Python side of `examples/listing_7_19.rs`.

Run with the comparison's virtual environment (it needs NumPy):

    target/compare-venv/bin/python compare/python/row_means.py --data-points 400000000

The integers 0 to N - 1 in 50 rows (`np.arange(N).reshape(50, -1)`, made before the clock
starts), and the mean of each row, a row per job of a `ThreadPoolExecutor()`; NumPy lets go of
the GIL while it adds, so the rows are summed on every CPU at once. The results are awaited
(the book's `gather` is not). It prints the time in the format of the Rust example's
`#[async_timed]`:

    finished main in 0.1234 second(s)
"""

import argparse
import asyncio
import functools
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

ROWS = 50


def mean_for_row(matrix, row: int) -> float:
    return np.mean(matrix[row])


async def main(matrix) -> None:
    started = time.perf_counter()
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor() as pool:
        means = [
            loop.run_in_executor(pool, functools.partial(mean_for_row, matrix, row))
            for row in range(ROWS)
        ]
        await asyncio.gather(*means)
    print(f"finished main in {time.perf_counter() - started:.4f} second(s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-points", type=int, default=400_000_000, help="how many integers")
    data_points = parser.parse_args().data_points
    columns = data_points // ROWS
    asyncio.run(main(np.arange(columns * ROWS).reshape(ROWS, columns)))
