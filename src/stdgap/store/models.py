"""SQLAlchemy models of the store.

Source ids (``member_id``, ``person_id`` …) are kept as given by users' files; integer surrogate
keys (``id``) link the tables so that large tables stay compact and joins stay fast.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Country(Base):
    __tablename__ = "countries"
    alpha3: Mapped[str] = mapped_column(String(3), primary_key=True)
    alpha2: Mapped[str] = mapped_column(String(2), unique=True)
    m49: Mapped[str] = mapped_column(String(3), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    un_name: Mapped[str | None] = mapped_column(String(200))
    m49_region: Mapped[str | None] = mapped_column(String(100))
    m49_subregion: Mapped[str | None] = mapped_column(String(100))
    itu_symbol: Mapped[str | None] = mapped_column(String(10))
    itu_member: Mapped[bool] = mapped_column(Boolean, default=False)


class CountryAlias(Base):
    __tablename__ = "country_aliases"
    alias_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    alias: Mapped[str] = mapped_column(String(200))
    alpha3: Mapped[str] = mapped_column(ForeignKey("countries.alpha3"))


class Classification(Base):
    """One dated value of one attribute of a country, valid on [valid_from, valid_to)."""

    __tablename__ = "classifications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    country: Mapped[str] = mapped_column(ForeignKey("countries.alpha3"), index=True)
    attribute: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(100))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(200))


class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[str] = mapped_column(String(300), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    type: Mapped[str] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(ForeignKey("countries.alpha3"))
    sme: Mapped[bool | None] = mapped_column(Boolean)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    joined: Mapped[date | None] = mapped_column(Date)
    left: Mapped[date | None] = mapped_column(Date)
    attributes: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Person(Base):
    __tablename__ = "people"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[str] = mapped_column(String(300), unique=True)
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    country: Mapped[str | None] = mapped_column(ForeignKey("countries.alpha3"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    attributes: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Group(Base):
    __tablename__ = "groups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id"))


class Meeting(Base):
    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[str] = mapped_column(String(300), unique=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(300))
    host_country: Mapped[str | None] = mapped_column(ForeignKey("countries.alpha3"))
    format: Mapped[str | None] = mapped_column(String(10))
    attributes: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Attendance(Base):
    """One person at one meeting for one member; keyed by the three (no surrogate id), and on
    SQLite a WITHOUT ROWID table: one B-tree, half the writing of a rowid table plus index."""

    __tablename__ = "attendance"
    __table_args__ = ({"sqlite_with_rowid": False},)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), primary_key=True)
    mode: Mapped[str] = mapped_column(String(10), default="in_person")
    fellowship: Mapped[bool] = mapped_column(Boolean, default=False)
    interpretation: Mapped[str | None] = mapped_column(String(300))


class Contribution(Base):
    __tablename__ = "contributions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(300), unique=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    level: Mapped[str] = mapped_column(String(20), default="plenary")
    submitted: Mapped[date | None] = mapped_column(Date)
    title: Mapped[str | None] = mapped_column(Text)
    attributes: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ContributionSource(Base):
    __tablename__ = "contribution_sources"
    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), primary_key=True)
    position: Mapped[int] = mapped_column(SmallInteger)


class Role(Base):
    __tablename__ = "roles"
    __table_args__ = (
        UniqueConstraint("person_id", "group_id", "role", "start", name="uq_roles_key"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"))
    role: Mapped[str] = mapped_column(String(30))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
    responsibility: Mapped[str | None] = mapped_column(String(1000))
    attributes: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class FactChange(Base):
    """A row of a table the indicators read was written: which table, and the key by which the
    indicator engine's cache finds what to recompute (:mod:`stdgap.store.changes`). Written by
    triggers; kept for the last writes only."""

    __tablename__ = "fact_changes"
    __table_args__ = ({"info": {"archived": False}},)
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    table_name: Mapped[str] = mapped_column(String(40))
    row_key: Mapped[int] = mapped_column(BigInteger)
    #: The rest of a key of several columns (an attendance row's person and member); without
    #: them an attendance change stands for every row of its meeting.
    key2: Mapped[int | None] = mapped_column(BigInteger)
    key3: Mapped[int | None] = mapped_column(BigInteger)


class FactWrite(Base):
    """One committed data write, in order: its data version, the last change it logged, and
    the tables it wrote (:mod:`stdgap.store.changes`)."""

    __tablename__ = "fact_writes"
    __table_args__ = ({"info": {"archived": False}},)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    version: Mapped[str] = mapped_column(String(32))
    last_change: Mapped[int] = mapped_column(BigInteger)
    tables: Mapped[str] = mapped_column(String(2000))


class Setting(Base):
    """Store-wide settings (e.g. whether economies in transition count as developing)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(500))


def table_of(model: type[Base]) -> Table:
    """The Core table of a model (typed for SQLAlchemy Core statements)."""
    return cast(Table, model.__table__)
