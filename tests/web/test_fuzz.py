"""schemathesis against the OpenAPI document, in-process on the ASGI app: no generated request
(bounded: a few dozen examples an operation) ever gets a server error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from web_testing import build_web_store

EXAMPLES = 40


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    engine = open_store(f"sqlite:///{folder / 'store.db'}")
    build_web_store(engine)
    yield create_app(engine=engine, settings=WebSettings(secret_key="fuzz"))
    engine.dispose()


def test_no_server_error_on_any_generated_request(app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    failures: list[str] = []
    seen: list[int] = []
    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case: schemathesis.Case) -> None:
            response = case.call()
            seen.append(response.status_code)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} {case.query}: "
                    f"{response.status_code} {response.text[:200]}"
                )

        check()
    assert failures == []
    assert len(seen) > 10 * len(operations)  # the requests were made
