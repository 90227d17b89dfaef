"""The assembly's lower-case opening phrases, and how an operative heading splits.

``instructs the Director of …, in collaboration with …, within available resources`` gives the
verb, the addressee, the collaborators (``with``) and the condition.
"""

from __future__ import annotations

import re

from stdgap.resolutions.cleanup import squash
from stdgap.resolutions.vocab import ENGLISH, LANGUAGES, Language, canonical, fold

PREAMBLE_VERBS = tuple(ENGLISH.preamble)
OPERATIVE_VERBS = tuple(ENGLISH.operative)
_PREAMBLE_HEADS = {"aware", "mindful", "convinced", "concerned", "cognizant", "having", "bearing"}
_KNOWN = sorted(PREAMBLE_VERBS + OPERATIVE_VERBS, key=len, reverse=True)
_KNOWN_RE = re.compile(r"^(" + "|".join(re.escape(v) for v in _KNOWN) + r")(?=$|[\s,:])")
_NEW_VERB_RE = re.compile(r"^(?:further |also )?[a-z]+(?:ing|s)(?: [a-z]+){0,3}$")
_FILLERS = {"further", "also"}
_WITH_RE = re.compile(
    r",?\s*\b(?:in (?:close |full )?(?:collaboration|cooperation|coordination|consultation)"
    r"(?: and (?:collaboration|cooperation|coordination|consultation))?"
    r"|to (?:collaboratively )?(?:work|cooperate|collaborate)(?: collaboratively| closely)?)"
    r" with\s+(?P<who>.*)$"
)
_CONDITION_RE = re.compile(r",?\s*\b((?:within|subject to)\b.*)$")
_RESOLVES_TO_RE = re.compile(r"^to (instruct|invite|request|encourage|urge) (.+)$")


def _verb_pattern(lang: Language) -> re.Pattern[str]:
    phrases = sorted({**lang.preamble, **lang.operative}, key=len, reverse=True)
    after = r"(?=$|[\s,:;،，：])" if not lang.glued else ""
    return re.compile(r"^(" + "|".join(re.escape(v) for v in phrases) + r")" + after)


_PATTERNS = {code: _verb_pattern(lang) for code, lang in LANGUAGES.items()}


def split_verb(line: str, lang: Language = ENGLISH) -> tuple[str, str] | None:
    """(verb, rest) when ``line`` opens a preamble or operative section, else None."""
    text = squash(line)
    if lang.code == "en":
        match = _KNOWN_RE.match(text)
        if match:
            return match.group(1), text[match.end() :].strip(" ,")
        if _NEW_VERB_RE.match(text) and len(text) <= 40:
            return text, ""
        return None
    if lang.glued and (len(text) > 80 or text.endswith(("。", "；", ";"))):
        return None
    folded = fold(text)
    match = _PATTERNS[lang.code].match(folded)
    if match is None:
        return None
    verb = match.group(1)
    rest = text[match.end() :] if len(folded) == len(text) else folded[match.end() :]
    return verb, rest.strip(" ,:،，：")


def is_preamble_verb(verb: str) -> bool:
    verb = canonical(verb)
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


def _with_patterns(lang: Language) -> list[re.Pattern[str]]:
    if lang.code == "en":
        return [_WITH_RE]
    out = []
    for fragment in lang.with_:
        if "(?P<who>" not in fragment:
            fragment = fragment + r"\s+(?P<who>.*)$"
        out.append(re.compile(r"[,，،]?\s*(?:" + fragment + ")", re.I))
    return out


def _condition_pattern(lang: Language) -> re.Pattern[str]:
    if lang.code == "en":
        return _CONDITION_RE
    return re.compile(r"[,，،]?\s*((?:" + "|".join(lang.condition) + r").*)$", re.I)


_WITH = {code: _with_patterns(lang) for code, lang in LANGUAGES.items()}
_CONDITION = {code: _condition_pattern(lang) for code, lang in LANGUAGES.items()}
_STRIP = " ,;:،，；："


def split_heading(rest: str, lang: Language = ENGLISH) -> tuple[str | None, list[str], str | None]:
    """The addressee, collaborators and condition in what follows an operative verb."""
    text = squash(rest).rstrip(_STRIP)
    if text.startswith("that "):
        text = text[5:]
    condition: str | None = None
    match = _CONDITION[lang.code].search(text)
    if match:
        condition = match.group(1).rstrip(_STRIP)
        text = text[: match.start()].rstrip(_STRIP)
    collaborators: list[str] = []
    for pattern in _WITH[lang.code]:
        match = pattern.search(text)
        if match:
            who = match.group("who") if "who" in pattern.groupindex else match.group(1)
            collaborators.append(who.strip(_STRIP))
            text = (text[: match.start()] + text[match.end() :]).strip(_STRIP)
            break
    return (text or None), collaborators, condition


def is_condition(line: str, lang: Language = ENGLISH) -> bool:
    text = squash(line)
    if lang.code == "en":
        return bool(re.match(r"^(within|subject to)\b", text))
    return bool(re.match(r"^(?:" + "|".join(lang.condition) + ")", text, re.I))
