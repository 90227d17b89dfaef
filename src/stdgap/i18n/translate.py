"""``gettext`` for the locale of the current request.

The locale is a context variable: the web application sets it for each request (see
``stdgap.http.language``); elsewhere (the command line, the reports) it is English. Messages
take named placeholders, filled after translation: ``gettext("no call %(call)r", call=x)``.

Three ways to mark a message, so that ``pybabel extract`` finds it:

- ``gettext``/``_`` and ``ngettext``: translated now (code that answers a request);
- ``lazy_gettext``/``_l`` and ``lazy_ngettext``: a :class:`LazyText`, translated each time it is
  turned into ``str`` (error messages, text made before the locale is known);
- ``N_``: only a marker, the English text itself (constants read by templates, which translate
  them with ``_()``: navigation labels, indicator titles).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from typing import Any

from stdgap.i18n.catalogues import translations
from stdgap.i18n.locales import Language, language, source

_current: ContextVar[Language | None] = ContextVar("stdgap_language", default=None)


def current() -> Language:
    """The locale of the current request (English outside a request)."""
    return _current.get() or source()


def activate(found: Language) -> Token[Language | None]:
    """Make ``found`` the current locale (until :func:`deactivate` with the token)."""
    return _current.set(found)


def deactivate(token: Token[Language | None]) -> None:
    _current.reset(token)


@contextmanager
def use(code: str | Language) -> Iterator[Language]:
    """The current locale is ``code`` inside the block."""
    found = language(code) if isinstance(code, str) else code
    token = activate(found)
    try:
        yield found
    finally:
        deactivate(token)


def gettext(message: str, **params: Any) -> str:
    """``message`` in the current locale, its placeholders filled from ``params`` (a message is
    %-formatted only when given parameters)."""
    text = translations(current().code).gettext(message)
    return text % params if params else text


def ngettext(singular: str, plural: str, n: int, **params: Any) -> str:
    """The form for ``n`` in the current locale, its placeholders filled from ``params`` when
    given (pass ``num=n`` for ``%(num)s``, the name templates use)."""
    text = translations(current().code).ngettext(singular, plural, n)
    return text % params if params else text


def N_(message: str) -> str:
    """Mark ``message`` for translation; it is translated where it is shown."""
    return message


class LazyText:
    """A message translated each time it is shown, in the locale current then."""

    __slots__ = ("message", "n", "params", "plural")

    def __init__(
        self,
        message: str,
        plural: str | None = None,
        n: int = 1,
        params: dict[str, Any] | None = None,
    ) -> None:
        self.message = message
        self.plural = plural
        self.n = n
        self.params = params or {}

    def __str__(self) -> str:
        if self.plural is not None:
            return ngettext(self.message, self.plural, self.n, **self.params)
        return gettext(self.message, **self.params)

    def __repr__(self) -> str:
        return f"LazyText({self.message!r})"


#: A message as code hands it on: already text, or translated when shown.
Message = str | LazyText


def lazy_gettext(message: str, **params: Any) -> LazyText:
    return LazyText(message, params=params)


def lazy_ngettext(singular: str, plural: str, n: int, **params: Any) -> LazyText:
    return LazyText(singular, plural, n, params)


_ = gettext
_l = lazy_gettext
