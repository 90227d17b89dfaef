"""The collation table is parsed once per process, however many threads ask for it first at
the same time (a report sorting names while the writers load in the background)."""

from __future__ import annotations

import threading
import time

import pytest

from stdgap.documents.order import collation_key
from stdgap.i18n import collation


def test_threads_asking_at_once_make_one_collator(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []

    def slow() -> collation.SortKey:
        made.append(1)
        time.sleep(0.2)
        return lambda text: (text.casefold(), text)

    monkeypatch.setattr(collation, "_made", [])
    monkeypatch.setattr(collation, "_new_collator", slow)
    keys: list[object] = []
    threads = [
        threading.Thread(target=lambda: keys.append(collation.sort_key()("Éa"))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(made) == 1
    assert keys == [("éa", "Éa")] * 8


def test_reports_and_country_lists_sort_with_one_collator() -> None:
    names = ["Österreich", "Oman", "Åland", "Zambia", "Albania"]
    assert sorted(names, key=collation_key) == collation.sorted_names(names)
