"""Rust and Python side by side: runs both and writes the table of docs/rust-vs-python.md.

Run from anywhere with the system's Python 3.11 or later (this script uses the standard
library only):

    python3 compare/compare.py                  # full run, rewrites the docs' table
    python3 compare/compare.py --runs 1 --tasks 10000 --requests 100 --out /tmp/table.md
    python3 compare/compare.py --smoke --out /tmp/table.md

What it does, in order:
1. creates (or reuses) the virtual environment `target/compare-venv` with the pinned
   packages of `compare/requirements.txt`;
2. builds the Rust examples with `cargo build --release --locked` (not in `--smoke` mode,
   which uses the debug binaries `cargo test` has already built, nor with `--bin-dir`);
3. measures, each figure `--runs` times, in rounds so that a slow moment of the machine hits
   both languages alike: N sleeping tasks (`scale_tasks` against `scale_tasks.py`), N
   concurrent GETs of a 1-second endpoint for the four client/server pairings
   (`fanout_bench` and aiohttp against `web` and FastAPI on uvicorn; every run gets a server
   of its own on a free port), aiohttp once more with its default limit of 100 connections,
   the CPU-bound half of test9 (`test9 --sleep 0` against a process pool), the book's
   Listing 5.8 (`listing_5_8` against asyncpg's `pool_queries.py`, both on one PostgreSQL that
   `book_postgres` starts from the machine's server binaries), the book's MapReduce, Listing
   6.9, over one 1-gram file that `ngram_file` writes (`mapreduce.py` against `listing_6_9`
   and `listing_6_9_rayon`, beside the time it takes to read the file from the page cache),
   Listing 6.15 on the same PostgreSQL (`listing_6_15` against `process_queries.py`), and
   chapter 7's work that lets go of the GIL in a thread pool: scrypt (`listing_7_17` against
   `hashing.py`) and row means (`listing_7_19` against NumPy's, `row_means.py`), and the
   chat room of Listing 8.13 (`chat_benchmark` against `listing_8_13` and against
   `chat_server.py`, the book's algorithm), and Listing 9.2's `/brands` under load
   (`http_load` against `listing_9_2` and against `brands_app.py`, aiohttp on asyncpg);
4. prints a markdown table of the medians and writes it between the marker comments of
   `docs/rust-vs-python.md` (and then draws the page's chart again, with
   `cargo run -p companion -- generate`), or of `--out FILE`.

Progress goes to stderr, the table to stdout. A step that fails (the venv, the build, a
server that does not start) ends the run with one line on stderr and a non-zero status. A
measurement that fails is listed under the table and the run goes on, but the status is
non-zero too. The servers it starts are stopped on every way out: errors, Ctrl-C, SIGTERM,
and on Linux even its own death by SIGKILL.
"""

import argparse
import contextlib
import ctypes
import fcntl
import os
import platform
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON_DIR = ROOT / "compare" / "python"
REQUIREMENTS = ROOT / "compare" / "requirements.txt"
VENV = ROOT / "target" / "compare-venv"
DOC = ROOT / "docs" / "rust-vs-python.md"
BEGIN, END = "<!-- table: begin -->", "<!-- table: end -->"
EXAMPLES = (
    "scale_tasks",
    "fanout_bench",
    "web",
    "test9",
    "listing_5_8",
    "book_postgres",
    "ngram_file",
    "listing_6_9",
    "listing_6_9_rayon",
    "listing_6_15",
    "listing_7_17",
    "listing_7_19",
    "listing_8_13",
    "chat_benchmark",
    "listing_9_2",
    "http_load",
)
# The endpoint's wait: the ideal time of every fan-out.
DELAY = 1.0
# The connections `http_load` keeps asking Listing 9.2's `/brands` on.
LOAD_CONNECTIONS = 50
# test9's CPU jobs, and the processes or threads that run them.
WORKERS = 3


class Failure(Exception):
    """A step that failed; its message is the one line the user sees."""


@dataclass
class Plan:
    runs: int
    tasks: list
    requests: list
    n: int
    queries: int
    lines: int
    passwords: int
    data_points: int
    chat_users: int
    load_seconds: float
    default_limit: bool
    bin_dir: Path
    build: bool
    smoke: bool
    out: Path | None


@dataclass
class Results:
    # (what, size, side) -> the figures of each run; a failed run adds to `failures` instead.
    times: dict = field(default_factory=dict)
    bytes_each: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)
    # Connections the kernel dropped from a full listen queue during the fan-out runs.
    overflows: int = 0

    def add(self, table: dict, key: tuple, value) -> None:
        table.setdefault(key, []).append(value)


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- processes


def _stop_with_parent():
    """A pre-exec hook: the child gets SIGTERM if this script dies, even by SIGKILL.

    try/finally covers every exit Python sees; this covers the one it cannot (Linux only).
    """
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1
    return lambda: libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


STOP_WITH_PARENT = _stop_with_parent()


def run(command: list, what: str, timeout: float, env: dict | None = None) -> str:
    """Runs a program to the end and returns its stdout; a failure becomes `Failure`.

    `env` adds variables to this script's environment for the program."""
    try:
        done = subprocess.run(
            [str(part) for part in command],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
            env={**os.environ, **env} if env else None,
            preexec_fn=STOP_WITH_PARENT,
        )
    except subprocess.TimeoutExpired:
        raise Failure(f"{what}: still running after {timeout:.0f} s, stopped") from None
    except OSError as error:
        raise Failure(f"{what}: cannot start {command[0]}: {error}") from None
    if done.returncode != 0:
        raise Failure(f"{what}: exit status {done.returncode}: {last_line(done.stderr)}")
    return done.stdout


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(nothing on stderr)"


def free_port() -> int:
    # Bind port 0, note what the kernel gave, let go: the server binds it a moment later.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def server(command: list, what: str, env: dict | None = None):
    """Starts a server on a free loopback port, yields its URL once it accepts, stops it."""
    port = free_port()
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [str(part) for part in command] + ["--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            preexec_fn=STOP_WITH_PARENT,
        )
        try:
            wait_until_accepting(port, process, what, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def database(plan: Plan):
    """A PostgreSQL with chapter 5's catalog, started by `book_postgres` in a temporary data
    folder; yields the `DATABASE_URL` of its `products` database."""
    with tempfile.TemporaryDirectory(prefix="compare-postgres-") as folder:
        command = [plan.bin_dir / "book_postgres", "--state", "catalog", "--data-dir", folder]
        with server(command, "book_postgres (the PostgreSQL for Listing 5.8)") as url:
            yield url.replace("http://", "postgres://postgres:password@") + "/products"


def wait_until_accepting(port: int, process: subprocess.Popen, what: str, log) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            why = last_line(log.read())
            raise Failure(f"{what} exited at start ({process.returncode}): {why}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise Failure(f"{what} did not accept connections on port {port} within 30 s")


# ---------------------------------------------------------------- setting up


def venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_venv() -> Path:
    """Creates target/compare-venv if needed and installs the pins it lacks."""
    VENV.parent.mkdir(parents=True, exist_ok=True)
    # Two runs at once (the smoke test and a full run, say) must not both install.
    with open(VENV.parent / "compare-venv.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not venv_python().exists():
            say(f"creating {VENV.relative_to(ROOT)}")
            how = "python3 -m venv (on Debian or Ubuntu it needs the python3-venv package)"
            run([sys.executable, "-m", "venv", VENV], how, timeout=300)
        missing = run([venv_python(), "-c", CHECK_PINS, REQUIREMENTS], "checking the venv", 60)
        if missing.strip():
            say(f"installing into {VENV.relative_to(ROOT)}: {missing.strip()}")
            pip = [venv_python(), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
            run(pip + ["-r", REQUIREMENTS], "pip install -r compare/requirements.txt", 900)
    return venv_python()


# Runs inside the venv: prints the pins of requirements.txt that are not installed as pinned.
CHECK_PINS = """
import re, sys
from importlib import metadata
def key(name):
    return re.sub(r"[-_.]+", "-", name).lower()
have = {key(d.metadata["Name"]): d.version for d in metadata.distributions()}
wanted = [line.split("#")[0].strip() for line in open(sys.argv[1], encoding="utf-8")]
pins = [pin.split("==") for pin in wanted if pin]
print(" ".join(f"{n}=={v}" for n, v in pins if have.get(key(n)) != v))
"""


def build_release() -> Path:
    say("building the Rust examples (cargo build --release --locked)")
    command = ["cargo", "build", "--release", "--locked"]
    for name in EXAMPLES:
        command += ["--example", name]
    cargo(command)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "examples"


def redraw_chart() -> None:
    """The chart of the page is drawn from its table: draw it again (docs/images/)."""
    cargo(["cargo", "run", "--quiet", "--locked", "-p", "companion", "--", "generate"])


def cargo(command: list) -> None:
    """Runs a cargo command in the workspace; its own progress goes straight to the terminal."""
    try:
        status = subprocess.run(command, cwd=ROOT, preexec_fn=STOP_WITH_PARENT).returncode
    except OSError as error:
        raise Failure(f"cannot run cargo: {error}") from None
    if status != 0:
        raise Failure(f"{' '.join(command)} failed (exit status {status})")


def check_binaries(bin_dir: Path) -> None:
    for name in EXAMPLES:
        if not (bin_dir / name).is_file():
            names = " ".join(f"--example {name}" for name in EXAMPLES)
            raise Failure(f"{bin_dir / name} is missing: run `cargo build {names}` first")


# ---------------------------------------------------------------- measuring


def parse(pattern: str, output: str, what: str) -> tuple:
    """The groups of the last line of `output` that matches `pattern`."""
    found = list(re.finditer(pattern, output))
    if not found:
        shown = output[:300]
        raise Failure(f"{what}: no line matching {pattern!r} in its output: {shown!r}")
    return found[-1].groups()


def seconds_of(output: str, what: str) -> float:
    """The `finished in X s` or `answered in X s` figure of a scale or fan-out run."""
    return float(parse(r"(?:finished|answered) in ([0-9.]+) s", output, what)[0])


def elapsed_of(output: str, what: str) -> float:
    """test9's last line, Python's timedelta: `耗时: H:MM:SS[.ffffff]`."""
    hours, minutes, seconds = parse(r"耗时: (\d+):(\d\d):(\d\d(?:\.\d+)?)", output, what)
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def measure(plan: Plan, python: Path, results: Results) -> None:
    ngrams = ngram_file(plan)
    with database(plan) as url:
        measure_rounds(plan, python, results, url, ngrams)


def ngram_file(plan: Plan) -> Path:
    """The 1-gram file of `plan.lines` lines, written by `ngram_file` unless it is there."""
    path = ROOT / "target" / f"compare-ngrams-{plan.lines}"
    if not path.exists():
        say(f"writing {path.relative_to(ROOT)} ({plan.lines:,} lines)")
        command = [plan.bin_dir / "ngram_file", "--lines", plan.lines, "--out", path]
        run(command, "ngram_file", timeout=120 + plan.lines / 20_000)
    return path


def page_cache_read(path: Path) -> float:
    """Seconds to read the file from the page cache: read(2) into one 1 MiB buffer, the
    least a program must do to see every byte (the first read brings it into the cache)."""
    buffer = bytearray(1 << 20)
    timings = []
    for _ in range(3):
        with open(path, "rb", buffering=0) as file:
            started = time.perf_counter()
            while file.readinto(buffer):
                pass
            timings.append(time.perf_counter() - started)
    return min(timings)


def measure_rounds(
    plan: Plan, python: Path, results: Results, database_url: str, ngrams: Path
) -> None:
    rust = plan.bin_dir
    for round_index in range(plan.runs):
        label = f"[run {round_index + 1}/{plan.runs}]"
        # Alternate which language goes first, so neither always gets the quieter moment.
        sides = ("Rust", "Python") if round_index % 2 == 0 else ("Python", "Rust")

        for tasks in plan.tasks:
            for side in sides:
                command = (
                    [rust / "scale_tasks", "--tasks", tasks]
                    if side == "Rust"
                    else [python, PYTHON_DIR / "scale_tasks.py", "--tasks", tasks]
                )
                what = f"{label} {tasks:,} tasks sleeping 1 s, {side}"
                output = attempt(results, what, command, timeout=120 + tasks / 2000)
                if output is not None:
                    took = seconds_of(output, what)
                    each = int(parse(r"([0-9]+) bytes per (task|thread)", output, what)[0])
                    results.add(results.times, ("scale", tasks, side), took)
                    results.add(results.bytes_each, ("scale", tasks, side), each)
                    say(f"{what}: {took:.3f} s, {each:,} bytes per task")

        for requests in plan.requests:
            for server_side in sides:
                for client_side in sides:
                    fan_out(plan, python, results, label, requests, client_side, server_side)

        for side in sides:
            command = (
                [rust / "test9", "--sleep", "0", "--workers", WORKERS, "--n", plan.n]
                if side == "Rust"
                else [python, PYTHON_DIR / "cpu_part.py", "--workers", WORKERS, "--n", plan.n]
            )
            what = f"{label} test9's CPU part, n = {plan.n:,}, {side}"
            output = attempt(results, what, command, timeout=600)
            if output is not None:
                took = elapsed_of(output, what)
                results.add(results.times, ("cpu", plan.n, side), took)
                say(f"{what}: {took:.3f} s")

        for side in sides:
            queries = plan.queries
            command = (
                [rust / "listing_5_8", "--queries", queries]
                if side == "Rust"
                else [python, PYTHON_DIR / "pool_queries.py", "--queries", queries]
            )
            what = f"{label} Listing 5.8, {queries:,} queries each way, {side}"
            env = {"DATABASE_URL": database_url}
            output = attempt(results, what, command, timeout=120 + queries / 50, env=env)
            if output is not None:
                shown = []
                for way in ("synchronously", "concurrently"):
                    pattern = rf"finished query_products_{way} in ([0-9.]+) second"
                    took = float(parse(pattern, output, what)[0])
                    results.add(results.times, ("pool", way, side), queries / took)
                    shown.append(f"{queries / took:,.0f} queries/s {way}")
                say(f"{what}: {', '.join(shown)}")

        took = page_cache_read(ngrams)
        results.add(results.times, ("mapreduce", "read"), took)
        say(f"{label} reading {ngrams.name} from the page cache: {took:.4f} s")
        programs = {
            "Python": [python, PYTHON_DIR / "mapreduce.py", "--file", ngrams],
            "Rust": [rust / "listing_6_9", "--file", ngrams],
            "rayon": [rust / "listing_6_9_rayon", "--file", ngrams],
        }
        for side in (*sides, "rayon"):
            what = f"{label} Listing 6.9 on {plan.lines:,} lines, {side}"
            output = attempt(results, what, programs[side], timeout=120 + plan.lines / 10_000)
            if output is not None:
                parse(r"Aardvark has appeared (15209) times", output, what)
                took = float(parse(r"MapReduce took: ([0-9.]+) seconds", output, what)[0])
                results.add(results.times, ("mapreduce", side), took)
                say(f"{what}: {took:.4f} s")

        for side in sides:
            queries = plan.queries
            command = (
                [rust / "listing_6_15", "--queries", queries]
                if side == "Rust"
                else [python, PYTHON_DIR / "process_queries.py", "--queries", queries]
            )
            what = f"{label} Listing 6.15, 5 processes of {queries:,} queries, {side}"
            env = {"DATABASE_URL": database_url}
            output = attempt(results, what, command, timeout=120 + queries / 50, env=env)
            if output is not None:
                parse(rf"Retrieved ({5 * queries}) products", output, what)
                took = float(parse(r"finished main in ([0-9.]+) second", output, what)[0])
                results.add(results.times, ("processes", side), 5 * queries / took)
                say(f"{what}: {5 * queries / took:,.0f} queries/s")

        for side in sides:
            command = (
                [rust / "listing_7_17", "--passwords", plan.passwords]
                if side == "Rust"
                else [python, PYTHON_DIR / "hashing.py", "--passwords", plan.passwords]
            )
            what = f"{label} Listing 7.17, {plan.passwords:,} passwords, {side}"
            output = attempt(results, what, command, timeout=120 + plan.passwords / 10)
            if output is not None:
                took = float(parse(r"finished main in ([0-9.]+) second", output, what)[0])
                results.add(results.times, ("scrypt", side), took)
                say(f"{what}: {took:.3f} s")

        for side in sides:
            command = (
                [rust / "listing_7_19", "--data-points", plan.data_points]
                if side == "Rust"
                else [python, PYTHON_DIR / "row_means.py", "--data-points", plan.data_points]
            )
            what = f"{label} Listing 7.19, {plan.data_points:,} integers, {side}"
            output = attempt(results, what, command, timeout=120 + plan.data_points / 10**7)
            if output is not None:
                took = float(parse(r"finished main in ([0-9.]+) second", output, what)[0])
                results.add(results.times, ("means", side), took)
                say(f"{what}: {took:.4f} s")

        for side in sides:
            command = [rust / "chat_benchmark", "--clients", plan.chat_users]
            if side == "Python":
                command.append("--python")
            what = f"{label} Listing 8.13, {plan.chat_users:,} users, {side}"
            output = attempt(results, what, command, timeout=600)
            if output is not None:
                try:
                    joined, median_ms, memory_mb, dropped = parse(
                        r"\s([0-9.]+) s\s+([0-9.]+) ms\s+[0-9.]+ ms\s+([0-9]+) MB\s+([0-9]+)",
                        output,
                        what,
                    )
                    if dropped != "0":
                        raise Failure(f"{what}: the server dropped {dropped} users")
                except Failure as failure:
                    say(str(failure))
                    results.failures.append(str(failure))
                    continue
                results.add(results.times, ("chat", "join", side), float(joined))
                results.add(results.times, ("chat", "message", side), float(median_ms) / 1e3)
                results.add(results.bytes_each, ("chat", side), int(memory_mb))
                say(f"{what}: joined in {joined} s, a message to all in {median_ms} ms")

        for side in sides:
            brands_under_load(plan, python, results, label, side, database_url)

    if plan.default_limit:
        # Once is enough: the queue behind 100 connections makes it N / 100 seconds.
        requests = max(plan.requests)
        fan_out(plan, python, results, "[once]", requests, "Python", "Rust", default_limit=True)


def fan_out(plan, python, results, label, requests, client_side, server_side, default_limit=False):
    server_command = (
        [plan.bin_dir / "web"]
        if server_side == "Rust"
        else [python, PYTHON_DIR / "service.py"]
    )
    server_name = "web" if server_side == "Rust" else "uvicorn"
    client_name = "fanout_bench" if client_side == "Rust" else "aiohttp"
    limit = ", aiohttp's default limit" if default_limit else ""
    what = f"{label} {requests:,} GETs, {client_name} -> {server_name}{limit}"
    with server(server_command, f"{what}: the server") as url:
        if client_side == "Rust":
            command = [plan.bin_dir / "fanout_bench", "--url", url, "--requests", requests]
        else:
            command = [python, PYTHON_DIR / "fanout_client.py", "--url", url]
            command += ["--requests", requests] + (["--default-limit"] if default_limit else [])
        # Generous: with the default limit the requests queue, 100 per second.
        timeout = 120 + (requests / 100 * 2 if default_limit else 0)
        overflows = listen_overflows()
        cpu = children_cpu()
        output = attempt(results, what, command, timeout)
        cpu = children_cpu() - cpu
        overflows = listen_overflows() - overflows
    results.overflows += overflows
    if output is not None:
        took = seconds_of(output, what)
        key = ("fanout-limit" if default_limit else "fanout", requests, client_side, server_side)
        results.add(results.times, key, took)
        dropped = f", {overflows} listen queue overflows" if overflows else ""
        say(f"{what}: {took:.3f} s (client CPU, start-up included: {cpu:.2f} s{dropped})")


def brands_under_load(plan, python, results, label, side, database_url):
    """Listing 9.2's `/brands` (axum, or aiohttp for Python) under `http_load`."""
    command = (
        [plan.bin_dir / "listing_9_2"]
        if side == "Rust"
        else [python, PYTHON_DIR / "brands_app.py"]
    )
    what = (
        f"{label} Listing 9.2's /brands, {LOAD_CONNECTIONS} connections for "
        f"{plan.load_seconds:g} s, {side}"
    )
    try:
        with server(command, f"{what}: the server", env={"DATABASE_URL": database_url}) as url:
            load = [plan.bin_dir / "http_load", "--url", url + "/brands"]
            load += ["--connections", LOAD_CONNECTIONS, "--duration", plan.load_seconds]
            output = attempt(results, what, load, timeout=120 + plan.load_seconds)
    except Failure as failure:
        say(str(failure))
        results.failures.append(str(failure))
        return
    if output is None:
        return
    rate = float(parse(r"([0-9]+) requests/s", output, what)[0])
    p50, p99 = parse(r"p50 ([0-9.]+) ms, p90 [0-9.]+ ms, p99 ([0-9.]+) ms", output, what)
    errors = parse(r"errors: ([0-9]+)", output, what)[0]
    if errors != "0":
        results.failures.append(f"{what}: {errors} errors")
        return
    results.add(results.times, ("brands", "rate", side), rate)
    results.add(results.times, ("brands", "p50", side), float(p50) / 1e3)
    results.add(results.times, ("brands", "p99", side), float(p99) / 1e3)
    say(f"{what}: {rate:,.0f} requests/s, p50 {p50} ms, p99 {p99} ms")


def children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def listen_overflows() -> int:
    """The kernel's count of connections dropped because a listen queue was full.

    `TcpExt: ... ListenOverflows` in /proc/net/netstat: a name line, then a value line. It
    counts for the whole network namespace, so other programs' servers add to it too.
    """
    try:
        lines = Path("/proc/net/netstat").read_text().splitlines()
    except OSError:
        return 0
    for names, values in zip(lines, lines[1:]):
        if names.startswith("TcpExt:") and values.startswith("TcpExt:"):
            counters = dict(zip(names.split()[1:], values.split()[1:]))
            return int(counters.get("ListenOverflows", 0))
    return 0


def attempt(
    results: Results, what: str, command: list, timeout: float, env: dict | None = None
) -> str | None:
    """Runs one measurement; a failed run is noted (and shown in the table), not fatal."""
    try:
        return run(command, what, timeout, env)
    except Failure as failure:
        say(str(failure))
        results.failures.append(str(failure))
        return None


# ---------------------------------------------------------------- the table


def median(values: list | None) -> float | None:
    return statistics.median(values) if values else None


def secs(value: float | None) -> str:
    if value is None:
        return "failed"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def millis(value: float | None) -> str:
    return "failed" if value is None else f"{value * 1e3:.2f} ms"


def ratio(top: float | None, bottom: float | None) -> str:
    if top is None or bottom is None or bottom == 0:
        return "-"
    value = top / bottom
    if value < 10:
        return f"{value:.2f}"
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def table(plan: Plan, results: Results, machine: list) -> str:
    t, b = results.times, results.bytes_each
    runs = "one run" if plan.runs == 1 else f"medians of {plan.runs} runs"
    lines = [BEGIN]
    if plan.smoke:
        lines += [
            "",
            "*Smoke run: tiny sizes, debug build, one run. The numbers only show that every "
            "step works.*",
        ]
    lines += [
        "",
        f"Seconds, {runs} each, all measured in one run of `compare/compare.py`.",
        "",
        "**N tasks, each sleeping 1 s** (`scale_tasks --tasks N` and `scale_tasks.py`)",
        "",
        "| tasks | Rust (tokio) | Python (asyncio) | Python / Rust "
        "| Rust, bytes per task | Python, bytes per task | Python / Rust |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for tasks in plan.tasks:
        rust_s, python_s = (median(t.get(("scale", tasks, side))) for side in ("Rust", "Python"))
        rust_b, python_b = (median(b.get(("scale", tasks, side))) for side in ("Rust", "Python"))
        lines.append(
            f"| {tasks:,} | {secs(rust_s)} | {secs(python_s)} | {ratio(python_s, rust_s)} "
            f"| {count(rust_b)} | {count(python_b)} | {ratio(python_b, rust_b)} |"
        )

    lines += [
        "",
        f"**N concurrent GETs of an endpoint that answers after {DELAY:g} s** (client → "
        f"server; in brackets, the time over the ideal {DELAY:g} s)",
        "",
        "| requests | Rust → Rust | aiohttp → Rust | Rust → uvicorn | aiohttp → uvicorn "
        "| Python / Rust |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    pairings = [("Rust", "Rust"), ("Python", "Rust"), ("Rust", "Python"), ("Python", "Python")]
    for requests in plan.requests:
        cells = [median(t.get(("fanout", requests, c, s))) for c, s in pairings]
        shown = " | ".join(with_ideal(v) for v in cells)
        lines.append(f"| {requests:,} | {shown} | {ratio(cells[3], cells[0])} |")
    if plan.default_limit:
        requests = max(plan.requests)
        once = median(t.get(("fanout-limit", requests, "Python", "Rust")))
        lines.append(
            f"| {requests:,} with aiohttp's default limit of 100 connections, one run "
            f"| | {with_ideal(once)} | | | |"
        )
    lines += [
        "",
        "Rust = `fanout_bench --url URL --requests N` as the client, `web --port P` as the "
        "server (one thread); aiohttp = `fanout_client.py` (no connection limit); uvicorn = "
        "FastAPI's `service.py` (one process). Python / Rust compares the all-Python pairing "
        "with the all-Rust one. During these runs the kernel dropped "
        f"{results.overflows:,} connection(s) from a full listen queue "
        "(`ListenOverflows` in `/proc/net/netstat`); each one makes a client retry a "
        "second later.",
        "",
        f"**The CPU-bound half of test9**: {WORKERS} jobs of `sum(i * i for i in range(n))` "
        "at once "
        "(`test9 --sleep 0 --n N`, rayon threads, against `cpu_part.py`, a process pool)",
        "",
        f"| n | Rust ({WORKERS} threads) | Python ({WORKERS} processes) | Python / Rust |",
        "|---:|---:|---:|---:|",
    ]
    rust_s, python_s = (median(t.get(("cpu", plan.n, side))) for side in ("Rust", "Python"))
    lines.append(f"| {plan.n:,} | {secs(rust_s)} | {secs(python_s)} | {ratio(python_s, rust_s)} |")

    lines += [
        "",
        f"**The book's Listing 5.8**: {plan.queries:,} queries for one product's SKUs on a "
        "pool of 6 PostgreSQL connections, one after the other, then all at once "
        "(`listing_5_8 --queries N` on tokio-postgres and deadpool-postgres, against "
        "`pool_queries.py` on asyncpg; queries per second, the same server for both)",
        "",
        "| queries | Rust (tokio-postgres) | Python (asyncpg) | Rust / Python |",
        "|---|---:|---:|---:|",
    ]
    for way, shown in (("synchronously", "in sequence"), ("concurrently", "at once, pool of 6")):
        rust_q, python_q = (median(t.get(("pool", way, side))) for side in ("Rust", "Python"))
        lines.append(
            f"| {shown} | {rate(rust_q)} | {rate(python_q)} | {ratio(rust_q, python_q)} |"
        )
    lines.append(
        "| the pool's gain (at once / in sequence) "
        f"| {ratio(median(t.get(('pool', 'concurrently', 'Rust'))), median(t.get(('pool', 'synchronously', 'Rust'))))} "
        f"| {ratio(median(t.get(('pool', 'concurrently', 'Python'))), median(t.get(('pool', 'synchronously', 'Python'))))} | |"
    )

    size = plan_file_size(plan)
    lines += [
        "",
        f"**The book's MapReduce, Listing 6.9**, over one generated 1-gram file of "
        f"{plan.lines:,} lines ({size / 1e6:,.0f} MB): `mapreduce.py` (the book's program, a "
        "process pool), `listing_6_9` (its Rust twin, a process pool too) and "
        "`listing_6_9_rayon` (threads over the file mapped into memory); each program's own "
        "`MapReduce took` figure, beside the time it takes to read the file from the page "
        "cache (read(2) into a 1 MiB buffer)",
        "",
        "| program | seconds | MB/s | Python's 6.9 / this | this / the page-cache read |",
        "|---|---:|---:|---:|---:|",
    ]
    python_s = median(t.get(("mapreduce", "Python")))
    read_s = median(t.get(("mapreduce", "read")))
    for side, shown in (
        ("read", "reading the file from the page cache"),
        ("Python", "Python, `mapreduce.py` (processes)"),
        ("Rust", "Rust, `listing_6_9` (processes)"),
        ("rayon", "Rust, `listing_6_9_rayon` (threads)"),
    ):
        took = median(t.get(("mapreduce", side)))
        throughput = "-" if took is None else f"{size / took / 1e6:,.0f}"
        lines.append(
            f"| {shown} | {secs(took)} | {throughput} | {ratio(python_s, took)} "
            f"| {ratio(took, read_s)} |"
        )

    lines += [
        "",
        f"**The book's Listing 6.15**: 5 processes, each with an event loop and a pool of 6 "
        f"connections, running {plan.queries:,} queries each at once (`listing_6_15 --queries "
        "N` against `process_queries.py` on asyncpg, the same server; queries per second of "
        "the whole, process start-up included)",
        "",
        "| processes × queries | Rust (tokio-postgres) | Python (asyncpg) | Rust / Python |",
        "|---|---:|---:|---:|",
    ]
    rust_q, python_q = (median(t.get(("processes", side))) for side in ("Rust", "Python"))
    lines.append(
        f"| 5 × {plan.queries:,} | {rate(rust_q)} | {rate(python_q)} "
        f"| {ratio(rust_q, python_q)} |"
    )

    cpus = os.cpu_count() or 1
    lines += [
        "",
        "**The book's chapter 7: work that lets go of the GIL, in a thread pool** "
        f"(`ThreadPoolExecutor()`, {min(32, cpus + 4)} threads here, through `run_in_executor`; "
        "Rust's twin of it; seconds of the timed `main`)",
        "",
        "| work | Rust | Python | Python / Rust |",
        "|---|---:|---:|---:|",
    ]
    for key, shown in (
        ("scrypt", f"7.17: scrypt (n = 2048) over {plan.passwords:,} passwords, hashlib"),
        ("means", f"7.19: the means of 50 rows of {plan.data_points:,} integers, NumPy"),
    ):
        rust_s, python_s = (median(t.get((key, side))) for side in ("Rust", "Python"))
        lines.append(
            f"| {shown} | {secs(rust_s)} | {secs(python_s)} | {ratio(python_s, rust_s)} |"
        )

    b = results.bytes_each
    lines += [
        "",
        f"**The book's Listing 8.13, a chat room of {plan.chat_users:,} users**: they join, "
        "64 handshakes at a time, each reading everything the room says; then one says "
        "`ping` ten times (`chat_benchmark --clients N` against `listing_8_13`, and with "
        "`--python` against `chat_server.py`, the book's algorithm; the benchmark's users "
        "share the machine with the server)",
        "",
        "| | Rust (`listing_8_13`) | Python | Python / Rust |",
        "|---|---:|---:|---:|",
    ]
    for key, shown, unit in (
        ("join", "every user joined", secs),
        ("message", "a message reached everyone (median of 10)", millis),
    ):
        rust_s, python_s = (median(t.get(("chat", key, side))) for side in ("Rust", "Python"))
        lines.append(
            f"| {shown} | {unit(rust_s)} | {unit(python_s)} | {ratio(python_s, rust_s)} |"
        )
    rust_mb, python_mb = (median(b.get(("chat", side))) for side in ("Rust", "Python"))
    lines.append(
        f"| the server's memory, MB | {count(rust_mb)} | {count(python_mb)} "
        f"| {ratio(python_mb, rust_mb)} |"
    )

    lines += [
        "",
        f"**The book's Listing 9.2, `/brands` under load**: {LOAD_CONNECTIONS} connections "
        f"asking for it for {plan.load_seconds:g} s, each as soon as its last answer came "
        "(`http_load`, the same load generator for both), against `listing_9_2` (axum on "
        "tokio-postgres and deadpool) and `brands_app.py` (aiohttp on asyncpg, the book's), "
        "each with a pool of 6 on the same PostgreSQL",
        "",
        "| | Rust (`listing_9_2`) | Python (aiohttp) | Rust's advantage |",
        "|---|---:|---:|---:|",
    ]
    rust_r, python_r = (median(t.get(("brands", "rate", side))) for side in ("Rust", "Python"))
    lines.append(f"| requests per second (Rust / Python) | {rate(rust_r)} | {rate(python_r)} "
                 f"| {ratio(rust_r, python_r)} |")
    for key, shown in (
        ("p50", "latency, median (Python / Rust)"),
        ("p99", "latency, 99th percentile (Python / Rust)"),
    ):
        rust_s, python_s = (median(t.get(("brands", key, side))) for side in ("Rust", "Python"))
        lines.append(
            f"| {shown} | {millis(rust_s)} | {millis(python_s)} | {ratio(python_s, rust_s)} |"
        )

    if results.failures:
        lines += ["", f"**{len(results.failures)} run(s) failed** (a failed cell has no run "
                  "that succeeded; the others are medians of the runs that did):", ""]
        lines += [f"- {failure}" for failure in results.failures]
    lines += ["", "The machine:", ""] + [f"- {item}" for item in machine] + ["", END]
    return "\n".join(lines) + "\n"


def plan_file_size(plan: Plan) -> int:
    path = ROOT / "target" / f"compare-ngrams-{plan.lines}"
    return path.stat().st_size if path.exists() else 0


def with_ideal(value: float | None) -> str:
    """A fan-out time and, in brackets, how many times the ideal it took."""
    return secs(value) if value is None else f"{secs(value)} ({ratio(value, DELAY)})"


def rate(value: float | None) -> str:
    return "failed" if value is None else f"{value:,.0f}/s"


def count(value: float | None) -> str:
    return "failed" if value is None else f"{round(value):,}"


def describe_machine(plan: Plan, python: Path) -> list:
    def first(path: str, prefix: str) -> str:
        try:
            with open(path, encoding="utf-8") as text:
                for line in text:
                    if line.startswith(prefix):
                        return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "unknown"

    def output_of(command: list) -> str:
        try:
            return run(command, command[0], 60).strip()
        except Failure:
            return "unknown"

    memory = first("/proc/meminfo", "MemTotal")
    memory = f"{int(memory.split()[0]) * 1024 / 1e9:.1f} GB" if memory != "unknown" else memory
    try:
        somaxconn = Path("/proc/sys/net/core/somaxconn").read_text().strip()
    except OSError:
        somaxconn = "unknown"
    build = "debug build" if plan.smoke or "debug" in plan.bin_dir.parts else "release build"
    packages = output_of([python, "-c", PACKAGE_VERSIONS])
    return [
        f"CPU: {first('/proc/cpuinfo', 'model name')}, {os.cpu_count()} cores",
        f"RAM: {memory}",
        f"kernel: {platform.system()} {platform.release()}, net.core.somaxconn = {somaxconn}",
        f"Rust: {output_of(['rustc', '--version'])}, {build}",
        f"Python: {output_of([python, '-c', 'import platform; print(platform.python_version())'])}"
        f", {packages}",
        f"date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
    ]


PACKAGE_VERSIONS = """
from importlib import metadata
names = ("aiohttp", "fastapi", "uvicorn", "asyncpg")
print(", ".join(f"{name} {metadata.version(name)}" for name in names))
"""


def write_table(path: Path, text: str) -> None:
    """Replaces what lies between the markers of `path`, or writes a new file."""
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if BEGIN in old and END in old:
            head, rest = old.split(BEGIN, 1)
            tail = rest.split(END, 1)[1]
            text = head + text.rstrip("\n") + tail
        elif path == DOC:
            raise Failure(f"{path} lacks the markers {BEGIN} and {END}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- the command line


def sizes(text: str) -> list:
    try:
        values = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected numbers like 100,1000") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: every size must be at least 1")
    return values


def parse_args() -> Plan:
    parser = argparse.ArgumentParser(
        description="Runs the Rust examples and their Python twins; writes the table.",
    )
    parser.add_argument("--smoke", action="store_true",
                        help="tiny sizes, one run, the debug binaries, no build; "
                        "never touches docs/")
    parser.add_argument("--runs", type=int, help="runs per figure (5; 1 with --smoke)")
    parser.add_argument("--tasks", type=sizes,
                        help="task counts for the scale demo (10000,100000,1000000)")
    parser.add_argument("--requests", type=sizes,
                        help="request counts for the fan-out (100,1000,5000)")
    parser.add_argument("--n", type=int, help="range of each CPU job (10**7)")
    parser.add_argument("--queries", type=int,
                        help="queries each way for Listing 5.8 (10000; 200 with --smoke)")
    parser.add_argument("--lines", type=int,
                        help="lines of the 1-gram file for Listing 6.9 (10000000; 100000 "
                        "with --smoke)")
    parser.add_argument("--passwords", type=int,
                        help="passwords for Listing 7.17 (10000; 20 with --smoke)")
    parser.add_argument("--data-points", type=int,
                        help="integers for Listing 7.19 (400000000; 1000000 with --smoke)")
    parser.add_argument("--chat-users", type=int,
                        help="users in Listing 8.13's chat room (1000; 20 with --smoke)")
    parser.add_argument("--load-seconds", type=float,
                        help="seconds of load on Listing 9.2's /brands (10; 1 with --smoke)")
    parser.add_argument("--no-default-limit", action="store_true",
                        help="skip the run with aiohttp's default limit of 100 connections")
    parser.add_argument("--bin-dir", type=Path,
                        help="take the Rust examples from this folder, build nothing")
    parser.add_argument("--out", type=Path,
                        help="write the table here instead of docs/rust-vs-python.md")
    args = parser.parse_args()
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.n is not None and args.n < 1:
        parser.error("--n must be at least 1")
    if args.queries is not None and args.queries < 1:
        parser.error("--queries must be at least 1")
    if args.lines is not None and args.lines < 1:
        parser.error("--lines must be at least 1")
    if args.passwords is not None and args.passwords < 1:
        parser.error("--passwords must be at least 1")
    if args.chat_users is not None and args.chat_users < 1:
        parser.error("--chat-users must be at least 1")
    if args.data_points is not None and args.data_points < 50:
        parser.error("--data-points must be at least 50, a row's worth each")
    smoke = args.smoke
    bin_dir = args.bin_dir or (ROOT / "target" / "debug" / "examples" if smoke else None)
    return Plan(
        runs=args.runs or (1 if smoke else 5),
        tasks=args.tasks or ([1000] if smoke else [10_000, 100_000, 1_000_000]),
        requests=args.requests or ([10] if smoke else [100, 1000, 5000]),
        n=args.n or (10**5 if smoke else 10**7),
        queries=args.queries or (200 if smoke else 10_000),
        lines=args.lines or (100_000 if smoke else 10_000_000),
        passwords=args.passwords or (20 if smoke else 10_000),
        data_points=args.data_points or (1_000_000 if smoke else 400_000_000),
        chat_users=args.chat_users or (20 if smoke else 1_000),
        load_seconds=args.load_seconds or (1 if smoke else 10),
        default_limit=not args.no_default_limit,
        bin_dir=bin_dir.resolve() if bin_dir else None,
        build=bin_dir is None,
        smoke=smoke,
        out=args.out.resolve() if args.out else (None if smoke else DOC),
    )


def stop_on_sigterm(*_) -> None:
    say("compare.py: stopped by SIGTERM")
    sys.exit(143)


def main() -> int:
    plan = parse_args()
    # SIGTERM becomes SystemExit, so the servers' finally blocks run as they do for Ctrl-C.
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    started = time.monotonic()
    try:
        python = ensure_venv()
        if plan.build:
            plan.bin_dir = build_release()
        check_binaries(plan.bin_dir)
        results = Results()
        measure(plan, python, results)
        text = table(plan, results, describe_machine(plan, python))
        print(text, end="")
        if plan.out is not None:
            write_table(plan.out, text)
            say(f"wrote the table to {plan.out}")
        if plan.out == DOC:
            redraw_chart()
    except Failure as failure:
        say(f"compare.py: {failure}")
        return 1
    except KeyboardInterrupt:
        say("compare.py: interrupted")
        return 130
    minutes, seconds = divmod(round(time.monotonic() - started), 60)
    say(f"done in {minutes} min {seconds} s")
    if results.failures:
        say(f"compare.py: {len(results.failures)} run(s) failed; see the list under the table")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
