"""The demo's forum on a store that already holds accounts under the demo's names: they are left
as they are (role, password, person; nothing posted in their name), the demo's accounts take
free names, the summary says so; questions of study groups the registry lacks are left out; a
second run writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from forum_world import EXTRA, make_forum_people
from sqlalchemy import Engine, func, select

from factories import ACTOR
from stdgap.accounts.models import User
from stdgap.accounts.operations import add_user
from stdgap.bootstrap import open_store
from stdgap.demo.forum import QUESTIONS, generate_forum
from stdgap.forum.models import ForumPost
from stores import Templates


def build(engine: Engine) -> None:
    make_forum_people(engine)  # SG13 and SG5, three persons
    add_user.perform(engine, ACTOR, "delegate1", "viewer", EXTRA["delegate"])
    add_user.perform(engine, ACTOR, "Forum-Moderator", "viewer", EXTRA["former"])


@pytest.fixture
def store(backend: str, templates: Templates, tmp_path: Path) -> Iterator[Engine]:
    url = templates.copy(backend, "forum-demo-names", build, tmp_path)
    engine = open_store(url)
    yield engine
    engine.dispose()
    templates.drop(url)


def accounts(engine: Engine) -> dict[str, tuple[str, int | None, str]]:
    with engine.connect() as connection:
        return {
            row.name: (row.role, row.person_id, row.password_hash)
            for row in connection.execute(
                select(User.name, User.role, User.person_id, User.password_hash)
            )
        }


def test_the_demo_leaves_accounts_of_its_names_alone(store: Engine) -> None:
    before = accounts(store)
    summary = generate_forum(store, 2024, "demo")
    assert summary is not None
    assert summary.renamed == (
        ("delegate1", "delegate1-demo"),
        ("forum-moderator", "forum-moderator-demo"),
    )
    notice = summary.notice()
    assert notice is not None and "delegate1-demo" in notice
    after = accounts(store)
    for name in ("delegate1", "Forum-Moderator"):
        assert after[name] == before[name]  # role, person and password as they were
    assert after["forum-moderator-demo"][0] == "officer"
    assert after["delegate1-demo"][1] is not None
    wanted = [q for q in QUESTIONS if q[0] in ("SG13", "SG5")]
    assert summary.questions == len(wanted)
    with store.connect() as connection:
        theirs = connection.execute(
            select(func.count())
            .select_from(ForumPost)
            .join(User, User.id == ForumPost.user_id)
            .where(User.name.in_(("delegate1", "Forum-Moderator")))
        ).scalar_one()
        groups = set(connection.scalars(select(ForumPost.study_group).distinct()).all())
    assert theirs == 0
    assert groups <= {"SG13", "SG5", None}
    assert generate_forum(store, 2024, "demo") is None  # a second run writes nothing
