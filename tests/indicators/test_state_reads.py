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
