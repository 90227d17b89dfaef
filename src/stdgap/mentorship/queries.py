"""Reading the mentorship: profiles and pairs with filters, one pair with its sessions, what a
user takes part in, and the cycles.

Lists are records (dicts of plain values), the same for the command line's table, JSON and CSV
and for the pages and the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, func, literal, or_, select
from sqlalchemy.orm import aliased

from stdgap.accounts.models import User
from stdgap.mentorship.fields import ROLES, Role
from stdgap.mentorship.models import (
    CONFIRMED,
    Mentee,
    Mentor,
    MentorshipMatch,
    MentorshipSession,
)
from stdgap.mentorship.profiles import model_of
from stdgap.store.keys import storable

PROFILE_COLUMNS: dict[Role, tuple[str, ...]] = {
    "mentor": (
        "id", "cycle", "person", "user", "study_groups", "questions", "expertise", "languages",
        "region", "gender", "time_zone", "capacity", "available", "mentees",
    ),
    "mentee": (
        "id", "cycle", "person", "user", "study_groups", "questions", "expertise", "languages",
        "region", "gender", "time_zone", "birth_year", "prefer_same_region",
        "preferred_mentor_gender", "mentor", "status",
    ),
}  # fmt: skip
PAIR_COLUMNS = (
    "id", "cycle", "mentee", "mentor", "status", "pinned", "score", "matched_on",
    "confirmed_on", "sessions", "minutes", "outcome",
)  # fmt: skip


@dataclass(frozen=True)
class Filters:
    """What a list is narrowed to (None: anything)."""

    cycle: str | None = None
    study_group: str | None = None
    language: str | None = None
    region: str | None = None
    person: str | None = None  # part of the person's id or user name
    status: str | None = None  # pairs: proposed, confirmed; mentees: matched, unmatched
    available: bool | None = None


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _has_item(column: Any, item: str) -> ColumnElement[bool]:
    """``column`` (a ';'-separated list) holds ``item`` (case-insensitive)."""
    wrapped = func.lower(literal(";") + column + literal(";"))
    return wrapped.like(f"%;{_escaped(item.strip().lower())};%", escape="\\")


def _contains(column: Any, text: str) -> ColumnElement[bool]:
    return func.lower(column).like(f"%{_escaped(text.strip().lower())}%", escape="\\")


def _profile_filters(query: Any, model: Any, owner: Any, filters: Filters) -> Any:
    if filters.cycle:
        query = query.where(model.cycle == filters.cycle)
    if filters.study_group:
        query = query.where(_has_item(model.study_groups, filters.study_group))
    if filters.language:
        query = query.where(_has_item(model.languages, filters.language))
    if filters.region:
        query = query.where(model.region == filters.region)
    if filters.person:
        query = query.where(
            or_(_contains(model.person_ref, filters.person), _contains(owner.name, filters.person))
        )
    return query


def _record(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


def profiles(engine: Engine, role: Role, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """The mentors or mentees that match ``filters``, with their pairs."""
    model = model_of(role)
    owner = aliased(User)
    fields = [
        model.id,
        model.cycle,
        model.person_ref.label("person"),
        owner.name.label("user"),
        model.study_groups,
        model.questions,
        model.expertise,
        model.languages,
        model.region,
        model.gender,
        model.time_zone,
    ]
    if role == "mentor":
        mentees = (
            select(func.count())
            .where(MentorshipMatch.mentor_id == Mentor.id)
            .scalar_subquery()
            .label("mentees")
        )
        query = select(*fields, Mentor.capacity, Mentor.available, mentees)
        if filters.available is not None:
            query = query.where(Mentor.available.is_(filters.available))
    else:
        partner = aliased(Mentor)
        query = (
            select(
                *fields,
                Mentee.birth_year,
                Mentee.prefer_same_region,
                Mentee.preferred_mentor_gender,
                partner.person_ref.label("mentor"),
                MentorshipMatch.status,
            )
            .outerjoin(MentorshipMatch, MentorshipMatch.mentee_id == Mentee.id)
            .outerjoin(partner, partner.id == MentorshipMatch.mentor_id)
        )
        if filters.status == "matched":
            query = query.where(MentorshipMatch.id.is_not(None))
        elif filters.status == "unmatched":
            query = query.where(MentorshipMatch.id.is_(None))
    query = query.outerjoin(owner, owner.id == model.user_id)
    query = _profile_filters(query, model, owner, filters).order_by(model.cycle, model.person_ref)
    with engine.connect() as connection:
        return [_record(row, PROFILE_COLUMNS[role]) for row in connection.execute(query)]


def profile(engine: Engine, role: Role, profile_id: int) -> dict[str, Any] | None:
    """One profile with its owner's id (None when there is no such profile)."""
    if not storable(profile_id):
        return None
    model = model_of(role)
    owner = aliased(User)
    query = (
        select(*model.__table__.columns, owner.name.label("user"))
        .outerjoin(owner, owner.id == model.user_id)
        .where(model.id == profile_id)
    )
    with engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        return None
    record = dict(row._mapping)
    record["person"] = record.pop("person_ref")
    record["role"] = role
    return record


def _pairs_query() -> tuple[Select[Any], Any, Any]:
    mentor, mentee = aliased(Mentor), aliased(Mentee)
    sessions = (
        select(
            MentorshipSession.match_id,
            func.count().label("n"),
            func.sum(MentorshipSession.minutes).label("total"),
        )
        .group_by(MentorshipSession.match_id)
        .subquery()
    )
    query = (
        select(
            MentorshipMatch.id,
            MentorshipMatch.cycle,
            mentee.person_ref.label("mentee"),
            mentor.person_ref.label("mentor"),
            MentorshipMatch.status,
            MentorshipMatch.pinned,
            MentorshipMatch.score,
            MentorshipMatch.components,
            MentorshipMatch.matched_on,
            MentorshipMatch.confirmed_on,
            func.coalesce(sessions.c.n, 0).label("sessions"),
            func.coalesce(sessions.c.total, 0).label("minutes"),
            MentorshipMatch.outcome,
            mentor.id.label("mentor_id"),
            mentee.id.label("mentee_id"),
            mentor.user_id.label("mentor_user"),
            mentee.user_id.label("mentee_user"),
        )
        .join(mentor, mentor.id == MentorshipMatch.mentor_id)
        .join(mentee, mentee.id == MentorshipMatch.mentee_id)
        .outerjoin(sessions, sessions.c.match_id == MentorshipMatch.id)
    )
    return query, mentor, mentee


def pairs(
    engine: Engine, filters: Filters = Filters(), user_id: int | None = None
) -> list[dict[str, Any]]:
    """The pairs that match ``filters`` (only those of ``user_id`` when given: confirmed ones,
    as proposals are the officers' until they confirm them)."""
    query, mentor, mentee = _pairs_query()
    if filters.cycle:
        query = query.where(MentorshipMatch.cycle == filters.cycle)
    if filters.status:
        query = query.where(MentorshipMatch.status == filters.status)
    if filters.person:
        query = query.where(
            or_(
                _contains(mentor.person_ref, filters.person),
                _contains(mentee.person_ref, filters.person),
            )
        )
    if user_id is not None:
        query = query.where(
            or_(mentor.user_id == user_id, mentee.user_id == user_id),
            MentorshipMatch.status == CONFIRMED,
        )
    query = query.order_by(MentorshipMatch.cycle, mentee.person_ref)
    with engine.connect() as connection:
        return [
            {**_record(row, PAIR_COLUMNS), "components": dict(row.components)}
            for row in connection.execute(query)
        ]


def pair(engine: Engine, pair_id: int) -> dict[str, Any] | None:
    """One pair with its members' user ids and its sessions (None when there is none)."""
    if not storable(pair_id):
        return None
    query, _mentor, _mentee = _pairs_query()
    sessions = (
        select(
            MentorshipSession.id,
            MentorshipSession.held_on,
            MentorshipSession.minutes,
            MentorshipSession.topic.label("topics"),
            MentorshipSession.notes,
            MentorshipSession.logged_by,
        )
        .where(MentorshipSession.match_id == pair_id)
        .order_by(MentorshipSession.held_on, MentorshipSession.id)
    )
    with engine.connect() as connection:
        row = connection.execute(query.where(MentorshipMatch.id == pair_id)).first()
        if row is None:
            return None
        record = {
            **_record(row, (*PAIR_COLUMNS, "mentor_id", "mentee_id", "mentor_user", "mentee_user")),
            "components": dict(row.components),
        }
        record["session_list"] = [dict(s._mapping) for s in connection.execute(sessions)]
    return record


def mine(engine: Engine, user_id: int) -> dict[str, Any]:
    """The profiles and pairs of a user."""
    found: dict[str, Any] = {}
    for role in ROLES:
        model = model_of(role)
        query = select(model.id, model.cycle, model.person_ref).where(model.user_id == user_id)
        with engine.connect() as connection:
            found[f"{role}s"] = [
                {"id": pk, "cycle": cycle, "person": ref}
                for pk, cycle, ref in connection.execute(query.order_by(model.cycle))
            ]
    found["pairs"] = [
        {key: value for key, value in p.items() if key != "components"}
        for p in pairs(engine, user_id=user_id)
    ]
    return found


def cycles(engine: Engine) -> list[str]:
    """Every cycle that has a profile, the latest first."""
    query = select(Mentor.cycle).union(select(Mentee.cycle))
    with engine.connect() as connection:
        return sorted({row[0] for row in connection.execute(query)}, reverse=True)


def counts(engine: Engine) -> dict[str, int]:
    """How many mentors, mentees and pairs (proposed, confirmed) there are."""
    with engine.connect() as connection:
        found = {
            "mentors": connection.execute(select(func.count()).select_from(Mentor)).scalar_one(),
            "mentees": connection.execute(select(func.count()).select_from(Mentee)).scalar_one(),
        }
        statuses = select(MentorshipMatch.status, func.count()).group_by(MentorshipMatch.status)
        for status, count in connection.execute(statuses):
            found[status] = count
    return {key: int(value) for key, value in found.items()}
