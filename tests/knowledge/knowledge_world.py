"""The store of the knowledge tests: a user of every role and the corpus of :mod:`corpus`
(a module of its own name: ``conftest`` is another module when tests of several folders run
together)."""

from __future__ import annotations

from corpus import load_corpus
from sqlalchemy import Engine

from web_testing import make_users


def build_knowledge_world(engine: Engine) -> None:
    make_users(engine)
    load_corpus(engine)
