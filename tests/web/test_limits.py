"""Request bodies are refused before they are read: a write to a route that needs an account
without a valid session (401) or with an account that lacks the permission (403), and any body
larger than its route accepts, announced (Content-Length) or counted as it streams (413).

Each request is a raw ASGI call whose body records how much of it the application read."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from asgi_calls import CHUNK, Answer, Body, call
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stdgap.http.auth import GUARDS
from stdgap.http.limits import ENVELOPE, guards_of, is_upload, limit_of
from stdgap.http.settings import KIB, MIB, WebSettings
from stdgap.web.app import create_app
from web_testing import sign_in

HUGE = 300 * MIB
JSON = {"accept": "application/json", "content-type": "application/json"}
BOUNDARY = "stdgapboundary"
MULTIPART = {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}
SETTINGS = WebSettings(secret_key="limits", max_upload=1 * MIB, max_body=256 * KIB)


def _file_part(name: str = "members.csv") -> bytes:
    return (
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="files"; filename="{name}"\r\n'
        "Content-Type: text/csv\r\n\r\n"
        "member_id,name,type,country\n"
    ).encode()


@pytest.fixture
def app(loaded: Engine) -> FastAPI:
    return create_app(engine=loaded, settings=SETTINGS)


def _session(app: FastAPI, role: str) -> dict[str, str]:
    """The headers of a signed-in ``role``: the session cookie and the CSRF token."""
    with TestClient(app) as client:
        token = sign_in(client, role)
        cookie = client.cookies.get("stdgap_session")
    assert cookie
    return {"cookie": f"stdgap_session={cookie}", "x-csrf-token": token}


def _problem(answer: Answer, status: int) -> dict[str, Any]:
    import json

    assert answer.status == status, answer.body[:300]
    assert answer.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = json.loads(answer.body)
    assert body["status"] == status
    return body


def _routes(app: FastAPI) -> dict[tuple[str, str], Any]:
    found = {}
    for included in app.routes:
        for route in getattr(getattr(included, "original_router", None), "routes", []):
            prefix = included.include_context.prefix  # type: ignore[attr-defined]
            for method in getattr(route, "methods", ()):
                found[(method, prefix + route.path)] = route
    return found


def test_routes_are_classed_by_what_they_need(app: FastAPI) -> None:
    routes = _routes(app)
    uploads = {path for (method, path), r in routes.items() if method == "POST" and is_upload(r)}
    assert uploads == {
        "/imports",
        "/api/v1/imports",
        "/cxo/{meeting_id}/participants/import",
        "/api/v1/cxo/meetings/{meeting_id}/participants/import",
        "/surveys/{survey_id}/questions/import",
        "/cxo/{meeting_id}/consultation",  # a questionnaire of one's own, optionally
        "/knowledge/import",
        "/api/v1/knowledge/import",
        "/knowledge/items/{item_id}/attachments",
        "/api/v1/knowledge/items/{item_id}/attachments",
        "/resolutions/actions",  # an action's evidence may be a file
    }
    public = sorted(
        (method, path)
        for (method, path), r in routes.items()
        if method in ("POST", "PUT", "PATCH", "DELETE") and not guards_of(r)
    )
    assert public == [
        ("DELETE", "/api/v1/session"),
        ("POST", "/api/v1/session"),
        # answering a survey: the invited user, or anyone holding an invitation's token
        ("POST", "/api/v1/surveys/{survey_id}/responses"),
        ("POST", "/login"),
        ("POST", "/logout"),
    ]  # (and the survey form's /surveys/{survey_id}/respond, in a router included by another)
    assert all(guard in GUARDS for guard in guards_of(routes[("POST", "/api/v1/actions")]))
    assert limit_of(routes[("POST", "/api/v1/imports")], SETTINGS) == 1 * MIB + ENVELOPE
    assert limit_of(routes[("POST", "/api/v1/actions")], SETTINGS) == 256 * KIB
    assert limit_of(routes[("POST", "/login")], SETTINGS) == 64 * KIB


@pytest.mark.parametrize("chunked", [False, True])
@pytest.mark.parametrize(
    ("path", "headers"),
    [("/api/v1/imports", MULTIPART), ("/api/v1/actions", JSON), ("/imports", MULTIPART)],
)
def test_an_anonymous_write_is_refused_before_its_body_is_read(
    app: FastAPI, path: str, headers: dict[str, str], chunked: bool
) -> None:
    body = Body(HUGE, prefix=_file_part() if headers is MULTIPART else b"{")
    answer = call(app, "POST", path, body, headers, content_length=not chunked)
    assert body.consumed == 0  # refused before a byte of the body was read
    if path.startswith("/api/"):
        assert _problem(answer, 401)["type"].endswith("unauthorized")
    else:  # a browser is sent to sign in, as for any page that needs it
        assert answer.status == 303
        assert answer.headers["location"] == "/login?next=%2Fimports"


def test_a_forged_session_is_no_session(app: FastAPI) -> None:
    body = Body(HUGE, prefix=b"{")
    headers = {**JSON, "cookie": "stdgap_session=forged", "x-csrf-token": "forged"}
    _problem(call(app, "POST", "/api/v1/actions", body, headers), 401)
    assert body.consumed == 0


def test_an_account_without_the_permission_is_refused_before_the_body_is_read(
    app: FastAPI,
) -> None:
    viewer = _session(app, "viewer")
    body = Body(HUGE, prefix=_file_part())
    answer = call(app, "POST", "/api/v1/imports", body, {**MULTIPART, **viewer})
    assert _problem(answer, 403)["type"].endswith("forbidden")
    assert body.consumed == 0


FORM = {"accept": "application/json", "content-type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize(("path", "headers"), [("/api/v1/session", JSON), ("/login", FORM)])
def test_public_writes_have_a_small_limit(app: FastAPI, path: str, headers: dict[str, str]) -> None:
    announced = Body(HUGE, prefix=b"{")
    answer = call(app, "POST", path, announced, headers)
    assert _problem(answer, 413)["type"].endswith("too-large")
    assert announced.consumed == 0
    streamed = Body(HUGE, prefix=b'{"name": "' if headers is JSON else b"name=")
    answer = call(app, "POST", path, streamed, headers, content_length=False)
    _problem(answer, 413)
    assert streamed.consumed <= 64 * KIB + CHUNK


def test_a_small_public_write_still_works(app: FastAPI) -> None:
    with TestClient(app) as client:
        token = sign_in(client, "analyst")
        assert client.get("/api/v1/session").json()["user"]["name"] == "analyst"
        assert client.delete("/api/v1/session", headers={"X-CSRF-Token": token}).is_success


@pytest.mark.parametrize("chunked", [False, True])
def test_an_analyst_s_upload_over_the_limit_is_refused_as_it_streams(
    app: FastAPI, chunked: bool
) -> None:
    analyst = _session(app, "analyst")
    body = Body(2 * MIB, prefix=_file_part())
    answer = call(
        app, "POST", "/api/v1/imports", body, {**MULTIPART, **analyst}, content_length=not chunked
    )
    assert _problem(answer, 413)["type"].endswith("too-large")
    if chunked:  # read up to the limit, then refused: the parser never held more
        assert 1 * MIB <= body.consumed <= 1 * MIB + ENVELOPE + CHUNK
    else:
        assert body.consumed == 0


def test_an_analyst_s_page_upload_over_the_limit_gets_the_error_page(app: FastAPI) -> None:
    analyst = _session(app, "analyst")
    body = Body(2 * MIB, prefix=_file_part())
    headers = {**MULTIPART, **analyst, "accept": "text/html"}
    answer = call(app, "POST", "/imports", body, headers, content_length=False)
    assert answer.status == 413
    assert answer.headers["content-type"].startswith("text/html")
    assert b"larger than this server accepts" in answer.body
    assert body.consumed <= 1 * MIB + ENVELOPE + CHUNK


def test_a_signed_in_json_write_has_the_body_limit(app: FastAPI) -> None:
    analyst = _session(app, "analyst")
    body = Body(1 * MIB, prefix=b'{"clause": "')
    answer = call(app, "POST", "/api/v1/actions", body, {**JSON, **analyst}, content_length=False)
    _problem(answer, 413)
    assert body.consumed <= 256 * KIB + CHUNK


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def served(app: FastAPI) -> Iterator[int]:
    """The application behind uvicorn on a port of its own."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield port
    server.should_exit = True
    thread.join(10)


def test_over_a_socket_the_refusal_comes_before_the_body(served: int) -> None:
    """What the attacker did: 300 MB announced; the answer comes after a few bytes sent."""
    with socket.create_connection(("127.0.0.1", served), timeout=10) as sock:
        head = (
            "POST /api/v1/imports HTTP/1.1\r\nHost: localhost\r\n"
            f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
            f"Content-Length: {HUGE}\r\n\r\n"
        )
        sock.sendall(head.encode() + _file_part())
        answer = sock.recv(65536).decode("latin-1")
    assert answer.startswith("HTTP/1.1 401 ")
    assert "application/problem+json" in answer


class StoreDown(Exception):
    pass


def test_a_failing_session_check_is_answered_by_the_application_s_handlers(
    app: FastAPI,
) -> None:
    """The check before the body meets an error (the store cannot be read): the application's
    handler for it answers, as it would have in the route; without one, a server error."""

    def broken(engine: Engine, token: str) -> None:
        raise StoreDown("the store is down")

    app.state.find_account = broken
    with TestClient(app, raise_server_exceptions=False) as client:
        client.cookies.set("stdgap_session", "some-session")
        assert client.post("/api/v1/actions", json={}).status_code == 500

        async def unavailable(request: Any, error: Exception) -> Any:
            from fastapi.responses import JSONResponse

            return JSONResponse({"detail": str(error)}, status_code=503)

        app.add_exception_handler(StoreDown, unavailable)
        app.middleware_stack = None  # built again with the new handler
        answer = client.post("/api/v1/actions", json={})
        assert answer.status_code == 503 and answer.json() == {"detail": "the store is down"}


def test_uploaded_files_past_64_kib_wait_on_disk_not_in_memory() -> None:
    """Files of one upload are spooled to disk past 64 KiB (Starlette keeps 1 MiB each in
    memory: 200 files of 900 KB made 180 MB)."""
    import asyncio

    from starlette.datastructures import Headers, UploadFile
    from starlette.formparsers import MultiPartParser

    from stdgap.http import limits

    limits.install(FastAPI())  # what the application does

    boundary = "limitsboundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="f{i}.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\n".encode()
        + size * b"a"
        + b"\r\n"
        for i, size in enumerate((900 * KIB, 100 * KIB, 10 * KIB))
    ]
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()

    async def stream() -> Any:
        yield body

    headers = Headers({"content-type": f"multipart/form-data; boundary={boundary}"})
    form = asyncio.run(MultiPartParser(headers, stream()).parse())
    files = [value for _, value in form.multi_items() if isinstance(value, UploadFile)]
    rolled = [upload.file._rolled for upload in files]  # type: ignore[attr-defined]
    asyncio.run(form.close())
    assert rolled == [True, True, False]
