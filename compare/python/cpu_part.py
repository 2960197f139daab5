"""The CPU-bound half of the guide's test9: the Python side of `test9 -- --sleep 0`.

Run with any Python 3.11+ (stdlib only):

    python3 compare/python/cpu_part.py
    python3 compare/python/cpu_part.py --workers 3 --n 100000

Three jobs compute `sum(i * i for i in range(n))` in a process pool of three, awaited from
asyncio through `run_in_executor` and `gather`. Processes, not threads: with the GIL only one
thread runs Python code at a time, so a thread pool would run the three sums one after the
other. It prints one line per job and then the time, in the format test9 uses:

    process(0): done at 2026-01-01 12:00:00.123456
    process(1): done at 2026-01-01 12:00:00.125012
    process(2): done at 2026-01-01 12:00:00.190077
    耗时: 0:00:01.712345

The time covers starting the worker processes, the three sums, and stopping the workers.
"""

import argparse
import asyncio
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime


def more_cpu(job: int, n: int) -> str:
    sum(i * i for i in range(n))
    return f"process({job}): done at {datetime.now()}"


async def main(workers: int, n: int) -> None:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(workers) as pool:
        jobs = [loop.run_in_executor(pool, more_cpu, job, n) for job in range(workers)]
        print("\n".join(await asyncio.gather(*jobs)))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=3, help="jobs and processes (3)")
    parser.add_argument("--n", type=int, default=10**7, help="each job's range (10**7)")
    args = parser.parse_args()
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    return args


if __name__ == "__main__":
    options = parse_args()
    start = datetime.now()
    asyncio.run(main(options.workers, options.n))
    print("耗时:", datetime.now() - start)
