"""The store's state falls due every ``STATE_SECONDS``: however many requests ask for it at that
moment, one reads it from the store and the others take that read."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine

from stdgap.indicators import answers
from stdgap.indicators.load import StoreState


def test_many_asking_at_once_read_the_state_once(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[float] = []
    real = answers.state
    entered = threading.Event()

    def slow_state(asked: Engine) -> StoreState:
        reads.append(time.monotonic())
        entered.set()
        time.sleep(0.2)  # a slow server: the others arrive while this read is under way
        return real(asked)

    monkeypatch.setattr(answers, "state", slow_state)
    answers.clear()
    with ThreadPoolExecutor(24) as pool:
        found = list(pool.map(lambda _: answers.current_state(engine), range(24)))
    assert len(reads) == 1
    assert all(state == found[0] for state in found)
    assert found[0] == real(engine)
    # once due again, it is read again
    monkeypatch.setattr(answers, "STATE_SECONDS", 0.0)
    answers.current_state(engine)
    assert len(reads) == 2


def test_a_failed_read_fails_everyone_waiting_at_once_and_is_tried_again_later(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store that fails slowly (a connection timeout): the requests waiting for the read get
    its error when it comes, not one after another; the next request reads again."""
    attempts: list[float] = []

    def failing(asked: Engine) -> StoreState:
        attempts.append(time.monotonic())
        time.sleep(0.3)
        raise RuntimeError("the store is down")

    monkeypatch.setattr(answers, "state", failing)
    answers.clear()
    started = time.monotonic()

    def ask(_: int) -> str:
        try:
            answers.current_state(engine)
        except RuntimeError as error:
            return str(error)
        return "answered"

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(ask, range(8)))
    elapsed = time.monotonic() - started
    assert outcomes == ["the store is down"] * 8
    assert len(attempts) <= 2 and elapsed < 1.0  # one read (two if one came late), not eight
    monkeypatch.setattr(answers, "state", lambda asked: StoreState("v", True, 5))
    assert answers.current_state(engine).version == "v"
