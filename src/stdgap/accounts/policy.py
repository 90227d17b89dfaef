"""The password policy, applied wherever a password is set (a new user, a reset, a change): long
enough (the store setting ``password_min_length``, 12 by default), not only spaces, not holding
the sign-in name, and hard to guess by zxcvbn's estimate (a score of 3 or more, "safely
unguessable"), given the words an attacker would try first (the name and its parts, the role,
"stdgap"); what is left of it without those words must be as hard to guess (zxcvbn alone lets
"alicesmith12" pass for the user alice.smith)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from stdgap.accounts.errors import AccountError
from stdgap.i18n.translate import LazyText, _l

#: zxcvbn's score a password needs (0 to 4; 3: "safely unguessable", about 10^8 guesses or more).
MIN_SCORE = 3
#: zxcvbn reads at most this many characters (a longer password is judged on its start, which
#: only makes the judgement harsher).
ZXCVBN_LENGTH = 72
#: Words of the deployment an attacker would try.
CONTEXT = ("stdgap", "standardization", "observatory", "itu")


class WeakPassword(AccountError):
    """A password the policy refuses; the message (translated when shown) says why."""


def user_inputs(name: str, role: str) -> list[str]:
    """What zxcvbn should treat as known to an attacker: the name, its parts, the role."""
    parts = [part for part in re.split(r"[._@-]+", name) if len(part) > 2]
    return [name, *parts, role, *CONTEXT]


def check(password: str, name: str, role: str, min_length: int) -> None:
    """Refuse (:class:`WeakPassword`) a password the policy does not allow for this user."""
    problem = reason(password, name, role, min_length)
    if problem is not None:
        raise WeakPassword(problem)


def reason(password: str, name: str, role: str, min_length: int) -> LazyText | None:
    """Why ``password`` is refused, or None when it is allowed."""
    if not password.strip():
        return _l("the password cannot be only spaces")
    if len(password) < min_length:
        return _l(
            "the password must have at least %(length)s characters (it has %(given)s)",
            length=min_length,
            given=len(password),
        )
    if len(name) > 2 and name.lower() in password.lower():
        return _l("the password must not contain the user's name")
    from zxcvbn import zxcvbn

    known = user_inputs(name, role)
    judged = zxcvbn(password[:ZXCVBN_LENGTH], user_inputs=known)
    if int(judged["score"]) < MIN_SCORE:
        return _l("the password is too easy to guess: %(why)s", why=_why(judged["sequence"]))
    rest = _without(password, known)
    if rest != password.lower() and int(zxcvbn(rest[:ZXCVBN_LENGTH])["score"]) < MIN_SCORE:
        return _l("the password is too easy to guess: %(why)s", why=_FROM_USER)
    return None


def _without(password: str, known: Iterable[str]) -> str:
    """``password`` (in lower case) without the words of ``known`` in it, longest first."""
    rest = password.lower()
    for word in sorted({w.lower() for w in known if len(w) > 2}, key=len, reverse=True):
        rest = rest.replace(word, "")
    return rest


_FROM_USER = _l("it is made from the user's name, role or the application's name")


def _matches(sequence: Iterable[Any]) -> Iterable[dict[str, Any]]:
    """zxcvbn's matches, with the parts a repeated piece is made of."""
    for match in sequence:
        yield match
        yield from _matches(match.get("base_matches") or ())


def _why(sequence: Iterable[Any]) -> LazyText:
    """Our own sentence for the weakest pattern zxcvbn found."""
    found = list(_matches(sequence))
    if any(m.get("dictionary_name") == "user_inputs" for m in found):
        return _FROM_USER
    if any(m.get("dictionary_name") == "passwords" for m in found):
        return _l("it is a common password, or close to one")
    patterns = {m.get("pattern") for m in found}
    if "repeat" in patterns:
        return _l("it repeats characters or words")
    if patterns & {"sequence", "spatial"}:
        return _l("it follows a sequence (abc, 123) or a row of the keyboard")
    if "date" in patterns:
        return _l("it is mostly a date")
    if any(m.get("pattern") == "dictionary" for m in found):
        return _l("it is made of common words; use more, or less common, words")
    return _l("use a longer phrase of several uncommon words")
