"""The demo generator: deterministic, referentially whole, and shaped like ITU-T."""

from __future__ import annotations

import csv
import importlib.resources
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

import pytest

from stdgap.demo.calibration import COUNTRIES, COUNTRY_BY_CODE, REGIONAL_GROUPS
from stdgap.demo.generator import DemoData, generate

COLUMNS = {
    "members": [
        "member_id",
        "name",
        "type",
        "country",
        "sme",
        "parent_member_id",
        "joined",
        "left",
    ],
    "people": ["person_id", "gender", "birth_year", "country", "member_id"],
    "meetings": ["meeting_id", "group", "start", "end", "kind", "city", "host_country", "format"],
    "attendance": ["meeting_id", "person_id", "member_id", "mode", "fellowship", "interpretation"],
    "contributions": ["doc_id", "meeting_id", "sources", "level", "submitted", "title"],
    "roles": ["person_id", "member_id", "group", "role", "start", "end", "responsibility"],
}
Rows = dict[str, list[dict[str, str]]]


def materialise(data: DemoData) -> Rows:
    return {kind: list(getattr(data, kind)) for kind in COLUMNS}


@pytest.fixture(scope="module")
def small() -> Rows:
    return materialise(generate("small", seed=7))


def developing(rows: Rows) -> tuple[dict[str, str], dict[str, date]]:
    country = {m["member_id"]: m["country"] for m in rows["members"]}
    start = {m["meeting_id"]: date.fromisoformat(m["start"]) for m in rows["meetings"]}
    return country, start


def test_same_seed_same_rows_and_iterables_restart(small: Rows) -> None:
    again = generate("small", seed=7)
    assert materialise(again) == small
    assert list(again.attendance) == small["attendance"]  # a second pass over the same object
    assert materialise(generate("small", seed=8))["attendance"] != small["attendance"]


def test_columns_and_cell_values(small: Rows) -> None:
    for kind, columns in COLUMNS.items():
        assert small[kind], kind
        for row in small[kind]:
            assert list(row) == columns, kind
            assert all(isinstance(value, str) for value in row.values())
    assert {m["type"] for m in small["members"]} == {
        "member_state", "sector_member", "associate", "academia"
    }  # fmt: skip
    assert {a["mode"] for a in small["attendance"]} <= {"in_person", "remote"}
    assert {a["fellowship"] for a in small["attendance"]} == {"true", "false"}
    assert {a["interpretation"] for a in small["attendance"]} <= {"", "ar", "es", "fr", "ru", "zh"}
    assert {p["gender"] for p in small["people"]} <= {"F", "M", "X", ""}
    assert {m["format"] for m in small["meetings"]} <= {"in_person", "virtual", "hybrid"}
    for meeting in small["meetings"]:
        assert meeting["start"] <= meeting["end"]


def test_country_codes_are_real_itu_member_states(small: Rows) -> None:
    assert len(COUNTRIES) == 194
    shipped = importlib.resources.files("stdgap.reference") / "data" / "countries.csv"
    if not shipped.is_file():
        pytest.skip("reference data not shipped yet")
    with shipped.open(encoding="utf-8") as handle:
        members = {r["alpha3"] for r in csv.DictReader(handle) if r["itu_member"] == "true"}
    assert {c.alpha3 for c in COUNTRIES} == members
    used = {m["country"] for m in small["members"]} | {p["country"] for p in small["people"]}
    assert used <= members


def test_keys_unique_and_references_exist(small: Rows) -> None:
    keys = {
        "members": "member_id",
        "people": "person_id",
        "meetings": "meeting_id",
        "contributions": "doc_id",
    }
    for kind, key in keys.items():
        values = [row[key] for row in small[kind]]
        assert len(values) == len(set(values)), kind
    members = {m["member_id"] for m in small["members"]}
    people = {p["person_id"] for p in small["people"]}
    meetings = {m["meeting_id"] for m in small["meetings"]}
    grouped = {m["group"] for m in small["meetings"]}
    assert all(m["parent_member_id"] in members for m in small["members"] if m["parent_member_id"])
    assert all(p["member_id"] in members for p in small["people"])
    triples = [(a["meeting_id"], a["person_id"], a["member_id"]) for a in small["attendance"]]
    assert len(triples) == len(set(triples))
    for meeting, person, member in triples:
        assert meeting in meetings and person in people and member in members
    for c in small["contributions"]:
        sources = c["sources"].split(";")
        assert c["meeting_id"] in meetings
        assert 1 <= len(sources) <= 4 and len(set(sources)) == len(sources)
        assert set(sources) <= members
    for r in small["roles"]:
        assert r["person_id"] in people and r["member_id"] in members and r["group"] in grouped
        assert not r["end"] or r["start"] <= r["end"]


def test_contributions_are_due_twelve_days_ahead(small: Rows) -> None:
    _, start = developing(small)
    for c in small["contributions"]:
        assert (start[c["meeting_id"]] - date.fromisoformat(c["submitted"])).days >= 12


def test_women_share(small: Rows) -> None:
    gender = {p["person_id"]: p["gender"] for p in small["people"]}
    attending = {a["person_id"] for a in small["attendance"]}
    known = [gender[p] for p in attending if gender[p]]
    assert 0.2 <= known.count("F") / len(known) <= 0.4


def test_developing_countries_attend_more_than_they_write(small: Rows) -> None:
    country, start = developing(small)

    def dev(member: str, meeting: str) -> bool:
        return COUNTRY_BY_CODE[country[member]].developing(start[meeting])

    attendances = [dev(a["member_id"], a["meeting_id"]) for a in small["attendance"]]
    weight = 0.0
    for c in small["contributions"]:
        sources = c["sources"].split(";")
        weight += sum(dev(s, c["meeting_id"]) for s in sources) / len(sources)
    attendance_share = sum(attendances) / len(attendances)
    assert 0.3 < attendance_share < 0.7
    assert weight / len(small["contributions"]) < attendance_share


def test_expected_attendance_rows(small: Rows) -> None:
    assert generate("small", seed=7).expected_attendance_rows == len(small["attendance"])


@dataclass
class Summary:
    rows: int = 0
    participants: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    attendances: Counter[int] = field(default_factory=Counter)
    remote: Counter[int] = field(default_factory=Counter)
    fellowships: int = 0
    to_ldc: int = 0


@pytest.fixture(scope="module")
def itu() -> tuple[DemoData, Summary]:
    data = generate("itu")
    country = {m["member_id"]: m["country"] for m in data.members}
    start = {m["meeting_id"]: date.fromisoformat(m["start"]) for m in data.meetings}
    out = Summary()
    for a in data.attendance:
        day = start[a["meeting_id"]]
        out.rows += 1
        out.participants[day.year].add(a["person_id"])
        out.attendances[day.year] += 1
        out.remote[day.year] += a["mode"] == "remote"
        if a["fellowship"] == "true":
            out.fellowships += 1
            out.to_ldc += COUNTRY_BY_CODE[country[a["member_id"]]].ldc(day)
    return data, out


def test_itu_participants_per_year(itu: tuple[DemoData, Summary]) -> None:
    data, summary = itu
    assert summary.rows == data.expected_attendance_rows
    assert 150_000 <= summary.rows <= 300_000
    assert sorted(summary.participants) == list(range(2017, 2027))
    for year, persons in summary.participants.items():
        assert 1_500 <= len(persons) <= 6_000, year


def test_itu_remote_rises_after_2020(itu: tuple[DemoData, Summary]) -> None:
    """Remote participation was offered before 2020 and a minority used it (e-meetings of
    rapporteurs above all); 2021 was virtual; hybrid meetings since."""
    _, s = itu
    share = {year: s.remote[year] / s.attendances[year] for year in s.attendances}
    assert all(0.05 <= share[year] <= 0.25 for year in (2017, 2018, 2019)), share
    assert share[2017] < share[2019] < share[2020] and share[2021] > 0.9
    assert all(0.25 <= share[year] <= 0.55 for year in range(2022, 2027))


def test_itu_first_timers_rarely_return(itu: tuple[DemoData, Summary]) -> None:
    _, s = itu
    first: dict[str, int] = {}
    for year in sorted(s.participants):
        for person in s.participants[year]:
            first.setdefault(person, year)
    for year in range(2018, 2026):  # 2017 is everyone's first year in the data
        cohort = [p for p in s.participants[year] if first[p] == year]
        back = sum(p in s.participants[year + 1] for p in cohort)
        assert 0.2 <= back / len(cohort) <= 0.4, year


def test_itu_fellowships_mostly_to_ldcs(itu: tuple[DemoData, Summary]) -> None:
    _, s = itu
    assert s.fellowships > 1000
    assert s.to_ldc / s.fellowships > 0.6


def test_itu_leadership_shares(itu: tuple[DemoData, Summary]) -> None:
    data, _ = itu
    country = {m["member_id"]: m["country"] for m in data.members}
    posts: dict[str, list[bool]] = defaultdict(list)
    for r in data.roles:
        if r["role"] in ("chair", "vice_chair") and r["start"] < "2017-12-31" <= (r["end"] or "9"):
            day = date.fromisoformat(r["start"])
            posts[r["role"]].append(COUNTRY_BY_CODE[country[r["member_id"]]].developing(day))
    assert 0.3 <= sum(posts["chair"]) / len(posts["chair"]) <= 0.45
    assert 0.58 <= sum(posts["vice_chair"]) / len(posts["vice_chair"]) <= 0.72
    regional = {m["group"] for m in data.meetings if "RG-" in m["group"]}
    assert regional == set(REGIONAL_GROUPS) and len(regional) == 23


@pytest.mark.slow
def test_large_streams_exactly_ten_million() -> None:
    data = generate("large")
    assert data.expected_attendance_rows == 10_000_000
    people = sum(1 for _ in data.people)
    first = list(islice(data.attendance, 200_000))
    assert first == list(islice(data.attendance, 200_000))
    assert all(int(a["person_id"][1:]) <= people for a in first)
