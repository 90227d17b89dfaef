"""The attacker of the disclosure tests, solving for hidden cells as one would with a table builder.

Every cell published exactly is an equation: the sum of the cells of the finest grid (every
combination of the values of every dimension asked for in any release) that it covers equals its
value. A cell about persons (split or filtered by gender, or of a protected indicator) is
recovered when it is published exactly, or when the equations determine its sum (its vector lies
in their row space) and the determined value is the true one. Counts are attacked by their value,
shares by their numerator and their denominator.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from stdgap.indicators.catalogue import CATALOGUE, PROTECTED_DIMENSIONS

Record = dict[str, Any]
_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Release:
    """The published records of one request (``by`` its dimensions), with the exact ones."""

    by: tuple[str, ...]
    published: list[Record]
    truth: list[Record]


def is_about_persons(indicator: str, by: Iterable[str]) -> bool:
    return CATALOGUE[indicator].protected or bool(PROTECTED_DIMENSIONS & set(by))


def _parts(indicator: str) -> tuple[str, ...]:
    return ("numerator", "denominator") if CATALOGUE[indicator].is_share else ("value",)


def _dims_of(record: Record, by: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(record[dim] for dim in by)


@dataclass
class _Grid:
    dims: tuple[str, ...]
    cells: list[tuple[Any, ...]]

    @classmethod
    def of(cls, releases: list[Release], indicator: str) -> _Grid:
        dims = tuple(dict.fromkeys(dim for release in releases for dim in release.by))
        domains: dict[str, set[Any]] = {dim: set() for dim in dims}
        for release in releases:
            for record in release.truth:
                if record["indicator"] == indicator:
                    for dim in release.by:
                        domains[dim].add(record[dim])
        values = [sorted(domains[dim], key=str) for dim in dims]
        return cls(dims, list(itertools.product(*values)))

    def row(self, by: tuple[str, ...], at: tuple[Any, ...]) -> npt.NDArray[np.float64]:
        where = [self.dims.index(dim) for dim in by]
        return np.array(
            [
                all(cell[i] == value for i, value in zip(where, at, strict=True))
                for cell in self.cells
            ],
            dtype=np.float64,
        )


def _row_space(equations: list[npt.NDArray[np.float64]], width: int) -> npt.NDArray[np.float64]:
    """An orthonormal basis (as rows) of the space the equations span."""
    if not equations:
        return np.zeros((0, width))
    _, singular, basis = np.linalg.svd(np.vstack(equations), full_matrices=False)
    rank = int((singular > _TOLERANCE * max(1.0, float(singular[0]))).sum())
    return basis[:rank]


def recovered(releases: list[Release], indicator: str) -> list[str]:
    """The cells about persons of ``indicator`` that the releases give away (a description of
    each: the part, the dimensions, the true and the recovered value)."""
    releases = [r for r in releases if any(x["indicator"] == indicator for x in r.truth)]
    grid = _Grid.of(releases, indicator)
    found: list[str] = []
    for part in _parts(indicator):
        rows: list[npt.NDArray[np.float64]] = []
        values: list[float] = []
        targets: list[tuple[npt.NDArray[np.float64], Record, Record, tuple[str, ...]]] = []
        for release in releases:
            truth = {
                _dims_of(r, release.by): r for r in release.truth if r["indicator"] == indicator
            }
            for record in release.published:
                if record["indicator"] != indicator:
                    continue
                at = _dims_of(record, release.by)
                vector = grid.row(release.by, at)
                if record["protection"] == "exact" and record.get(part) is not None:
                    rows.append(vector)
                    values.append(float(record[part]))
                if is_about_persons(indicator, release.by) and at in truth:
                    targets.append((vector, record, truth[at], release.by))
        basis = _row_space(rows, len(grid.cells))
        solution = (
            np.linalg.lstsq(np.vstack(rows), np.array(values), rcond=None)[0] if rows else None
        )
        for vector, record, true, by in targets:
            real = true.get(part)
            if real is None:
                continue
            if record["protection"] == "exact" and record.get(part) is not None:
                found.append(f"{part} of {by}={_dims_of(record, by)} published exactly")
                continue
            if solution is None:
                continue
            residue = vector - basis.T @ (basis @ vector)
            if np.abs(residue).max() > _TOLERANCE:
                continue
            guess = float(vector @ solution)
            if abs(guess - float(real)) < _TOLERANCE:
                found.append(f"{part} of {by}={_dims_of(record, by)}: {real} recovered")
    return found
