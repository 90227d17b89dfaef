"""Back-to-back planning: proposals adjacent to the regional-group meetings of the region,
ranked (larger anchors first, conflicts last), each conflict named (another meeting in the same
city or of the region, a public holiday given as data, a weekend); holidays' bad lines named;
on the demo data, a proposal adjacent to a regional-group meeting of the region."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from factories import ACTOR
from stdgap.bootstrap import open_store
from stdgap.events import queries
from stdgap.events.errors import EventError
from stdgap.events.holidays import Holiday, parse_holidays, read_holidays
from stdgap.events.planner import plan
from stdgap.events.queries import HeldMeeting, group_region
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stores import Templates
from web_testing import build_web_store


def held(
    meeting_id: str,
    start: date,
    end: date,
    city: str,
    group: str = "SG3RG-AFR",
    kind: str = "regional_group",
    region: str = "Africa",
    size: int = 0,
    country: str = "KEN",
) -> HeldMeeting:
    return HeldMeeting(meeting_id, group, kind, start, end, city, country, region, size)


# Both anchors from a Tuesday to a Thursday: the two days before are a Sunday and a Monday,
# the two days after a Friday and a Saturday.
BIG = held("RG-BIG", date(2027, 3, 2), date(2027, 3, 4), "Nairobi", size=80)
SMALL = held(
    "RG-SMALL", date(2027, 6, 8), date(2027, 6, 10), "Dakar", "SG5RG-AFR", size=20, country="SEN"
)


def test_ranking_prefers_larger_anchors_and_fewer_conflicts() -> None:
    proposals = plan([BIG, SMALL], "Africa", date(2027, 1, 1), date(2027, 12, 31), 1)
    # one day: before (Monday) and after (Friday) are weekdays; BIG gives 20 points, SMALL 5
    assert [(p.anchor, p.side) for p in proposals] == [
        ("RG-BIG", "before"),
        ("RG-BIG", "after"),
        ("RG-SMALL", "before"),
        ("RG-SMALL", "after"),
    ]
    assert [p.score for p in proposals] == [20, 20, 5, 5]
    assert proposals[0].start == date(2027, 3, 1) and proposals[0].city == "Nairobi"
    assert all(not p.conflicts for p in proposals)


def test_each_conflict_is_named_and_lowers_the_rank() -> None:
    same_city = held(
        "SG12-NBO", date(2027, 3, 5), date(2027, 3, 5), "Nairobi", "SG12", "plenary", "Africa"
    )
    same_region = held("WS-ACC", date(2027, 6, 6), date(2027, 6, 7), "Accra", "TSB", "workshop")
    elsewhere = held(
        "SG5-GVA", date(2027, 3, 1), date(2027, 3, 1), "Geneva", "SG5", "plenary", "Europe"
    )
    holidays = [Holiday("KEN", date(2027, 3, 1), "Founders' day")]
    proposals = plan(
        [BIG, SMALL, same_city, same_region, elsewhere],
        "Africa",
        date(2027, 1, 1),
        date(2027, 12, 31),
        2,
        holidays,
    )
    by = {(p.anchor, p.side): p for p in proposals}
    before_big = by[("RG-BIG", "before")]  # Sun 28 Feb, Mon 1 Mar: weekend and holiday
    assert [(c.kind, c.what) for c in before_big.conflicts] == [
        ("holiday", "Founders' day (KEN)"),
        ("weekend", "Sunday"),
    ]
    after_big = by[("RG-BIG", "after")]  # Fri 5, Sat 6 Mar: SG12 in Nairobi, a Saturday
    assert [c.kind for c in after_big.conflicts] == ["meeting", "weekend"]
    assert "SG12-NBO" in after_big.conflicts[0].what and "same city" in after_big.conflicts[0].what
    before_small = by[("RG-SMALL", "before")]  # Sun 6, Mon 7 Jun: a workshop in the region
    assert [c.kind for c in before_small.conflicts] == ["meeting", "weekend"]
    assert "same region" in before_small.conflicts[0].what
    assert [p.score for p in proposals] == sorted((p.score for p in proposals), reverse=True)
    assert (proposals[0].anchor, proposals[0].side) == ("RG-SMALL", "after")  # one weekend day
    assert before_big.score == 20 - 20 - 10 and after_big.score == 20 - 30 - 10


def test_other_regions_and_dates_outside_the_window_are_not_proposed() -> None:
    europe = held(
        "RG-EUR", date(2027, 3, 2), date(2027, 3, 4), "Lisbon", "SG3RG-EUR", region="Europe"
    )
    assert plan([europe], "Africa", date(2027, 1, 1), date(2027, 12, 31), 2) == []
    inside = plan([BIG], "Africa", date(2027, 3, 1), date(2027, 3, 6), 2)
    assert [(p.side, p.start) for p in inside] == [("after", date(2027, 3, 5))]
    assert group_region("SG3RG-AFR") == "Africa" and group_region("SG5") is None


def test_holidays_errors_name_file_line_column_and_value(tmp_path: Path) -> None:
    good = parse_holidays("country,date,name\nKEN,2027-03-01,Founders' day\n", countries={"KEN"})
    assert good == [Holiday("KEN", date(2027, 3, 1), "Founders' day")]
    path = tmp_path / "holidays.csv"
    path.write_text("country,date,name\nKEN,2027-03-01,A\nKEN,2027-02-30,B\n")
    with pytest.raises(EventError, match=r"holidays.csv, line 3, column date: '2027-02-30'"):
        read_holidays(path)
    with pytest.raises(EventError, match=r"line 2, column country: 'XXX'"):
        parse_holidays("country,date,name\nXXX,2027-01-01,A\n", countries={"KEN"})
    with pytest.raises(EventError, match=r"line 1, column header"):
        parse_holidays("pays,jour\n")


def test_on_data_the_planner_finds_a_regional_group_meeting_of_the_region(world: Engine) -> None:
    rows = [
        {
            "meeting_id": "SG3RG-AFR-27",
            "group": "SG3RG-AFR",
            "start": "2027-04-13",
            "end": "2027-04-15",
            "kind": "regional_group",
            "city": "Abuja",
            "host_country": "NGA",
        },
    ]
    header = list(rows[0])
    run_import.perform(world, ACTOR, [Source.from_rows("t:meetings", "meetings", header, rows)])
    meetings = queries.meetings_between(world, date(2027, 1, 1), date(2027, 12, 31))
    anchor = next(m for m in meetings if m.meeting_id == "SG3RG-AFR-27")
    assert anchor.region == "Africa"
    proposals = plan(meetings, "Africa", date(2027, 1, 1), date(2027, 12, 31), 2)
    assert {(p.anchor, p.side, p.start) for p in proposals} == {
        ("SG3RG-AFR-27", "before", date(2027, 4, 11)),
        ("SG3RG-AFR-27", "after", date(2027, 4, 16)),
    }


@pytest.fixture
def demo(backend: str, templates: Templates, tmp_path: Path) -> Iterator[Engine]:
    url = templates.copy(backend, "web", build_web_store, tmp_path)
    engine = open_store(url)
    yield engine
    engine.dispose()
    templates.drop(url)


def test_on_the_demo_data_a_date_adjacent_to_an_african_regional_group_meeting(
    demo: Engine,
) -> None:
    meetings = queries.meetings_between(demo, date(2000, 1, 1), date(2100, 12, 31))
    anchors = [m for m in meetings if m.kind == "regional_group" and m.region == "Africa"]
    assert anchors, "the demo data hold regional-group meetings in Africa"
    year = anchors[-1].start.year
    proposals = plan(meetings, "Africa", date(year, 1, 1), date(year, 12, 31), 2)
    assert proposals
    best = proposals[0]
    anchor = next(m for m in anchors if m.meeting_id == best.anchor)
    assert anchor.group.endswith("RG-AFR") and best.city == anchor.city
    assert best.end == anchor.start - timedelta(days=1) or best.start == anchor.end + timedelta(
        days=1
    )
