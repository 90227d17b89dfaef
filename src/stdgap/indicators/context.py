"""What every fact source builds its frame from: the store's tables read for the indicators,
the codes of groups, member types and countries, and the attributions they all share (a
meeting's date, year and group; a member's type and country; a country's classes on a date; a
person's gender and age)."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt
import polars as pl

from stdgap.indicators.catalogue import GENDERS, MEMBER_TYPES
from stdgap.indicators.classify import CLASS_COLUMNS, classify
from stdgap.indicators.load import Tables

YOUNG_AGE = 35
#: Record keys lie in [0, KEY_RANGE): a cell's key is the sum of its records' keys modulo it
#: (a power of two: a key is the mix's low bits).
KEY_RANGE = 1 << 20
_MIX = (0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB)
GENDER_CODES = {name: code for code, name in enumerate(GENDERS)}
UNKNOWN_GENDER = GENDER_CODES["unknown"]


@dataclass(frozen=True)
class Codes:
    """The values that integer code columns of the facts index into."""

    groups: list[str] = field(default_factory=list)
    member_types: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, tables: Tables) -> Codes:
        """The codes of ``tables``: the countries those of the members and those the
        capabilities' tables name (a fund's beneficiary, an event's registrant: not always a
        member's country)."""
        seen = set(tables.members.get_column("type").to_list())
        named = [tables.members.get_column("country")] + [
            frame.get_column("country")
            for frame in tables.extra.values()
            if frame.schema.get("country") == pl.String
        ]
        countries = pl.concat(named).drop_nulls().unique().sort().to_list()
        return cls(
            groups=sorted(tables.groups.get_column("code").to_list()),
            member_types=list(MEMBER_TYPES) + sorted(seen - set(MEMBER_TYPES)),
            countries=countries,
        )


@dataclass(frozen=True)
class FactOptions:
    """The store settings the facts depend on."""

    transition_counts: bool = True
    #: MM-DD: the day of each year on which leadership positions held are counted.
    leadership_date: str = "12-31"

    @property
    def month_day(self) -> tuple[int, int]:
        month, day = self.leadership_date.split("-")
        return int(month), int(day)


@dataclass
class Context:
    """The tables, the codes and the settings, with the shared attributions."""

    tables: Tables
    codes: Codes
    options: FactOptions = field(default_factory=FactOptions)

    @property
    def transition_counts(self) -> bool:
        return self.options.transition_counts

    def record_key(self, frame: pl.DataFrame, columns: list[str], salt: int) -> pl.Series:
        """A record key per row of ``frame`` from the integer ``columns`` (see
        :func:`record_keys`), seeded by the store's secret and ``salt``."""
        return pl.Series(
            "key",
            record_keys(
                [frame.get_column(c).to_numpy() for c in columns], self.tables.secret, salt
            ),
            dtype=pl.Int64,
        )

    def record_key_columns(
        self, frame: pl.DataFrame, keys: Mapping[str, tuple[list[str], int]]
    ) -> list[pl.Series]:
        """The record keys of ``frame`` that ``keys`` names (each by its columns and salt, see
        :meth:`record_key`), worked out side by side on threads of their own (NumPy mixes
        them without the interpreter's lock)."""
        with ThreadPoolExecutor(max_workers=max(1, len(keys))) as pool:
            made = {
                name: pool.submit(self.record_key, frame, columns, salt)
                for name, (columns, salt) in keys.items()
            }
            return [found.result().alias(name) for name, found in made.items()]

    @cached_property
    def meetings(self) -> pl.DataFrame:
        """``meeting``, ``date`` (its start), ``year`` and ``group`` (code)."""
        return _meetings(self.tables, self.codes.groups)

    @cached_property
    def members(self) -> pl.DataFrame:
        """``member``, ``member_type`` (code) and ``country`` (code)."""
        return _members(self.tables, self.codes.member_types, self.codes.countries)

    def group_codes(self) -> pl.DataFrame:
        """``group_id`` (the store's) and ``group`` (code)."""
        codes = {name: code for code, name in enumerate(self.codes.groups)}
        return self.tables.groups.select(
            pl.col("id").alias("group_id"),
            coded("code", codes, pl.UInt16).alias("group"),
        )

    def with_classes(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` (with ``member`` and ``date``) plus member_type, country (code) and the
        country's classes on the date."""
        return _with_classes(
            frame, self.members, self.codes.countries, self.tables, self.transition_counts
        )

    def with_class_code(self, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        """``frame`` (with ``member`` and ``date``) plus ``klass``, a code of the classes of the
        member's country on the date, and the frame that decodes it (``klass`` and the class
        columns): many rows over few (country, date) pairs are so classified with one small
        code instead of five columns (see :meth:`with_classes`)."""
        return _with_class_code(
            frame, self.members, self.codes.countries, self.tables, self.transition_counts
        )

    def with_person(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` (with ``person`` and ``year``) plus gender, born and young."""
        return _with_person(frame, self.tables)


def coded(column: str, codes: dict[str, int], dtype: type[pl.DataType]) -> pl.Expr:
    """``column``'s values replaced by their codes, of type ``dtype``. An empty mapping (a
    store without groups or members yet) gives an empty column of that type too: Polars would
    leave the column as text, and the joins on it would fail."""
    if not codes:
        return pl.col(column).cast(pl.Null).cast(dtype)
    return pl.col(column).replace_strict(codes, return_dtype=dtype)


def _members(tables: Tables, member_types: list[str], countries: list[str]) -> pl.DataFrame:
    """Each member's type code and country code (index in ``countries``)."""
    types = {name: code for code, name in enumerate(member_types)}
    places = {name: code for code, name in enumerate(countries)}
    return tables.members.select(
        pl.col("id").alias("member"),
        coded("type", types, pl.UInt8).alias("member_type"),
        coded("country", places, pl.UInt16).alias("country"),
    )


def _people(tables: Tables) -> pl.DataFrame:
    return tables.people.select(
        pl.col("id").alias("person"),
        pl.col("gender")
        .replace_strict(GENDER_CODES, default=UNKNOWN_GENDER, return_dtype=pl.UInt8)
        .alias("gender"),
        pl.col("birth_year"),
    )


def _meetings(tables: Tables, groups: list[str]) -> pl.DataFrame:
    codes = {name: code for code, name in enumerate(groups)}
    group_code = tables.groups.select(
        pl.col("id").alias("group_id"),
        coded("code", codes, pl.UInt16).alias("group"),
    )
    return tables.meetings.join(group_code, on="group_id", how="left").select(
        pl.col("id").alias("meeting"),
        pl.col("start").alias("date"),
        pl.col("start").dt.year().cast(pl.Int16).alias("year"),
        "group",
    )


def _with_classes(
    frame: pl.DataFrame,
    members: pl.DataFrame,
    countries: list[str],
    tables: Tables,
    transition_counts: bool,
) -> pl.DataFrame:
    """``frame`` (with ``member`` and ``date``) plus member_type, country (code) and the
    country's classes on the date."""
    frame = frame.join(members, on="member", how="left")
    names = pl.DataFrame(
        {"code": range(len(countries)), "country": countries},
        schema={"code": pl.UInt16, "country": pl.String},
    )
    pairs = frame.select(pl.col("country").alias("code"), "date").unique().join(names, on="code")
    classes = classify(pairs, tables.classifications, transition_counts)
    classes = classes.drop("country").rename({"code": "country"})
    return frame.join(classes, on=["country", "date"], how="left")


#: Days are kept non-negative in a (country, day) key: 2**31 days are added.
_DAY_OFFSET = 1 << 31


def _with_class_code(
    frame: pl.DataFrame,
    members: pl.DataFrame,
    countries: list[str],
    tables: Tables,
    transition_counts: bool,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """See :meth:`Context.with_class_code`. Each row's country and day go into one integer key
    (``_place_day``), whose distinct values are classified once each."""
    day = pl.col("date").cast(pl.Int32).cast(pl.Int64) + _DAY_OFFSET
    place_day = pl.col("country").cast(pl.Int64) * (1 << 32) + day
    rows = frame.join(members.select("member", "country"), on="member", how="left")
    rows = rows.with_columns(place_day.alias("_place_day"))
    pairs = rows.select(pl.col("_place_day").unique().drop_nulls()).with_columns(
        (pl.col("_place_day") // (1 << 32)).cast(pl.UInt16).alias("code"),
        ((pl.col("_place_day") % (1 << 32)) - _DAY_OFFSET)
        .cast(pl.Int32)
        .cast(pl.Date)
        .alias("date"),
    )
    coded, decoded = class_codes(pairs, countries, tables, transition_counts)
    rows = rows.join(coded.select("_place_day", "klass"), on="_place_day", how="left")
    return rows.drop("_place_day"), decoded


def class_codes(
    pairs: pl.DataFrame, countries: list[str], tables: Tables, transition_counts: bool
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``pairs`` (distinct ``code`` of a country and ``date``, with any other columns) plus
    ``klass``, a code of the country's classes on the date, and the frame that decodes it
    (``klass`` and the class columns)."""
    names = pl.DataFrame(
        {"code": range(len(countries)), "country": countries},
        schema={"code": pl.UInt16, "country": pl.String},
    )
    classes = classify(pairs.join(names, on="code"), tables.classifications, transition_counts)
    decoded = (
        classes.select(*CLASS_COLUMNS)
        .unique(maintain_order=True)
        .with_row_index("klass")
        .with_columns(pl.col("klass").cast(pl.UInt16))
    )
    coded = classes.join(decoded, on=list(CLASS_COLUMNS), how="left", nulls_equal=True)
    return coded.select(*pairs.columns, "klass"), decoded


def _with_person(frame: pl.DataFrame, tables: Tables) -> pl.DataFrame:
    """Add gender, ``born`` (birth year known) and ``young`` (in the row's year)."""
    people = _people(tables)
    joined = _gathered_people(frame, people)
    if joined is None:
        joined = frame.join(people, on="person", how="left", maintain_order="left")
    return joined.with_columns(
        pl.col("gender").fill_null(UNKNOWN_GENDER),
        pl.col("birth_year").is_not_null().alias("born"),
        ((pl.col("year").cast(pl.Int32) - pl.col("birth_year")) < YOUNG_AGE)
        .fill_null(False)
        .alias("young"),
    ).drop("birth_year")


#: Person ids beyond this are joined, not looked up (an array of as many entries).
MOST_PERSON_IDS = 1 << 24
#: Ids per row beyond which (and beyond 65,536) the people are joined: a few people of large ids.
SPARSE_IDS = 16


def _gathered_people(frame: pl.DataFrame, people: pl.DataFrame) -> pl.DataFrame | None:
    """``frame`` (with ``person``) left-joined to ``people`` (``person`` and its columns) by
    indexing an array of positions with the person ids: what the join gives, in the frame's
    order, a few times quicker over a million rows. None where the ids do not fit (null,
    negative, beyond :data:`MOST_PERSON_IDS` or sparse, or a person listed twice)."""
    ids, persons = people.get_column("person"), frame.get_column("person")
    if people.height == 0 or frame.height == 0 or ids.null_count() or persons.null_count():
        return None
    lowest, highest = min(ids.min(), persons.min()), max(ids.max(), persons.max())  # type: ignore[type-var]
    assert isinstance(lowest, int) and isinstance(highest, int)
    if (
        lowest < 0
        or highest >= MOST_PERSON_IDS
        or highest > SPARSE_IDS * (people.height + frame.height) + (1 << 16)
    ):
        return None  # ids that do not fit, or so sparse that the array costs more than a join
    if ids.n_unique() < people.height:
        return None
    at = np.full(highest + 1, people.height, dtype=np.int32)  # past the end: a row of nulls
    at[ids.to_numpy()] = np.arange(people.height)
    columns = people.drop("person")
    with_nulls = pl.concat([columns, pl.DataFrame(schema=columns.schema).clear(1)])
    return frame.hstack(with_nulls[at[persons.to_numpy()]])


def record_keys(
    columns: list[npt.NDArray[np.generic]], secret: int, salt: int
) -> npt.NDArray[np.int64]:
    """Pseudo-random keys in [0, KEY_RANGE), one per row, from integer ids: the same ids, secret
    and salt always give the same key (a SplitMix64 mix in wrapping 64-bit arithmetic), so a
    table cell made of the same records always gets the same cell key and the same noise.
    Worked out in place, in one array and a scratch one (no new array per step)."""
    seed = np.uint64((secret ^ (salt * _MIX[0])) & 0xFFFFFFFFFFFFFFFF)
    state = np.full(len(columns[0]) if columns else 0, seed, np.uint64)
    scratch = np.empty_like(state)
    with np.errstate(over="ignore"):
        for values in columns:
            np.bitwise_xor(state, values.astype(np.int64).view(np.uint64), out=state)
            _mix(state, scratch)
    np.bitwise_and(state, np.uint64(KEY_RANGE - 1), out=state)  # KEY_RANGE: a power of two
    return state.view(np.int64)


def _mix(state: npt.NDArray[np.uint64], scratch: npt.NDArray[np.uint64]) -> None:
    """SplitMix64's step on ``state``, in place."""
    np.add(state, np.uint64(_MIX[0]), out=state)
    for shift, factor in ((30, _MIX[1]), (27, _MIX[2]), (31, None)):
        np.right_shift(state, np.uint64(shift), out=scratch)
        np.bitwise_xor(state, scratch, out=state)
        if factor is not None:
            np.multiply(state, np.uint64(factor), out=state)
