"""Load on the API: concurrent clients asking `/api/v1/indicators?by=year,group` of the `itu` demo.

    python bench/web_load.py [--store URL] [--backend sqlite|postgresql|both]
                             [--clients 50] [--seconds 30] [--workers 2]

For each backend, builds the `itu` demo store (a temporary SQLite file; a fresh schema of the
local PostgreSQL) unless --store names one, starts `stdgap serve` with several worker processes
on a free loopback port, warms every worker, then runs the clients for the given time, each on
its own keep-alive connection, one request at a time. Prints p50/p99 latency, requests/s and
errors; then the same for the floor, a bare FastAPI application answering the same bytes on the
same stack (`bench/web_floor.py`: uvicorn, HTTP parser, event loop, workers). Target: p99 within
1.5x the floor's, no errors. Loopback only; clients ≤ 500, seconds ≤ 300.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from stdgap.bootstrap import open_store
from stdgap.demo.load import load_demo

PG_URL = os.environ.get("STDGAP_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
HOST = "127.0.0.1"
PATH = "/api/v1/indicators?by=year,group"


@contextmanager
def _running(process: subprocess.Popen[bytes], url: str, wait: float, what: str) -> Iterator[None]:
    """Until the block ends: ``process`` answering ``url`` (waited for up to ``wait`` s), then
    stopped."""
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{what} did not start") from None
                time.sleep(0.2)
        yield
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def demo_store(backend: str, folder: Path) -> Iterator[str]:
    """The URL of a new store holding the `itu` demo (dropped afterwards)."""
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'itu.db'}"
        cleanup = None
    else:
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(PG_URL)
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"

        def cleanup() -> None:
            with admin.begin() as connection:
                connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()

    try:
        engine = open_store(url)
        started = time.perf_counter()
        load_demo(engine, "itu", 2024)
        engine.dispose()
        print(f"  itu demo store built in {time.perf_counter() - started:.1f} s")
        yield url
    finally:
        if cleanup:
            cleanup()


@contextmanager
def server(url: str, workers: int, cache: Path) -> Iterator[int]:
    """`stdgap serve` on a free loopback port, until the block ends."""
    port = free_port()
    env = {**os.environ, "STDGAP_CACHE_DIR": str(cache)}
    command = [
        sys.executable,
        "-m",
        "stdgap",
        "serve",
        "--db",
        url,
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    with _running(process, f"http://{HOST}:{port}/api/v1/session", 120, "the server"):
        yield port


async def _request(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> int:
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    await reader.readexactly(length)
    return status


async def _client(
    port: int, path: str, until: float, latencies: list[float], errors: list[str]
) -> None:
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept: */*\r\n\r\n".encode()
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        while time.perf_counter() < until:
            started = time.perf_counter()
            try:
                status = await _request(reader, writer, request)
            except (OSError, asyncio.IncompleteReadError, ValueError) as error:
                errors.append(type(error).__name__)
                writer.close()
                reader, writer = await asyncio.open_connection(HOST, port)
                continue
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors.append(str(status))
    finally:
        writer.close()


async def load(
    port: int, path: str, clients: int, seconds: float
) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(*(_client(port, path, until, latencies, errors) for _ in range(clients)))
    return latencies, errors, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


@contextmanager
def floor(workers: int, path: str, body: Path, media_type: str) -> Iterator[int]:
    """A bare FastAPI application answering the same bytes on the same stack
    (`bench/web_floor.py`), until the block ends."""
    port = free_port()
    command = [
        sys.executable,
        str(Path(__file__).with_name("web_floor.py")),
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--body",
        str(body),
        "--media-type",
        media_type,
        "--path",
        path.split("?", 1)[0],
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    with _running(process, f"http://{HOST}:{port}{path}", 60, "the floor"):
        yield port


def measure(port: int, args: argparse.Namespace, who: str) -> float:
    """Warm every worker, run the clients, print the figures; the p99 in ms."""
    # Warm every worker: the kernel spreads connections over them.
    asyncio.run(load(port, args.path, args.workers * 8, 3.0))
    latencies, errors, elapsed = asyncio.run(load(port, args.path, args.clients, args.seconds))
    p50, p99 = percentile(latencies, 0.50) * 1000, percentile(latencies, 0.99) * 1000
    print(
        f"  {who}: {len(latencies)} requests in {elapsed:.1f} s: "
        f"{len(latencies) / elapsed:.0f} req/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
        f"errors {len(errors)}"
    )
    if errors:
        print(f"  first errors: {sorted(set(errors))[:5]}")
    return p99 if not errors else float("inf")


def run(url: str, args: argparse.Namespace, cache: Path) -> None:
    with server(url, args.workers, cache) as port:
        with urllib.request.urlopen(f"http://{HOST}:{port}{args.path}", timeout=30) as answer:
            body, media_type = answer.read(), answer.headers.get_content_type()
        p99 = measure(port, args, "stdgap")
    if args.no_floor:
        verdict = "ok" if p99 <= 200 else "MISSED"
        print(f"  target p99 ≤ 200 ms, no errors: {verdict}")
        return
    saved = cache.parent / "floor-body"
    saved.write_bytes(body)
    with floor(args.workers, args.path, saved, media_type) as port:
        floor_p99 = measure(port, args, f"floor (bare FastAPI, same {len(body)} bytes)")
    ratio = p99 / floor_p99
    verdict = "ok" if ratio <= 1.5 else "MISSED"
    print(f"  p99 ratio to the floor {ratio:.2f} (target ≤ 1.5, no errors: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", help="store URL holding the itu demo (default: build one)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 2))
    parser.add_argument("--path", default=PATH, help="what the clients ask (default: %(default)s)")
    parser.add_argument("--no-floor", action="store_true", help="skip the bare-framework floor run")
    args = parser.parse_args()
    if not 1 <= args.clients <= 500 or not 0 < args.seconds <= 300 or not 1 <= args.workers <= 16:
        parser.error("keep to 1-500 clients, at most 300 s and 1-16 workers")
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "cache"
        if args.store:
            print(
                f"{args.store.split('://')[0]}: {args.clients} clients, {args.seconds:g} s, "
                f"{args.workers} workers, GET {args.path}"
            )
            run(args.store, args, cache)
            return
        backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
        for backend in backends:
            print(
                f"{backend}: {args.clients} clients, {args.seconds:g} s, "
                f"{args.workers} workers, GET {args.path}"
            )
            with demo_store(backend, Path(folder)) as url:
                run(url, args, cache)


if __name__ == "__main__":
    main()
