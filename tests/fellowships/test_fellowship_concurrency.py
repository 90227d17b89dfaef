"""Two allocations at the same moment: data writes take turns, so what one reads (the
fellowships a person already holds this year) cannot change under it before it commits; the
yearly per-person cap holds, on SQLite and PostgreSQL; and parallel writes do not collide on
the data version."""

from __future__ import annotations

import threading
from collections import Counter

from fellowship_factories import make_application, make_call
from sqlalchemy import Engine

from factories import ACTOR, make_meeting
from stdgap.accounts.queries import audit_rows
from stdgap.fellowships.operations import allocate
from stdgap.fellowships.queries import decisions


def _race(*jobs: object) -> list[BaseException | None]:
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException | None] = [None] * len(jobs)

    def run(index: int, job: object) -> None:
        barrier.wait()
        try:
            job()  # type: ignore[operator]
        except BaseException as error:  # recorded for the test to show
            errors[index] = error

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def test_concurrent_allocations_keep_the_yearly_cap(world: Engine) -> None:
    # two more calls in 2025, each applied to by the same two eligible people (Kenya, Nepal)
    make_meeting(world, "SG17-2025-03", group="SG17", start="2025-03-10")
    for call, meeting in (("F-A", "SG5-2025-01"), ("F-B", "SG17-2025-03")):
        make_call(world, call, meeting, budget=100_000, full_cost=1_000, partial_cost=500)
        for person, member, country in (("KEN-1", "MS-KEN", "KEN"), ("NPL-1", "MS-NPL", "NPL")):
            make_application(
                world, f"{call}-{country}", call, person, member, country, request="full"
            )
    before = audit_rows(world)[0]
    errors = _race(
        lambda: allocate.perform(world, "officer-a", ["F-A"]),
        lambda: allocate.perform(world, "officer-b", ["F-B"]),
    )
    assert errors == [None, None]
    fulls = Counter(
        decision.person
        for call in ("F-A", "F-B")
        for decision in decisions(world, call)
        if decision.decision == "full"
    )
    assert fulls == {"KEN-1": 1, "NPL-1": 1}  # one full fellowship each in 2025, not two
    assert audit_rows(world)[0] == before + 2


def test_parallel_writes_do_not_collide(world: Engine) -> None:
    before = audit_rows(world)[0]
    jobs = [
        (lambda n=n: make_meeting(world, f"SG2-2025-{n:02d}", group="SG2", start="2025-04-01"))
        for n in range(8)
    ]
    assert _race(*jobs) == [None] * 8
    entries = audit_rows(world, limit=8)[1]
    assert audit_rows(world)[0] == before + 8
    assert {e["who"] for e in entries} == {ACTOR}
