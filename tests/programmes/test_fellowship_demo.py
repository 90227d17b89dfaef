"""No fellowship goes to a delegation of a developed country: not in the demo's generated
attendance, not in the fellowships its programmes allocate — checked in SQL against the dated
classification of the member's country at the meeting's date."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from stdgap.demo.load import load_demo
from stdgap.demo.programmes import generate_programmes
from stdgap.reference.classification import TRANSITION_SETTING, transition_counts
from stdgap.store.settings import set_setting

#: The value of a country's attribute on a meeting's date: of the rows valid then, the one that
#: started last (an open start first).
_VALUE = """
coalesce((SELECT c.value FROM classifications c
  WHERE c.country = {country} AND c.attribute = '{attribute}'
    AND (c.valid_from IS NULL OR c.valid_from <= {day})
    AND (c.valid_to IS NULL OR {day} < c.valid_to)
  ORDER BY CASE WHEN c.valid_from IS NULL THEN 0 ELSE 1 END DESC, c.valid_from DESC
  LIMIT 1), 'false') = 'true'
"""


def _developing(country: str, day: str) -> str:
    listed = _VALUE.format(country=country, day=day, attribute="developing")
    transition = _VALUE.format(country=country, day=day, attribute="transition")
    return f"(({listed}) OR (:transition AND ({transition})))"


DEVELOPED_FELLOWS = f"""
SELECT b.member_id, b.country, m.meeting_id FROM attendance a
JOIN meetings m ON m.id = a.meeting_id
JOIN members b ON b.id = a.member_id
WHERE a.fellowship = :yes AND NOT {_developing("b.country", "m.start")}
"""

DEVELOPED_GRANTS = f"""
SELECT f.application_id, b.country FROM fellowship_applications f
JOIN fellowship_calls k ON k.id = f.call_id
JOIN meetings m ON m.id = k.meeting_id
JOIN members b ON b.member_id = f.member_ref
WHERE f.decision IN ('full', 'partial') AND NOT {_developing("b.country", "m.start")}
"""


@pytest.mark.parametrize("transition", ["true", "false"])
def test_no_fellowship_goes_to_a_delegation_of_a_developed_country(
    engine: Engine, transition: str
) -> None:
    """Whether economies in transition count as developing or not (the store setting)."""
    set_setting.perform(engine, "test", TRANSITION_SETTING, transition)
    load_demo(engine, "small", 7)
    summary = generate_programmes(engine, 7)
    assert summary is not None and summary.fellowship_attendance > 0
    with engine.connect() as connection:
        params = {"yes": True, "transition": transition_counts(connection)}
        fellows = connection.execute(text(DEVELOPED_FELLOWS), params).all()
        grants = connection.execute(text(DEVELOPED_GRANTS), params).all()
        granted = connection.execute(
            text(
                "SELECT count(*) FROM fellowship_applications WHERE decision IN ('full', 'partial')"
            )
        ).scalar_one()
        refused = connection.execute(
            text(
                "SELECT count(*) FROM fellowship_applications f JOIN members b "
                "ON b.member_id = f.member_ref WHERE f.decision = 'ineligible'"
            )
        ).scalar_one()
    assert fellows == [] and grants == []
    assert granted > 0 and refused > 0  # the demo applies from developed delegations too
