"""The engine's own fact sources: attendance, contributions and leadership roles.

Each builds its frame from the store's tables (:mod:`.context` gives the shared attributions)
and aggregates a filtered frame by the requested dimensions into the value columns its
indicators read.
"""

from __future__ import annotations

import polars as pl

from stdgap.indicators.catalogue import LEADERSHIP_ROLES, ROLES
from stdgap.indicators.classify import CLASS_COLUMNS
from stdgap.indicators.context import GENDER_CODES, UNKNOWN_GENDER, Codes, Context
from stdgap.indicators.factsource import TOTAL, FactSource
from stdgap.indicators.first_attendance import with_first_attendance
from stdgap.indicators.lookup_cells import CELL_MEASURES, grouped_by_lookup
from stdgap.tabular.packing import Packing

DRAFTING_LEVELS = ("question", "working_party")
WEIGHT_DIGITS = 9
#: Salts of the record keys of persons, members, attendance rows and roles.
PERSON, MEMBER, ROW, ROLE = 1, 2, 3, 4
#: Attendance counts of rows (their key sums come from the rows' keys).
_ROW_COUNTS = ("a", "a_dev", "a_remote", "a_fellowship")
#: Person counts: the person flag each counts (a person counts once per cell).
_PERSON_COUNTS = {
    "p": pl.lit(True),
    "p_dev": pl.col("x_dev"),
    "p_f": pl.col("x_gender") == GENDER_CODES["F"],
    "p_gender": pl.col("x_gender") != UNKNOWN_GENDER,
    "p_no_gender": pl.col("x_gender") == UNKNOWN_GENDER,
    "p_young": pl.col("x_young"),
    "p_born": pl.col("x_born"),
    "p_no_birth_year": ~pl.col("x_born"),
    "p_first": pl.col("x_first"),
    "p_retained": pl.col("x_retained"),
}


def _when(condition: pl.Expr, value: pl.Expr) -> pl.Expr:
    """``value`` where ``condition`` holds, else 0: summed, a filtered sum without filtering
    each group (a third quicker over a million rows)."""
    return pl.when(condition).then(value).otherwise(0)


def _person_keys() -> list[pl.Expr]:
    """The key sum of each person count: the keys of the persons it counts."""
    return [
        _when(flag, pl.col("pk")).sum().alias(f"{name}#k") for name, flag in _PERSON_COUNTS.items()
    ]


def build_attendance(ctx: Context) -> pl.DataFrame:
    """One row per (person, member, year, group, classification) with attendance counts.

    The rows are grouped on one packed integer (:mod:`.packing`) of the person, member, year,
    group and class code (:meth:`Context.with_class_code`), each group keeping its earliest
    date; the member's type and country, the classes, and whether the group holds the person's
    first attendance (its earliest date is the person's) and return the next year are then
    added to the groups, not to every row."""
    found = grouped_by_lookup(ctx)
    grouped, classes = found if found is not None else _grouped_by_joins(ctx, CELL_MEASURES)
    grouped = (
        with_first_attendance(grouped)
        .lazy()
        .join(ctx.members.lazy(), on="member", how="left")
        .join(classes.lazy(), on="klass", how="left")
        .select(
            "person",
            "member",
            "member_type",
            "country",
            "year",
            "group",
            *CLASS_COLUMNS,
            "n",
            "n_remote",
            "n_fellowship",
            "first",
            "first_retained",
        )
        .collect()
    )
    grouped = ctx.with_person(grouped)
    return grouped.with_columns(
        ctx.record_key_columns(
            grouped,
            {
                "pk": (["person"], PERSON),
                "mk": (["member"], MEMBER),
                "fk": (["person", "member", "year", "group"], ROW),
            },
        )
    )


def _grouped_by_joins(
    ctx: Context, measures: tuple[pl.Expr, ...]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """:func:`.lookup_cells.grouped_by_lookup` by joining every row to its meeting, member and
    classes (any ids, unknown ones and nulls included)."""
    rows = ctx.tables.attendance.rename(
        {"meeting_id": "meeting", "person_id": "person", "member_id": "member"}
    ).join(ctx.meetings, on="meeting", how="left")
    rows, classes = ctx.with_class_code(rows)
    cell = ["person", "member", "year", "group", "klass"]
    packing = Packing.of(rows, cell)
    if packing is None:
        return rows.group_by(cell).agg(measures), classes
    grouped = (
        rows.lazy()
        .group_by(packing.key().alias("_cell"))
        .agg(measures)
        .with_columns(packing.unpacked("_cell", rows.schema))
        .drop("_cell")
        .collect()
    )
    return grouped, classes


def build_contributions(ctx: Context) -> pl.DataFrame:
    """One row per (contribution, source member) with the source's weight and classes."""
    tables, meetings = ctx.tables, ctx.meetings
    sources = (
        tables.sources.rename({"contribution_id": "contribution", "member_id": "member"})
        .join(
            tables.contributions.rename({"id": "contribution", "meeting_id": "meeting"}),
            on="contribution",
        )
        .join(meetings, on="meeting", how="left")
        .with_columns(
            (1.0 / pl.len().over("contribution")).alias("weight"),
            pl.col("level").is_in(DRAFTING_LEVELS).alias("drafting"),
        )
    )
    sources = ctx.with_classes(sources)
    # The developing share of one contribution: its developing sources over all its sources
    # (all of them, whichever cell each falls in), the term INDICATORS.md sums per contribution.
    sources = sources.with_columns(
        (pl.col("dev").cast(pl.Float64).sum().over("contribution") * pl.col("weight")).alias(
            "dev_fraction"
        )
    )
    return sources.select(
        "contribution",
        "dev_fraction",
        "member_type",
        "country",
        "year",
        "group",
        *CLASS_COLUMNS,
        "weight",
        "drafting",
    )


def build_roles(ctx: Context) -> pl.DataFrame:
    """One row per role in a group and year it is active, with whether it is held on that year's
    reference date (started on or before it, not ended by it) and whether it is a chair or
    vice-chair (``leader``)."""
    tables = ctx.tables
    group_code = ctx.group_codes()
    meeting_years = tables.meetings.select(pl.col("start").dt.year().max()).item()
    start_years = tables.roles.select(pl.col("start").dt.year().max()).item()
    horizon = max((y for y in (meeting_years, start_years) if y is not None), default=0)
    names = {name: code for code, name in enumerate(ROLES)}
    roles = (
        tables.roles.rename({"id": "role_id", "person_id": "person", "member_id": "member"})
        .with_columns(pl.col("role").replace_strict(names, return_dtype=pl.UInt8))
        .join(group_code, on="group_id", how="left")
        .with_columns(pl.col("start").alias("date"))
    )
    roles = ctx.with_classes(roles)
    roles = roles.with_columns(
        pl.int_ranges(
            pl.col("start").dt.year(),
            pl.col("end").dt.year().fill_null(horizon) + 1,
            dtype=pl.Int16,
        ).alias("year")
    ).explode("year")
    roles = roles.filter(pl.col("year").is_not_null())
    month, day = ctx.options.month_day
    if (month, day) == (2, 29):  # the last day of February, whatever the year
        reference = pl.date(pl.col("year"), 3, 1) - pl.duration(days=1)
    else:
        reference = pl.date(pl.col("year"), month, day)
    roles = ctx.with_person(roles).with_columns(
        (
            (pl.col("start") <= reference) & (pl.col("end").is_null() | (pl.col("end") > reference))
        ).alias("held")
    )
    leaders = [names[name] for name in LEADERSHIP_ROLES]
    roles = roles.with_columns(
        ctx.record_key(roles, ["role_id"], ROLE).alias("rk"),
        pl.col("role").is_in(leaders).alias("leader"),
    )
    return roles.select(
        "role_id",
        "role",
        "member_type",
        "country",
        "year",
        "group",
        *CLASS_COLUMNS,
        "gender",
        "held",
        "leader",
        "rk",
    )


#: The columns of the packed (cell, person) and cell keys of :func:`_by_person_then_cell`.
_PERSON_CELL, _CELL = "_person_cell", "_cell"
#: A person's flags in a cell, as bits of one integer (any of the person's rows sets them).
_FLAGS = {"x_dev": "dev", "x_young": "young", "x_first": "first", "x_retained": "first_retained"}
_BORN_BIT = 1 << len(_FLAGS)


def _flags() -> pl.Expr:
    """A row's flags of :data:`_FLAGS` and whether the person's birth year is known, as bits."""
    return pl.sum_horizontal(
        *(pl.col(column).cast(pl.UInt8) * (1 << bit) for bit, column in enumerate(_FLAGS.values())),
        pl.col("born").cast(pl.UInt8) * _BORN_BIT,
    ).cast(pl.UInt8)


def _flag_columns(column: str) -> list[pl.Expr]:
    """The flags of ``column`` (made by :func:`_flags`, or'ed over a person's rows) apart."""
    return [((pl.col(column) & (1 << bit)) != 0).alias(name) for bit, name in enumerate(_FLAGS)] + [
        ((pl.col(column) & _BORN_BIT) != 0).alias("x_born")
    ]


def _by_person_then_cell(
    rows: pl.LazyFrame,
    keys: list[str],
    per_person: list[pl.Expr],
    per_cell: list[pl.Expr],
    then: list[pl.Expr] | None = None,
    members: list[pl.Expr] | None = None,
    member_rows: pl.Expr | None = None,
) -> pl.DataFrame:
    """``rows`` grouped by ``keys`` and person (``per_person``, then the columns ``then``), and
    those groups by ``keys`` (``per_cell``); with ``members``, the rows ``member_rows`` keeps
    grouped by ``keys`` too and joined (none: 0). Grouped on one packed integer of the keys and
    the person where they pack (a few times quicker than on the columns), else on the columns."""
    packing = Packing.of_lazy(rows, [*keys, "person"])
    if packing is None:
        cells: str | list[str] = keys
        persons = rows.group_by([*keys, "person"]).agg(per_person).with_columns(then or [])
        found = persons.group_by(keys).agg(per_cell)
    else:
        cells = _CELL
        persons = rows.group_by(packing.key().alias(_PERSON_CELL)).agg(per_person)
        cell = (pl.col(_PERSON_CELL) // (1 << packing.widths[-1])).alias(_CELL)
        found = persons.with_columns(*(then or []), cell).group_by(_CELL).agg(per_cell)
    if members is not None and member_rows is not None:
        chosen = rows.filter(member_rows)
        if packing is not None:
            chosen = chosen.with_columns(packing.without_last().key().alias(_CELL))
        counted = chosen.group_by(cells).agg(members)
        names = [expression.meta.output_name() for expression in members]
        found = found.join(counted, on=cells, how="left", nulls_equal=True)
        found = found.with_columns(pl.col(names).fill_null(0))
    if packing is not None:
        schema = rows.collect_schema()
        found = found.with_columns(packing.without_last().unpacked(_CELL, schema)).drop(_CELL)
    collected = found.collect()
    return collected.select(*keys, *(c for c in collected.columns if c not in keys))


def aggregate_attendance(rows: pl.LazyFrame, keys: list[str], codes: Codes) -> pl.DataFrame:
    sector = codes.member_types.index("sector_member")
    return _by_person_then_cell(
        rows,
        keys,
        per_person=[
            pl.col("n").sum().alias("a"),
            _when(pl.col("dev"), pl.col("n")).sum().alias("a_dev"),
            pl.col("n_remote").sum().alias("a_remote"),
            pl.col("n_fellowship").sum().alias("a_fellowship"),
            _flags().bitwise_or().alias("x"),
            pl.col("gender").first().alias("x_gender"),
            pl.col("pk").first(),
            pl.col("fk").sum().alias("fk_a"),
            _when(pl.col("dev"), pl.col("fk")).sum().alias("fk_a_dev"),
            _when(pl.col("n_remote") > 0, pl.col("fk")).sum().alias("fk_a_remote"),
            _when(pl.col("n_fellowship") > 0, pl.col("fk")).sum().alias("fk_a_fellowship"),
        ],
        then=_flag_columns("x"),
        per_cell=[
            pl.len().alias("p"),
            pl.col("a").sum(),
            pl.col("a_dev").sum(),
            pl.col("a_remote").sum(),
            pl.col("a_fellowship").sum(),
            pl.col("x_dev").sum().alias("p_dev"),
            (pl.col("x_gender") == GENDER_CODES["F"]).sum().alias("p_f"),
            (pl.col("x_gender") != UNKNOWN_GENDER).sum().alias("p_gender"),
            (pl.col("x_gender") == UNKNOWN_GENDER).sum().alias("p_no_gender"),
            pl.col("x_young").sum().alias("p_young"),
            pl.col("x_born").sum().alias("p_born"),
            (~pl.col("x_born")).sum().alias("p_no_birth_year"),
            pl.col("x_first").sum().alias("p_first"),
            pl.col("x_retained").sum().alias("p_retained"),
            *_person_keys(),
            *(pl.col(f"fk_{name}").sum().alias(f"{name}#k") for name in _ROW_COUNTS),
        ],
        members=[
            pl.col("member").n_unique().alias("m_dev_sector"),
            pl.col("mk").unique().sum().alias("m_dev_sector#k"),
        ],
        member_rows=pl.col("dev") & (pl.col("member_type") == sector),
    )


def aggregate_attendance_totals(rows: pl.LazyFrame, keys: list[str], codes: Codes) -> pl.DataFrame:
    """The counts a share of the total divides by (``a``, ``p``, ``a_fellowship`` and their key
    sums), as :func:`aggregate_attendance` gives them, without its other measures."""
    return _by_person_then_cell(
        rows,
        keys,
        per_person=[
            pl.col("n").sum().alias("a"),
            pl.col("n_fellowship").sum().alias("a_fellowship"),
            pl.col("pk").first(),
            pl.col("fk").sum().alias("fk_a"),
            _when(pl.col("n_fellowship") > 0, pl.col("fk")).sum().alias("fk_a_fellowship"),
        ],
        per_cell=[
            pl.len().alias("p"),
            pl.col("a").sum(),
            pl.col("a_fellowship").sum(),
            pl.col("pk").sum().alias("p#k"),
            pl.col("fk_a").sum().alias("a#k"),
            pl.col("fk_a_fellowship").sum().alias("a_fellowship#k"),
        ],
    )


def aggregate_contributions(rows: pl.LazyFrame, keys: list[str], codes: Codes) -> pl.DataFrame:
    weight = pl.col("weight")
    by_weight = rows.group_by(keys).agg(
        pl.col("contribution").n_unique().alias("c"),
        weight.sum().round(WEIGHT_DIGITS).alias("w"),
        weight.filter("drafting").sum().round(WEIGHT_DIGITS).alias("w_drafting"),
    )
    # Σ over the cell's contributions of their developing share: once per contribution, however
    # many of its sources fall in the cell.
    by_contribution = (
        rows.group_by([*keys, "contribution"])
        .agg(pl.col("dev_fraction").first())
        .group_by(keys)
        .agg(pl.col("dev_fraction").sum().round(WEIGHT_DIGITS).alias("c_dev"))
    )
    return by_weight.join(by_contribution, on=keys, how="left", nulls_equal=True).collect()


def aggregate_contributions_totals(
    rows: pl.LazyFrame, keys: list[str], codes: Codes
) -> pl.DataFrame:
    """The count a share of all contributions divides by (``c``), as
    :func:`aggregate_contributions` gives it."""
    return rows.group_by(keys).agg(pl.col("contribution").n_unique().alias("c")).collect()


def aggregate_roles(rows: pl.LazyFrame, keys: list[str], codes: Codes) -> pl.DataFrame:
    role, key = pl.col("role_id"), pl.col("rk")
    woman = pl.col("gender") == GENDER_CODES["F"]
    known = pl.col("gender") != UNKNOWN_GENDER
    leader, held = pl.col("leader"), pl.col("held")
    measures: list[pl.Expr] = []
    for prefix, scope in (("r", leader), ("h", leader & held), ("o", held)):
        for suffix, condition in (("", scope), ("_dev", scope & pl.col("dev"))):
            measures.append(role.filter(condition).n_unique().alias(prefix + suffix))
        for suffix, condition in (("_f", scope & woman), ("_gender", scope & known)):
            measures.append(role.filter(condition).n_unique().alias(prefix + suffix))
            measures.append(key.filter(condition).unique().sum().alias(f"{prefix}{suffix}#k"))
        measures.append(key.filter(scope).unique().sum().alias(f"{prefix}#k"))
        measures.append(key.filter(scope & pl.col("dev")).unique().sum().alias(f"{prefix}_dev#k"))
    return rows.group_by(keys).agg(measures).collect()


ATTENDANCE = FactSource(
    "attendance",
    build_attendance,
    aggregate_attendance,
    {
        "participants": ("p",),
        "attendances": ("a",),
        "developing_participant_share": ("p_dev", "p"),
        "developing_attendance_share": ("a_dev", "a"),
        "developing_sector_members": ("m_dev_sector",),
        "remote_share": ("a_remote", "a"),
        "fellowship_attendances": ("a_fellowship",),
        "women_share": ("p_f", "p_gender"),
        "young_share": ("p_young", "p_born"),
        "newcomer_share": ("p_first", "p"),
        "retention_rate": ("p_retained", "p_first"),
        "gender_unknown_share": ("p_no_gender", "p"),
        "birth_year_unknown_share": ("p_no_birth_year", "p"),
        "attendances_share_of_total": ("a", "a" + TOTAL),
        "participants_share_of_total": ("p", "p" + TOTAL),
        "fellowship_attendances_share_of_total": ("a_fellowship", "a_fellowship" + TOTAL),
    },
    aggregate_totals=aggregate_attendance_totals,
)
CONTRIBUTIONS = FactSource(
    "contributions",
    build_contributions,
    aggregate_contributions,
    {
        "contributions": ("c",),
        "developing_contribution_share": ("c_dev", "c"),
        "drafting_stage_share": ("w_drafting", "w"),
        "contributions_share_of_total": ("c", "c" + TOTAL),
    },
    aggregate_totals=aggregate_contributions_totals,
)
LEADERSHIP = FactSource(
    "roles",
    build_roles,
    aggregate_roles,
    {
        "leadership_positions": ("r",),
        "developing_leadership_share": ("r_dev", "r"),
        "women_leadership_share": ("r_f", "r_gender"),
        "leadership_held": ("h",),
        "developing_leadership_held_share": ("h_dev", "h"),
        "women_leadership_held_share": ("h_f", "h_gender"),
        "leadership_held_share_of_total": ("h", "h" + TOTAL),
        "roles_held": ("o",),
        "developing_roles_held_share": ("o_dev", "o"),
        "women_roles_held_share": ("o_f", "o_gender"),
    },
)
BUILTIN: tuple[FactSource, ...] = (ATTENDANCE, CONTRIBUTIONS, LEADERSHIP)
