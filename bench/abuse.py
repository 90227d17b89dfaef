"""Abuse of a running server: what an anonymous client, an over-eager analyst and a password
guesser can make it spend.

    python bench/abuse.py [--mb 300] [--bomb-mb 1] [--guesses 200] [--store URL]

Starts `stdgap serve` (one process) on a free loopback port over a new SQLite store (or --store)
with an analyst account, then, one after the other:

- an anonymous 300 MB upload to the import API, once with its Content-Length and once chunked;
- an anonymous 300 MB JSON body to the sign-in API;
- an analyst's upload over the server's upload limit (set to 20 MB for the run);
- an XLSX bomb (a small workbook whose sheet inflates to hundreds of MB) uploaded by the analyst;
- 200 wrong passwords for one account.

For each it prints the status codes, the time to the answer, the bytes the client managed to
send, the server's peak memory growth (resident memory of the server and its child processes,
sampled every 20 ms) and its disk growth (its temporary folder and the store). Goals: peak growth
under 50 MB, the bomb refused in under 2 s, throttling from the 10th failed sign-in.
Loopback only; sizes are capped (--mb ≤ 2000, --guesses ≤ 1000).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import secrets
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

HOST = "127.0.0.1"
CHUNK = 1024 * 1024
UPLOAD_LIMIT_MB = 20
ANALYST = "bench-analyst"
ANALYST_PASSWORD = "Abuse-bench " + secrets.token_hex(8)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def _tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        queue.extend(_children(current))
    return pids


def rss_bytes(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants."""
    total = 0
    for each in _tree(pid):
        try:
            with open(f"/proc/{each}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def open_file_bytes(pid: int) -> int:
    """Size of the files the server tree holds open that no folder shows (deleted temporary
    files, as spooled uploads are)."""
    total = 0
    for each in _tree(pid):
        try:
            descriptors = os.listdir(f"/proc/{each}/fd")
        except OSError:
            continue
        for descriptor in descriptors:
            path = f"/proc/{each}/fd/{descriptor}"
            try:
                if os.readlink(path).endswith(" (deleted)"):
                    total += os.stat(path).st_size
            except OSError:
                continue
    return total


def folder_bytes(folders: list[Path]) -> int:
    total = 0
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                try:
                    total += os.lstat(os.path.join(root, name)).st_size
                except OSError:
                    continue
    return total


@dataclass
class Sampler:
    """Peaks of the server's memory and disk while a block runs."""

    pid: int
    folders: list[Path]
    peak_rss: int = 0
    peak_disk: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    @contextmanager
    def watch(self) -> Iterator[tuple[int, int]]:
        base = (rss_bytes(self.pid), self._disk())
        self.peak_rss, self.peak_disk = base
        self._stop.clear()
        thread = threading.Thread(target=self._run, daemon=True)
        thread.start()
        try:
            yield base
        finally:
            time.sleep(0.2)
            self._stop.set()
            thread.join()

    def _disk(self) -> int:
        return folder_bytes(self.folders) + open_file_bytes(self.pid)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_rss = max(self.peak_rss, rss_bytes(self.pid))
            self.peak_disk = max(self.peak_disk, self._disk())
            time.sleep(0.02)


@dataclass
class Outcome:
    statuses: Counter[str]
    seconds: float
    sent_mb: float
    note: str = ""


def _status_of(raw: bytes) -> str:
    line = raw.split(b"\r\n", 1)[0].decode("latin-1")
    parts = line.split()
    return parts[1] if len(parts) > 1 else "no answer"


def raw_post(
    port: int,
    path: str,
    content_type: str,
    total: int,
    headers: dict[str, str] | None = None,
    chunked: bool = False,
    prefix: bytes = b"",
) -> Outcome:
    """POST ``total`` bytes (``prefix`` then filler) over a raw socket, stopping as soon as the
    server answers; the status and how much was sent before the answer."""
    lines = [f"POST {path} HTTP/1.1", f"Host: {HOST}:{port}", f"Content-Type: {content_type}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode()
    filler = b"a" * CHUNK
    sent = 0
    answer = b""
    started = time.perf_counter()
    with socket.create_connection((HOST, port), timeout=120) as sock:
        sock.sendall(head)
        try:
            while sent < total:
                readable, _, _ = select.select([sock], [], [], 0)
                if readable:
                    break
                piece = prefix if sent == 0 and prefix else filler[: min(CHUNK, total - sent)]
                data = f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece
                sock.sendall(data)
                sent += len(piece)
            else:
                if chunked:
                    sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            while b"\r\n\r\n" not in answer:
                part = sock.recv(65536)
                if not part:
                    break
                answer += part
        except (ConnectionResetError, TimeoutError):
            pass
    seconds = time.perf_counter() - started
    return Outcome(Counter([_status_of(answer)]), seconds, sent / CHUNK)


def multipart_head(boundary: str, filename: str) -> bytes:
    return (
        f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nattendance\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
        f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
        "meeting_id,person_id,member_id,mode\r\n"
    ).encode()


def xlsx_bomb(inflated_mb: int) -> bytes:
    """A workbook whose one sheet is about a thousandth of ``inflated_mb`` MB zipped (the same
    row repeated) and ``inflated_mb`` MB unzipped."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 10_000
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http'
            '://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats'
            '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="attendance" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http'
            '://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            written = 0
            while written < inflated_mb * CHUNK:
                sheet.write(row)
                written += len(row)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def signed_in(client: httpx.Client, name: str, password: str) -> tuple[int, str]:
    """Sign in through the API; the status and the CSRF token to use afterwards."""
    token = client.get("/api/v1/session").json()["csrf_token"]
    answer = client.post(
        "/api/v1/session",
        json={"name": name, "password": password},
        headers={"X-CSRF-Token": token},
    )
    if answer.status_code == 200:
        token = answer.json()["csrf_token"]
    return answer.status_code, token


def guesses(port: int, count: int) -> Outcome:
    statuses: Counter[str] = Counter()
    first_throttled = 0
    started = time.perf_counter()
    with httpx.Client(base_url=f"http://{HOST}:{port}", timeout=60) as client:
        for attempt in range(1, count + 1):
            status, _ = signed_in(client, ANALYST, f"wrong guess {attempt}")
            statuses[str(status)] += 1
            if status == 429 and not first_throttled:
                first_throttled = attempt
    note = f"first 429 at attempt {first_throttled}" if first_throttled else "never throttled"
    return Outcome(statuses, time.perf_counter() - started, 0.0, note)


def bomb_upload(port: int, bomb: bytes) -> Outcome:
    with httpx.Client(base_url=f"http://{HOST}:{port}", timeout=600) as client:
        status, token = signed_in(client, ANALYST, ANALYST_PASSWORD)
        if status != 200:
            return Outcome(Counter([f"sign-in {status}"]), 0.0, 0.0, "analyst could not sign in")
        started = time.perf_counter()
        answer = client.post(
            "/api/v1/imports",
            files={"files": ("bomb.xlsx", bomb, "application/octet-stream")},
            data={"kind": "attendance"},
            headers={"X-CSRF-Token": token},
        )
        seconds = time.perf_counter() - started
    detail = answer.text[:160].replace("\n", " ")
    return Outcome(Counter([str(answer.status_code)]), seconds, len(bomb) / CHUNK, detail)


def analyst_over_limit(port: int, total: int) -> Outcome:
    with httpx.Client(base_url=f"http://{HOST}:{port}", timeout=60) as client:
        status, token = signed_in(client, ANALYST, ANALYST_PASSWORD)
        cookies = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
    if status != 200:
        return Outcome(Counter([f"sign-in {status}"]), 0.0, 0.0, "analyst could not sign in")
    boundary = "bench" + secrets.token_hex(8)
    return raw_post(
        port,
        "/api/v1/imports",
        f"multipart/form-data; boundary={boundary}",
        total,
        {"Cookie": cookies, "X-CSRF-Token": token},
        prefix=multipart_head(boundary, "big.csv"),
    )


@contextmanager
def server(store: str, folder: Path) -> Iterator[tuple[int, int]]:
    """`stdgap serve` on a free loopback port: (port, pid)."""
    port = free_port()
    temporary = folder / "server-tmp"
    temporary.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(temporary),
        "STDGAP_CACHE_DIR": str(folder / "cache"),
        "STDGAP_MAX_UPLOAD_MB": str(UPLOAD_LIMIT_MB),
    }
    stdgap = str(Path(sys.executable).with_name("stdgap"))
    command = [stdgap, "--db", store, "serve", "--port", str(port), "--log-level", "warning"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://{HOST}:{port}/api/v1/session", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.3)
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=300, help="size of the big bodies (MB)")
    parser.add_argument("--bomb-mb", type=int, default=400, help="inflated size of the bomb (MB)")
    parser.add_argument("--guesses", type=int, default=200)
    parser.add_argument("--store", help="store URL (default: a new SQLite file)")
    args = parser.parse_args()
    total = min(args.mb, 2000) * CHUNK
    count = min(args.guesses, 1000)
    with tempfile.TemporaryDirectory(prefix="stdgap-abuse-") as name:
        folder = Path(name)
        store = args.store or f"sqlite:///{folder / 'abuse.db'}"
        stdgap = str(Path(sys.executable).with_name("stdgap"))
        subprocess.run(
            [stdgap, "--db", store, "users", "add", ANALYST, "--role", "analyst",
             "--password", ANALYST_PASSWORD],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        bomb = xlsx_bomb(min(args.bomb_mb, 4000))
        print(f"XLSX bomb: {len(bomb) / 1024:.0f} KB zipped, {args.bomb_mb} MB inflated")
        boundary = "bench" + secrets.token_hex(8)
        multipart = f"multipart/form-data; boundary={boundary}"
        head = multipart_head(boundary, "big.csv")
        attacks: list[tuple[str, Callable[[int], Outcome]]] = [
            (
                "anonymous upload, Content-Length",
                lambda port: raw_post(port, "/api/v1/imports", multipart, total, prefix=head),
            ),
            (
                "anonymous upload, chunked",
                lambda port: raw_post(
                    port, "/api/v1/imports", multipart, total, chunked=True, prefix=head
                ),
            ),
            (
                "anonymous JSON body",
                lambda port: raw_post(
                    port, "/api/v1/session", "application/json", total, prefix=b'{"name": "'
                ),
            ),
            (
                f"analyst upload over {UPLOAD_LIMIT_MB} MB",
                lambda port: analyst_over_limit(port, total),
            ),
            ("analyst XLSX bomb", lambda port: bomb_upload(port, bomb)),
            (f"{count} wrong passwords", lambda port: guesses(port, count)),
        ]
        results: list[tuple[str, Outcome, float, float]] = []
        with server(store, folder) as (port, pid):
            sampler = Sampler(pid, [folder])
            for label, attack in attacks:
                with sampler.watch() as (rss, disk):
                    outcome = attack(port)
                grown = (sampler.peak_rss - rss) / CHUNK
                disk_grown = (sampler.peak_disk - disk) / CHUNK
                results.append((label, outcome, grown, disk_grown))
                statuses = ", ".join(f"{code}×{n}" for code, n in sorted(outcome.statuses.items()))
                print(
                    f"{label:36} {statuses:18} {outcome.seconds:7.2f} s"
                    f"  sent {outcome.sent_mb:7.1f} MB  memory +{grown:6.1f} MB"
                    f"  disk +{disk_grown:6.1f} MB  {outcome.note}"
                )
        peak = max(grown for _, _, grown, _ in results)
        bomb_outcome = next(o for label, o, _, _ in results if "bomb" in label)
        guess_outcome = results[-1][1]
        first = guess_outcome.note.split()[-1]
        print(
            json.dumps(
                {
                    "peak_memory_growth_mb": round(peak, 1),
                    "peak_disk_growth_mb": round(max(d for *_, d in results), 1),
                    "bomb_seconds": round(bomb_outcome.seconds, 2),
                    "bomb_status": next(iter(bomb_outcome.statuses)),
                    "first_throttled_attempt": int(first) if first.isdigit() else None,
                    "goals": {
                        "memory_under_50_mb": peak < 50,
                        "bomb_under_2_s": bomb_outcome.seconds < 2
                        and next(iter(bomb_outcome.statuses)) in ("413", "422"),
                        "throttled_from_10th": first.isdigit() and int(first) <= 11,
                    },
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
