"""Bringing the fact frames of one data version to a later one with the changes logged in
between (:mod:`stdgap.store.changes`), instead of reading and building everything again.

A snapshot holds the tables the facts were built from. The rows of the logged keys are read
again and replace the held ones; then only what they bear on is built again: the attendance
facts of every person with a row at a changed meeting, for a changed member or who changed
(a person's facts depend on all their rows: their first meeting, their return the next year),
the contribution facts of every changed contribution, the roles (few) all again, and the
frames of the capabilities' sources whose tables were written. A change the engine cannot
apply so (a classification, a group, a new country or member type: codes shift) gives None,
and the caller rebuilds.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

import polars as pl
from sqlalchemy import Engine

from stdgap.indicators.builtin import ATTENDANCE, BUILTIN, CONTRIBUTIONS
from stdgap.indicators.context import Codes, Context, FactOptions
from stdgap.indicators.facts import Facts
from stdgap.indicators.load import (
    LOGGED_BY,
    StoreState,
    Tables,
    read_attendance,
    read_extra,
    read_rows,
)
from stdgap.indicators.sources import registry
from stdgap.store.changes import ROW_KEYS, Changes, changes_between
from stdgap.store.settings import cell_key_secret
from stdgap.tabular.packing import Packing

FactsKey = tuple[str | None, bool, str]
#: Changed keys beyond which the log is not followed (reading everything is then as quick).
MOST_KEYS = 200_000
#: Changes no delta can follow: the codes or every classification may shift.
_REBUILD = frozenset({"groups", "classifications"})
#: Core tables every capability's source may read through the context.
_SHARED = frozenset({"meetings", "members", "people", "groups"})
_BUILTIN = frozenset(source.name for source in BUILTIN)


@dataclass
class Snapshot:
    """The facts of one data version with what they were built from."""

    key: FactsKey
    #: The number of the write that made the version (None: not in the change log).
    seq: int | None
    facts: Facts
    #: The tables the facts were built from, or how to get them (read lazily from Parquet).
    tables: Tables | Callable[[], Tables | None] | None
    #: When this process made it (monotonic clock): the later of two snapshots of one store.
    made: float = field(default_factory=time.monotonic, compare=False)

    def held_tables(self) -> Tables | None:
        if callable(self.tables):
            self.tables = self.tables()
        return self.tables


def advance(engine: Engine, snapshot: Snapshot, target: StoreState, seq: int) -> Snapshot | None:
    """``snapshot`` brought to the store's state ``target`` (made by write ``seq``), or None
    when the changes in between cannot be applied as a delta."""
    if snapshot.seq is None or target.version is None or snapshot.key[0] is None:
        return None
    if snapshot.key[1:] != target.facts_key[1:]:
        return None
    with engine.connect() as connection:
        changes = changes_between(
            connection, snapshot.seq, snapshot.key[0], target.version, MOST_KEYS
        )
        if changes is None or _REBUILD & changes.keys.keys():
            return None
        held = snapshot.held_tables()
        if held is None or cell_key_secret(connection) != held.secret:
            return None
        fresh = {
            name: read_rows(connection, name, list(changes.keys[logged]))
            for name, (logged, _column) in LOGGED_BY.items()
            if logged in changes.keys and name != "attendance"
        }
        if "attendance" in changes.keys or "attendance" in changes.rows:
            fresh["attendance"] = read_attendance(
                connection,
                changes.keys.get("attendance", ()),
                changes.rows.get("attendance", ()),
            )
        stale_sources = _sources_to_build(changes)
        queries = {
            name: query
            for source in stale_sources
            for name, query in registry()[source].tables.items()
            if _mentions(query[0], changes.tables)
        }
        extra = {name: read_extra(connection, query) for name, query in queries.items()}
    tables = _updated(held, fresh, extra, changes)
    options = FactOptions(target.transition_counts, target.leadership_date)
    if Codes.of(tables) != snapshot.facts.codes:
        return None
    codes = snapshot.facts.codes  # the same object: aggregations kept for it stay valid
    frames = dict(snapshot.facts.frames)
    context = Context(tables, codes, options)
    frames["attendance"] = _attendance(snapshot.facts, held, context, changes)
    frames["contributions"] = _contributions(snapshot.facts, held, context, changes)
    if changes.keys.keys() & {"roles", "people", "members", "meetings"}:
        frames["roles"] = registry()["roles"].build(context)
    for name in stale_sources:
        frames[name] = registry()[name].build(context)
    years = tables.meetings.select(
        pl.col("start").dt.year().min().alias("first"),
        pl.col("start").dt.year().max().alias("last"),
    ).row(0)
    facts = Facts(frames, codes, years[0], years[1])
    return Snapshot(target.facts_key, seq, facts, tables)


def _sources_to_build(changes: Changes) -> list[str]:
    """The capabilities' sources whose frames the changes bear on."""
    shared = bool(_SHARED & changes.tables)
    return [
        name
        for name, source in registry().items()
        if name not in _BUILTIN
        and (shared or any(_mentions(sql, changes.tables) for sql, _ in source.tables.values()))
    ]


def _mentions(sql: str, tables: Collection[str]) -> bool:
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", sql.lower()))
    return bool(words & set(tables))


def _updated(
    held: Tables, fresh: dict[str, pl.DataFrame], extra: dict[str, pl.DataFrame], changes: Changes
) -> Tables:
    """``held`` with the rows of the changed keys (deleted ones too) replaced by ``fresh``."""
    updated = dataclasses.replace(held, extra={**held.extra, **extra})
    for name, rows in fresh.items():
        logged, column = LOGGED_BY[name]
        old: pl.DataFrame = getattr(held, name)
        kept = old
        if changes.keys.get(logged):
            keys = pl.Series(values=sorted(changes.keys[logged]), dtype=pl.Int64)
            kept = kept.filter(~pl.col(column).cast(pl.Int64).is_in(keys.implode()))
        exact = changes.rows.get(logged)
        if exact:
            kept = _without_rows(kept, list(ROW_KEYS[logged]), exact)
        setattr(updated, name, pl.concat([kept, rows.cast(old.schema)]))
    return updated


def _without_rows(
    frame: pl.DataFrame, columns: list[str], keys: set[tuple[int, ...]]
) -> pl.DataFrame:
    """``frame`` without the rows of ``keys`` (values of ``columns``): the columns packed into
    one 64-bit integer when they fit (:mod:`stdgap.tabular.packing`: one hash lookup a row, a
    third of the time of a join on three columns), else an anti-join."""
    gone = pl.DataFrame(sorted(keys), schema=columns, orient="row", infer_schema_length=None)
    gone = gone.cast(frame.select(columns).schema, strict=False)  # beyond: matches nothing
    packing = Packing.of(pl.concat([frame.select(columns), gone]), columns)
    if packing is None:
        return frame.join(gone, on=columns, how="anti")
    drop = gone.select(packing.key()).to_series()
    return frame.filter(~packing.key().is_in(drop.implode()))


def _attendance(facts: Facts, held: Tables, context: Context, changes: Changes) -> pl.DataFrame:
    keys = changes.keys
    meetings = keys.get("attendance", set()) | keys.get("meetings", set())
    members, people = keys.get("members", set()), keys.get("people", set())
    exact = {key[1] for key in changes.rows.get("attendance", ())}  # their persons
    if not (meetings or members or people or exact):
        return facts.frames["attendance"]
    found = [pl.Series(values=sorted(people | exact), dtype=pl.Int32)]
    if meetings or members:
        touched = pl.col("meeting_id").is_in(sorted(meetings)) | pl.col("member_id").is_in(
            sorted(members)
        )
        found += [
            held.attendance.filter(touched).get_column("person_id"),
            context.tables.attendance.filter(touched).get_column("person_id"),
        ]
    persons = pl.concat(found).unique()
    rows = context.tables.attendance.filter(pl.col("person_id").is_in(persons.implode()))
    part = dataclasses.replace(context.tables, attendance=rows)
    built = ATTENDANCE.build(Context(part, context.codes, context.options))
    before = facts.frames["attendance"]
    kept = before.filter(~pl.col("person").is_in(persons.cast(before.schema["person"]).implode()))
    return pl.concat([kept, built.select(before.columns).cast(before.schema)])


def _contributions(facts: Facts, held: Tables, context: Context, changes: Changes) -> pl.DataFrame:
    keys = changes.keys
    changed = keys.get("contributions", set()) | keys.get("contribution_sources", set())
    meetings, members = keys.get("meetings", set()), keys.get("members", set())
    if not (changed or meetings or members):
        return facts.frames["contributions"]
    ids = [pl.Series(values=sorted(changed), dtype=pl.Int32)]
    for tables in (held, context.tables):
        ids.append(
            tables.contributions.filter(pl.col("meeting_id").is_in(sorted(meetings))).get_column(
                "id"
            )
        )
        ids.append(
            tables.sources.filter(pl.col("member_id").is_in(sorted(members))).get_column(
                "contribution_id"
            )
        )
    chosen = pl.concat([found.cast(pl.Int32) for found in ids]).unique().implode()
    part = dataclasses.replace(
        context.tables,
        contributions=context.tables.contributions.filter(pl.col("id").is_in(chosen)),
        sources=context.tables.sources.filter(pl.col("contribution_id").is_in(chosen)),
    )
    built = CONTRIBUTIONS.build(Context(part, context.codes, context.options))
    before = facts.frames["contributions"]
    kept = before.filter(~pl.col("contribution").cast(pl.Int32).is_in(chosen))
    return pl.concat([kept, built.select(before.columns).cast(before.schema)])
