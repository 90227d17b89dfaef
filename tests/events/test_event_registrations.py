"""Registrations: capacity per event and per category, the waiting list (first come), the
promotion of the first waitlisted of the category when a seat is freed, and the e-mails of
each in the outbox; refusals that change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from event_world import OLD, TODAY, WEB, WS
from sqlalchemy import Engine, func, select

from factories import ACTOR
from stdgap.accounts.models import User
from stdgap.events import operations, queries
from stdgap.events.errors import EventError, NotYours, UnknownEvent, WrongTime
from stdgap.events.operations import CategoryInput, EventInput, RegistrationInput
from stdgap.notifications.models import OutboxMessage


def entry(name: str, category: str = "delegate", **more: str) -> RegistrationInput:
    return RegistrationInput(name.title(), f"{name}@example.org", category, **more)


def outbox(engine: Engine) -> list[tuple[str, str, str]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(OutboxMessage.kind, OutboxMessage.recipient, OutboxMessage.subject).order_by(
                OutboxMessage.id
            )
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_the_last_seat_is_confirmed_then_the_waiting_list_then_promotion(world: Engine) -> None:
    first = operations.register.perform(world, ACTOR, WS, entry("amina"))
    second = operations.register.perform(world, ACTOR, WS, entry("bruno"))
    third = operations.register.perform(world, ACTOR, WS, entry("carla"))
    assert (first.status, second.status, third.status) == ("confirmed", "waitlisted", "waitlisted")
    detail = queries.event_detail(world, WS)
    assert (detail["confirmed"], detail["waitlisted"], detail["seats_left"]) == (1, 2, 0)
    mails = outbox(world)
    assert [kind for kind, _to, _s in mails] == [
        "events.confirmed",
        "events.waitlisted",
        "events.waitlisted",
    ]
    assert mails[0][1] == "amina@example.org" and "confirmed" in mails[0][2]
    cancelled = operations.cancel.perform(world, ACTOR, first.registration_id)
    assert cancelled.promoted == [second.registration_id]
    statuses = {r["registration_id"]: r["status"] for r in queries.registrations(world, WS)}
    assert statuses == {
        first.registration_id: "cancelled",
        second.registration_id: "confirmed",
        third.registration_id: "waitlisted",
    }
    assert outbox(world)[-1][:2] == ("events.promoted", "bruno@example.org")


def test_a_freed_seat_goes_to_the_first_waitlisted_of_its_category(world: Engine) -> None:
    operations.create_event.perform(
        world,
        ACTOR,
        EventInput(
            "CAT-1",
            "Categories",
            "workshop",
            TODAY + timedelta(days=5),
            capacity=3,
            categories=(CategoryInput("delegate", "Delegate", 1), CategoryInput("press", "Press")),
        ),
    )
    seat = operations.register.perform(world, ACTOR, "CAT-1", entry("d1"))
    waiting = operations.register.perform(world, ACTOR, "CAT-1", entry("d2"))
    press = operations.register.perform(world, ACTOR, "CAT-1", entry("p1", "press"))
    assert (seat.status, waiting.status, press.status) == ("confirmed", "waitlisted", "confirmed")
    operations.register.perform(world, ACTOR, "CAT-1", entry("p2", "press"))  # the third seat
    late = operations.register.perform(world, ACTOR, "CAT-1", entry("p3", "press"))
    assert late.status == "waitlisted"
    done = operations.cancel.perform(world, ACTOR, seat.registration_id)
    # the delegate waiting came after no one of its category: promoted before the press one
    assert done.promoted == [waiting.registration_id]


def test_refusals_change_nothing(world: Engine) -> None:
    mine = operations.register.perform(world, ACTOR, WS, entry("admin"), user_id=1)
    with pytest.raises(WrongTime, match="already registered"):
        operations.register.perform(world, ACTOR, WS, entry("admin"))
    with pytest.raises(WrongTime, match="already registered"):  # the account's own, again
        own = RegistrationInput("Admin", "", "delegate")
        operations.register.perform(world, ACTOR, WS, own, user_id=1, for_others=False)
    with pytest.raises(EventError, match="category: 'vip' is not one of delegate"):
        operations.register.perform(world, ACTOR, WS, entry("x", "vip"))
    with pytest.raises(EventError, match="e-mail"):
        operations.register.perform(world, ACTOR, WS, RegistrationInput("X", "nope", "delegate"))
    with pytest.raises(EventError, match="member: 'MS-XXX'"):
        operations.register.perform(world, ACTOR, WS, entry("y", member="MS-XXX"))
    with pytest.raises(WrongTime, match="closed"):
        operations.register.perform(world, ACTOR, OLD, entry("z"))
    with pytest.raises(UnknownEvent):
        operations.register.perform(world, ACTOR, "NOPE", entry("z"))
    with pytest.raises(NotYours):
        operations.cancel.perform(world, ACTOR, mine.registration_id, user_id=2)
    with pytest.raises(UnknownEvent):
        operations.cancel.perform(world, ACTOR, 99999)
    assert [r["status"] for r in queries.registrations(world, WS)] == ["confirmed"]
    assert len(outbox(world)) == 1
    operations.cancel.perform(world, ACTOR, mine.registration_id, user_id=1)
    with pytest.raises(WrongTime, match="cancelled already"):
        operations.cancel.perform(world, ACTOR, mine.registration_id, user_id=1)


def test_creating_an_event_writes_its_meeting_through_the_import(world: Engine) -> None:
    from stdgap.store.models import Meeting

    with world.connect() as connection:
        row = connection.execute(
            select(Meeting.kind, Meeting.city, Meeting.host_country, Meeting.format).where(
                Meeting.meeting_id == WS
            )
        ).one()
    assert tuple(row) == ("workshop", "Nairobi", "KEN", "in_person")
    with pytest.raises(EventError, match="kind: 'party'"):
        operations.create_event.perform(world, ACTOR, EventInput("X-1", "X", "party", TODAY))
    with pytest.raises(WrongTime, match="exists already"):
        operations.create_event.perform(world, ACTOR, EventInput(WEB, "X", "webinar", TODAY))
    with pytest.raises(EventError, match="region: 'Atlantis'"):
        operations.create_event.perform(
            world, ACTOR, EventInput("X-2", "X", "webinar", TODAY, region="Atlantis")
        )
    with world.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Meeting)).scalar() == 3


def test_an_account_registers_itself_only(world: Engine) -> None:
    """Without events.manage an account registers with its own address and names no person of
    the registry (accounts are not linked to persons); an officer enters anyone's, and only a
    registration with the officer's own address is the officer's."""
    with world.connect() as connection:
        ids = {name: pk for name, pk in connection.execute(select(User.name, User.id))}
    applicant, viewer, officer = ids["applicant"], ids["viewer"], ids["officer"]
    squat = entry("viewer", "participant", member="MS-KEN")
    with pytest.raises(EventError, match="is not your account's address"):
        operations.register.perform(world, ACTOR, WEB, squat, user_id=applicant, for_others=False)
    named = entry("applicant", "participant", person="KEN-1")
    with pytest.raises(EventError, match="person: 'KEN-1' may only be given by an officer"):
        operations.register.perform(world, ACTOR, WEB, named, user_id=applicant, for_others=False)
    mine = RegistrationInput("Applicant", "", "participant", member="MS-KEN")
    done = operations.register.perform(world, ACTOR, WEB, mine, user_id=applicant, for_others=False)
    # the viewer's address is still free for the viewer, who can cancel their registration
    theirs = RegistrationInput("Viewer", "VIEWER@example.org", "participant")
    own = operations.register.perform(world, ACTOR, WEB, theirs, user_id=viewer, for_others=False)
    operations.cancel.perform(world, ACTOR, own.registration_id, user_id=viewer)
    # an officer enters two registrations received by mail: neither is the officer's
    for name in ("guest1", "guest2"):
        operations.register.perform(world, ACTOR, WEB, entry(name, "participant"), user_id=officer)
    found = {r["registration_id"]: r for r in queries.registrations(world, WEB)}
    assert found[done.registration_id]["email"] == "applicant@example.org"
    assert found[done.registration_id]["member"] == "MS-KEN"
    assert queries.own_registrations(world, WEB, officer) == []
