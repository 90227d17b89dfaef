"""Record keys are SplitMix64 over the ids, seeded by the secret and the salt: worked out in
NumPy, in place, they are what the mix written out in plain Python integers gives (the noise of
every published figure hangs on them, so they must not drift)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from stdgap.indicators.context import KEY_RANGE, record_keys

MASK = (1 << 64) - 1
GOLDEN, MIX_1, MIX_2 = 0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB


def _splitmix(state: int) -> int:
    state = (state + GOLDEN) & MASK
    state = ((state ^ (state >> 30)) * MIX_1) & MASK
    state = ((state ^ (state >> 27)) * MIX_2) & MASK
    return state ^ (state >> 31)


def _key(ids: tuple[int, ...], secret: int, salt: int) -> int:
    state = (secret ^ (salt * GOLDEN)) & MASK
    for value in ids:
        state = _splitmix(state ^ (value & MASK))
    return state % KEY_RANGE


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.integers(-(2**31), 2**31 - 1), st.integers(0, 2**15), st.integers(-5, 40)),
        min_size=1,
        max_size=30,
    ),
    secret=st.integers(0, 2**63 - 1),
    salt=st.integers(1, 9),
)
def test_keys_are_splitmix_of_the_ids(
    rows: list[tuple[int, int, int]], secret: int, salt: int
) -> None:
    columns = [
        np.array([row[0] for row in rows], dtype=np.int32),
        np.array([row[1] for row in rows], dtype=np.uint16),
        np.array([row[2] for row in rows], dtype=np.int16),
    ]
    found = record_keys(columns, secret, salt)
    assert found.dtype == np.int64
    assert found.tolist() == [_key(row, secret, salt) for row in rows]
    one = record_keys(columns[:1], secret, salt)
    assert one.tolist() == [_key(row[:1], secret, salt) for row in rows]
