"""The forum's operations name their audit target from their arguments, as the write door's
other operations do: performed alone, the target says what they wrote on and the details the new
post's id; called within a larger unit, they leave that unit's target as it is."""

from __future__ import annotations

from forum_world import ASKED, user_id
from sqlalchemy import Engine, select

from stdgap.forum import operations
from stdgap.forum.operations import QuestionInput
from stdgap.store.audit import AuditEntry
from stdgap.store.unit import transaction


def last(engine: Engine) -> tuple[str, str | None, dict[str, object]]:
    with engine.connect() as connection:
        row = connection.execute(
            select(AuditEntry.action, AuditEntry.target, AuditEntry.details)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).one()
    return row.action, row.target, row.details


def test_nested_forum_operations_keep_the_outer_target(world: Engine) -> None:
    delegate, expert = user_id(world, "delegate"), user_id(world, "expert")
    spec = QuestionInput("Which codecs for telemedicine?", "Text", "SG13")
    done = operations.ask.perform(world, "delegate", spec, delegate)
    action, target, details = last(world)
    assert (action, target) == ("forum.ask", "question: Which codecs for telemedicine?")
    assert details["post"] == done.post_id
    reply = operations.answer.perform(world, "expert", done.post_id, "H.810", expert)
    action, target, details = last(world)
    assert (action, target, details["post"]) == (
        "forum.answer",
        f"question {done.post_id}",
        reply.post_id,
    )

    with transaction(world, "test", "test.bundle", "a bundle of forum writes") as unit:
        asked = operations.ask(unit, QuestionInput("Another one?", "Text", "SG5"), delegate)
        operations.revise(unit, asked.post_id, delegate, "Edited text")
        answered = operations.answer(unit, asked.post_id, "An answer", expert)
        operations.vote(unit, ASKED, expert, 1)
        operations.revise(unit, answered.post_id, expert, "An edited answer")
    action, target, _details = last(world)
    assert (action, target) == ("test.bundle", "a bundle of forum writes")
