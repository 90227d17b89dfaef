"""Guessing a password against `stdgap serve` with several workers: 200 wrong passwords in a row.

    python bench/sign_in.py [--backend sqlite|postgresql|both] [--attempts 200] [--workers 2]

For each backend, makes a store with one user (a temporary SQLite file; a fresh schema of the
local PostgreSQL), starts `stdgap serve` with several worker processes on a free loopback port,
then signs in (`POST /api/v1/session`) with wrong passwords, one after the other, then once with
the right one. Prints the answers (how many 401, how many 429), the attempt from which sign-ins
are throttled, the Retry-After of the first throttled answer, and the time per attempt. Target:
throttled from the 10th failure on (the workers share the counts kept in the store), and the
right password refused while throttled. Loopback only; attempts ≤ 10,000.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from stdgap.accounts.operations import add_user
from stdgap.bootstrap import open_store
from web_load import HOST, PG_URL, server  # the folder of this script is on the path

NAME = "alice"
PASSWORD = "lichen-orbit-saddle-29"


@contextmanager
def user_store(backend: str, folder: Path) -> Iterator[str]:
    """The URL of a new store holding one user (dropped afterwards)."""
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'accounts.db'}"
        admin = None
        schema = ""
    else:
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(PG_URL)
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    try:
        engine = open_store(url)
        add_user.perform(engine, "bench", NAME, "analyst", PASSWORD)
        engine.dispose()
        yield url
    finally:
        if admin is not None:
            with admin.begin() as connection:
                connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()


def post(
    opener: urllib.request.OpenerDirector, port: int, csrf: str, password: str
) -> tuple[int, str | None]:
    """(status, Retry-After) of one sign-in."""
    body = json.dumps({"name": NAME, "password": password}).encode()
    request = urllib.request.Request(
        f"http://{HOST}:{port}/api/v1/session",
        data=body,
        headers={"Content-Type": "application/json", "X-CSRF-Token": csrf},
        method="POST",
    )
    try:
        with opener.open(request, timeout=30) as answer:
            return answer.status, answer.headers.get("Retry-After")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After")


def run(backend: str, attempts: int, workers: int) -> None:
    print(f"{backend}:")
    with (
        tempfile.TemporaryDirectory() as folder,
        user_store(backend, Path(folder)) as url,
        server(url, workers, Path(folder)) as port,
    ):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with opener.open(f"http://{HOST}:{port}/api/v1/session", timeout=30) as answer:
            csrf = json.load(answer)["csrf_token"]
        answers = []
        started = time.perf_counter()
        for n in range(attempts):
            answers.append(post(opener, port, csrf, f"wrong-{n}"))
        spent = time.perf_counter() - started
        right = post(opener, port, csrf, PASSWORD)
    statuses = [status for status, _ in answers]
    first = next((n + 1 for n, status in enumerate(statuses) if status == 429), None)
    counts = ", ".join(f"{count} × {status}" for status, count in sorted(Counter(statuses).items()))
    print(f"  {attempts} wrong passwords with {workers} workers: {counts}")
    if first is None:
        print("  never throttled")
    else:
        after = statuses[first - 1 :]
        print(
            f"  throttled from attempt {first} (Retry-After {answers[first - 1][1]} s); "
            f"every later one throttled: {all(s == 429 for s in after)}"
        )
    print(f"  the right password then: {right[0]} (Retry-After {right[1]} s)")
    print(f"  {spent / attempts * 1000:.1f} ms per attempt")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--attempts", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not 1 <= args.attempts <= 10_000:
        parser.error("--attempts: 1 to 10000")
    os.environ.setdefault("STDGAP_COOKIE_SECURE", "false")
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        run(backend, args.attempts, args.workers)


if __name__ == "__main__":
    main()
