"""N asyncio tasks that each sleep one second: the Python side of `examples/scale_tasks.rs`.

Run with the comparison's virtual environment or any Python 3.11+ (stdlib only):

    python3 compare/python/scale_tasks.py --tasks 100000

It prints the same three lines as the Rust example, so that one parser reads both:

    100000 asyncio tasks, each sleeping 1 s
    all 100000 finished in 1.234 s
    peak memory 150.3 MB (12.1 MB before they started): 1381 bytes per task

The time runs from the creation of the first task to the end of `gather`, so it includes
what it costs to create and schedule the tasks, which is what grows with N. Memory comes
from the kernel's view of this process (Linux only): the resident size just before the
first task, and the high-water mark once they are all done. MB are 10**6 bytes.
"""

import argparse
import asyncio
import sys
import time


def status_bytes(field: str) -> int:
    """A `VmRSS`/`VmHWM`-style line of /proc/self/status, in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                kib = int(line.split()[1])
                return kib * 1024
    raise RuntimeError(f"/proc/self/status has no {field} line (is this Linux?)")


async def sleeper() -> None:
    await asyncio.sleep(1)


async def main(tasks: int) -> None:
    print(f"{tasks} asyncio tasks, each sleeping 1 s", flush=True)
    before = status_bytes("VmRSS")
    start = time.perf_counter()
    # create_task schedules each coroutine at once, like tokio::spawn; gather only waits.
    running = [asyncio.create_task(sleeper()) for _ in range(tasks)]
    await asyncio.gather(*running)
    elapsed = time.perf_counter() - start
    peak = status_bytes("VmHWM")
    print(f"all {tasks} finished in {elapsed:.3f} s")
    per_task = (peak - before) // tasks
    print(
        f"peak memory {peak / 1e6:.1f} MB ({before / 1e6:.1f} MB before they started): "
        f"{per_task} bytes per task"
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000, help="how many tasks (100000)")
    args = parser.parse_args()
    if args.tasks < 1:
        parser.error("--tasks must be at least 1")
    return args


if __name__ == "__main__":
    try:
        asyncio.run(main(parse_args().tasks))
    except (OSError, RuntimeError) as error:
        print(f"Error: {error}", file=sys.stderr)
        sys.exit(1)
