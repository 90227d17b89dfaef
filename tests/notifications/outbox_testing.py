"""Messages queued as the programmes queue them (in one audited write)."""

from __future__ import annotations

from sqlalchemy import Engine

from stdgap.i18n.catalogues import translations
from stdgap.notifications.outbox import notify_address
from stdgap.store.unit import transaction

SUBJECT = "Your application for %(meeting)s"
BODY = "Dear %(name)s,\nyour application for %(meeting)s was received."


def queue(engine: Engine, *recipients: tuple[str, str, str], meeting: str = "SG17") -> list[int]:
    """Queue one message to each (address, name, language), in one write; their ids."""
    with transaction(engine, "test", "fellowship.apply", data=False) as unit:
        return [
            notify_address(
                unit,
                address,
                name,
                language,
                "fellowship.submitted",
                SUBJECT,
                BODY,
                meeting=meeting,
                name=name,
            )
            for address, name, language in recipients
        ]


def written_in(language: str, body: str) -> str:
    """The language a message is written in: ``language`` once its catalogue translates
    ``body``, English until then (the outbox and the Content-Language say which)."""
    return language if translations(language).gettext(body) != body else "en"
