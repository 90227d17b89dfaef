"""The fields of a mentor's or a mentee's profile, checked alike from a file, a command or a form.

Lists (study groups, Questions, fields of expertise, languages) are texts separated by ``;`` or
``,``; a time zone is an IANA name (``Africa/Nairobi``, ``UTC``), whose offset from UTC is taken
on the day of the matching (summer time included).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, available_timezones

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from stdgap.i18n.translate import N_, Message, _l
from stdgap.reference.vocabulary import ITU_REGIONS
from stdgap.tabular.columns import BirthYear, Gender
from stdgap.tabular.typed import split_list

Role = Literal["mentor", "mentee"]
ROLES: tuple[Role, ...] = ("mentor", "mentee")
ROLE_WORDS: dict[str, str] = {"mentor": N_("mentor"), "mentee": N_("mentee")}
#: The longest stored text of each list (the columns' sizes).
LISTS = {"study_groups": 500, "questions": 1000, "expertise": 500, "languages": 200}
_LANGUAGE = re.compile(r"([A-Za-z]{2})([-_][A-Za-z0-9]{2,8})*")
_CYCLE = re.compile(r"\d{4}")
#: The earliest cycle a profile may be entered for (officers, files).
FIRST_CYCLE = 2000


@lru_cache(maxsize=1)
def language_codes() -> frozenset[str]:
    """The ISO 639-1 codes (two letters) that Babel knows."""
    from babel import Locale

    names = [str(code) for code in Locale("en").languages]
    return frozenset(code for code in names if len(code) == 2)


def language_problem(item: str) -> bool:
    """Whether ``item`` is not a language code (ISO 639-1, with a region: pt-BR)."""
    found = _LANGUAGE.fullmatch(item)
    return found is None or found.group(1).lower() not in language_codes()


def cycle_range(registering: bool, today: date | None = None) -> tuple[int, int]:
    """The years a cycle may be: registering, from last year to two years ahead; else (an
    officer's profiles, files) from 2000 to two years ahead."""
    year = (today or date.today()).year
    return (year - 1 if registering else FIRST_CYCLE), year + 2


def cycle_problem(cycle: str, registering: bool = False) -> str | None:
    """Why ``cycle`` is not a cycle (a year in :func:`cycle_range`); None when it is."""
    first, last = cycle_range(registering)
    if not _CYCLE.fullmatch(cycle) or not first <= int(cycle) <= last:
        return f"{cycle!r} is not a cycle: a year from {first} to {last}"
    return None


@lru_cache(maxsize=1)
def zones() -> frozenset[str]:
    """Every IANA time zone name this machine knows."""
    return frozenset(available_timezones())


def _zone(name: str) -> str:
    name = name.strip()
    if name not in zones():
        raise PydanticCustomError(
            "time_zone", "is not a time zone (use a name such as Africa/Nairobi or UTC)"
        )
    return name


def _languages(text: str) -> str:
    for item in split_list(text):
        if language_problem(item):
            raise PydanticCustomError(
                "language",
                "'{item}' is not a language code (ISO 639-1, such as en, fr, pt-BR)",
                {"item": item},
            )
    return text


def _joined(limit: int) -> AfterValidator:
    def check(text: str) -> str:
        joined = ";".join(split_list(text))
        if len(joined) > limit:
            raise PydanticCustomError(
                "list_too_long", "is too long (at most {limit} characters)", {"limit": limit}
            )
        return joined

    return AfterValidator(check)


TimeZoneName = Annotated[str, AfterValidator(_zone)]
Region = Literal[ITU_REGIONS]  # type: ignore[valid-type]
Cycle = Annotated[str, Field(pattern=r"^\d{4}$")]


def utc_offset(zone: str | None, on: date) -> int | None:
    """Minutes east of UTC of ``zone`` at noon on ``on`` (None for no or an unknown zone)."""
    if not zone or zone not in zones():
        return None
    offset = datetime(on.year, on.month, on.day, 12, tzinfo=ZoneInfo(zone)).utcoffset()
    return None if offset is None else int(offset.total_seconds() // 60)


def offset_text(minutes: int) -> str:
    """``UTC+03:00``."""
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


class ProfileIn(BaseModel):
    """What a mentor and a mentee both give."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    cycle: Cycle = Field(description="The mentorship cycle, e.g. 2025")
    study_groups: Annotated[str, _joined(LISTS["study_groups"])] = Field(
        "", description="Study groups, separated by ';' (SG5;SG17)"
    )
    questions: Annotated[str, _joined(LISTS["questions"])] = Field(
        "", description="Questions, separated by ';' (Q4/17)"
    )
    expertise: Annotated[str, _joined(LISTS["expertise"])] = Field(
        "", description="Fields of expertise, separated by ';' (security;IoT)"
    )
    languages: Annotated[str, AfterValidator(_languages), _joined(LISTS["languages"])] = Field(
        min_length=2, description="Language codes, separated by ';' (en;fr)"
    )
    region: Region | None = Field(None, description="ITU region")
    gender: Gender | None = None
    time_zone: TimeZoneName | None = Field(None, description="IANA time zone, e.g. Africa/Nairobi")
    #: Officers only: whose profile it is (a participant's id, a user's name).
    person_id: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    user: Annotated[str, Field(min_length=1, max_length=100)] | None = None


class MentorIn(ProfileIn):
    capacity: int = Field(1, ge=0, le=50, description="Mentees the mentor takes")
    available: bool = True


class MenteeIn(ProfileIn):
    birth_year: BirthYear | None = None
    prefer_same_region: bool = False
    preferred_mentor_gender: Gender | None = None


MODELS: dict[Role, type[ProfileIn]] = {"mentor": MentorIn, "mentee": MenteeIn}


def blank_to_none(data: dict[str, Any]) -> dict[str, Any]:
    """A form's blank optional fields as missing (a text box sends '')."""
    return {key: value for key, value in data.items() if value not in ("", None)}


def field_errors(error: ValidationError) -> dict[str, Message]:
    """A message for each field of a form that pydantic refused (the first error of each)."""
    found: dict[str, Message] = {}
    for item in error.errors():
        name = str(item["loc"][0]) if item["loc"] else "form"
        found.setdefault(name, _message(item))
    return found


def _message(item: Any) -> Message:
    kind, ctx = item["type"], item.get("ctx") or {}
    if kind == "missing" or (kind == "string_too_short" and ctx.get("min_length") == 1):
        return _l("Enter a value.")
    if kind == "string_too_short":
        return _l("Enter at least %(count)s characters.", count=ctx.get("min_length"))
    if kind in ("string_too_long", "list_too_long"):
        return _l("At most %(count)s characters.", count=ctx.get("max_length") or ctx.get("limit"))
    if kind.startswith("int_"):
        return _l("Enter a whole number.")
    if kind in ("greater_than_equal", "less_than_equal"):
        return _l("Out of range (%(rule)s).", rule=item["msg"].lower())
    if kind == "literal_error":
        return _l("Choose one of %(choices)s.", choices=ctx.get("expected"))
    if kind == "bool_parsing":
        return _l("Answer yes or no.")
    if kind == "time_zone":
        return _l("Not a time zone: use a name such as Africa/Nairobi or UTC.")
    if kind == "language":
        return _l(
            "%(item)r is not a language code (ISO 639-1, such as en, fr, pt-BR).",
            item=ctx.get("item"),
        )
    if kind == "birth_year":
        return _l("Not a plausible year of birth.")
    if kind == "string_pattern_mismatch":
        return _l("A cycle is a year, such as 2025.")
    return _l("Not a valid value.")
