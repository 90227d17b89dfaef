"""The assembly's lower-case opening phrases, and how an operative heading splits.

``instructs the Director of …, in collaboration with …, within available resources`` gives the
verb, the addressee, the collaborators (``with``) and the condition.
"""

from __future__ import annotations

import re

from stdgap.resolutions.cleanup import squash

PREAMBLE_VERBS = (
    "considering",
    "considering also",
    "considering further",
    "further considering",
    "recognizing",
    "recognizing also",
    "recognizing further",
    "further recognizing",
    "recalling",
    "recalling also",
    "recalling further",
    "further recalling",
    "noting",
    "noting also",
    "noting further",
    "further noting",
    "taking into account",
    "taking into account also",
    "taking into consideration",
    "bearing in mind",
    "having regard",
    "having considered",
    "emphasizing",
    "aware",
    "mindful",
    "convinced",
    "concerned",
    "acknowledging",
    "observing",
    "welcoming",
    "stressing",
    "highlighting",
    "reaffirming",
    "noting with satisfaction",
    "noting with appreciation",
    "cognizant",
)
OPERATIVE_VERBS = (
    "resolves",
    "further resolves",
    "resolves further",
    "resolves also",
    "resolves to instruct",
    "resolves to invite",
    "resolves to request",
    "resolves to encourage",
    "instructs",
    "further instructs",
    "instructs also",
    "invites",
    "further invites",
    "invites also",
    "encourages",
    "further encourages",
    "calls upon",
    "requests",
    "further requests",
    "urges",
    "decides",
    "further decides",
    "appeals",
    "recommends",
    "approves",
    "endorses",
    "agrees",
    "adopts",
    "calls on",
)
_PREAMBLE_HEADS = {"aware", "mindful", "convinced", "concerned", "cognizant", "having", "bearing"}
_KNOWN = sorted(PREAMBLE_VERBS + OPERATIVE_VERBS, key=len, reverse=True)
_KNOWN_RE = re.compile(r"^(" + "|".join(re.escape(v) for v in _KNOWN) + r")(?=$|[\s,:])")
_NEW_VERB_RE = re.compile(r"^(?:further |also )?[a-z]+(?:ing|s)(?: [a-z]+){0,3}$")
_FILLERS = {"further", "also"}
_WITH_RE = re.compile(
    r",?\s*\b(?:in (?:close |full )?(?:collaboration|cooperation|coordination|consultation)"
    r"(?: and (?:collaboration|cooperation|coordination|consultation))?"
    r"|to (?:collaboratively )?(?:work|cooperate|collaborate)(?: collaboratively| closely)?)"
    r" with\s+(.*)$"
)
_CONDITION_RE = re.compile(r",?\s*\b((?:within|subject to)\b.*)$")
_RESOLVES_TO_RE = re.compile(r"^to (instruct|invite|request|encourage|urge) (.+)$")


def split_verb(line: str) -> tuple[str, str] | None:
    """(verb, rest) when ``line`` opens a preamble or operative section, else None."""
    text = squash(line)
    match = _KNOWN_RE.match(text)
    if match:
        return match.group(1), text[match.end() :].strip(" ,")
    if _NEW_VERB_RE.match(text) and len(text) <= 40:
        return text, ""
    return None


def is_preamble_verb(verb: str) -> bool:
    words = [w for w in verb.split() if w not in _FILLERS] or verb.split()
    if not words:
        return False
    head = words[0]
    return verb in PREAMBLE_VERBS or head.endswith("ing") or head in _PREAMBLE_HEADS


def resolves_to(verb: str, line: str) -> tuple[str, str] | None:
    """``resolves`` + ``to instruct the Director …`` on the next line: the verb grows."""
    if "resolves" not in verb or " to " in verb:
        return None
    match = _RESOLVES_TO_RE.match(squash(line))
    if not match:
        return None
    return f"{verb} to {match.group(1)}", match.group(2)


def split_heading(rest: str) -> tuple[str | None, list[str], str | None]:
    """The addressee, collaborators and condition in what follows an operative verb."""
    text = squash(rest).rstrip(" ,;:")
    if text.startswith("that "):
        text = text[5:]
    condition: str | None = None
    match = _CONDITION_RE.search(text)
    if match:
        condition = match.group(1).rstrip(" ,;:")
        text = text[: match.start()].rstrip(" ,")
    collaborators: list[str] = []
    match = _WITH_RE.search(text)
    if match:
        collaborators.append(match.group(1).rstrip(" ,;:"))
        text = text[: match.start()].rstrip(" ,")
    return (text or None), collaborators, condition


def is_condition(line: str) -> bool:
    return bool(re.match(r"^(within|subject to)\b", squash(line)))
