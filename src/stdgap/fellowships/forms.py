"""Reading the fellowship forms' fields (text, as browsers send them), and answering a refused
form: the page again with the reason (422), or a problem for JSON clients."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from pydantic import ValidationError

from stdgap.http.negotiate import wants_json
from stdgap.http.problems import Problem
from stdgap.i18n.translate import LazyText, Message, _l


class FormError(ValueError):
    """A field that cannot be read (its name and value are in the message)."""


def form_int(text: str, field: str, required: bool = True) -> int | None:
    """A whole number of at least 0 (None when blank and not ``required``)."""
    value = text.strip().replace(",", "").replace(" ", "")
    if not value:
        if required:
            raise FormError(_l("%(field)s: a whole number is needed", field=field))
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 40:
        raise FormError(
            _l("%(field)s: %(value)r is not a whole number of 0 or more", field=field, value=text)
        )
    return int(value)


def form_date(text: str, field: str) -> date | None:
    value = text.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FormError(
            _l("%(field)s: %(value)r is not a date (YYYY-MM-DD)", field=field, value=text)
        ) from None


def form_share(text: str) -> float | None:
    """A percentage (0-100) as a share (0-1); None when blank."""
    value = text.strip().rstrip("%").strip()
    if not value:
        return None
    try:
        percent = float(value)
    except ValueError:
        percent = -1.0
    if not 0 <= percent <= 100:
        raise FormError(
            _l("min_region_share: %(value)r is not a percentage from 0 to 100", value=text)
        )
    return round(percent / 100, 6)


def message_of(error: Exception) -> Message:
    if isinstance(error, ValidationError):
        detail = error.errors()[0]
        where = ".".join(str(part) for part in detail.get("loc", ()))
        return f"{where}: {detail.get('msg', '')}"
    first = error.args[0] if error.args else str(error)
    return first if isinstance(first, LazyText | str) else str(first)


def refused(request: Request, error: Exception, again: Callable[..., Response]) -> Response:
    """The answer to a refused form: a problem (422) as JSON, or the page again saying why."""
    if wants_json(request):
        raise Problem(422, message_of(error), "bad-form")
    extra: dict[str, Any] = {"status": 422, "error": message_of(error)}
    return again(**extra)
