"""Writes of CxO meetings: creating one (a meeting of the registry, kind ``cto`` in the group
``CTO``, written through the import pipeline, plus its own row), its agenda and recordings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, insert, select

from stdgap.cxo.errors import CxoError, refuse_control
from stdgap.cxo.lookup import meeting_key
from stdgap.cxo.models import CxoAgendaItem, CxoMeeting, CxoRecording
from stdgap.cxo.vocabulary import FORMATS, GROUP, KIND, OBJECTIVES, SOURCES
from stdgap.i18n.translate import _l
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.reference.resolver import CountryResolver
from stdgap.reference.vocabulary import ITU_REGIONS, region_named
from stdgap.store.models import Meeting
from stdgap.store.unit import Unit, operation

#: A meeting's id: part of the pages' addresses.
MEETING_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
#: Ids the pages use under /cxo/.
RESERVED = ("new", "conclusions", "reports")
URL = re.compile(r"https?://[^\s<>\"']{1,990}")
MEETING_HEADER = ["meeting_id", "group", "start", "end", "kind", "city", "host_country", "format"]


@dataclass(frozen=True)
class MeetingInput:
    meeting_id: str
    title: str
    theme: str
    start: date
    end: date | None = None
    city: str | None = None
    host_country: str | None = None
    format: str = "in_person"
    regions: list[str] = field(default_factory=list)
    summary: str | None = None


def _text(value: str | None, name: str, limit: int, required: bool = True) -> str | None:
    refuse_control(value, name)
    text = " ".join((value or "").split())
    if not text:
        if required:
            raise CxoError(_l("%(field)s: a value is required", field=name))
        return None
    if len(text) > limit:
        raise CxoError(
            _l(
                "%(field)s: '%(value)s…' is too long (at most %(limit)s characters)",
                field=name,
                value=text[:40],
                limit=limit,
            )
        )
    return text


def regions_named(values: list[str]) -> list[str]:
    """The ITU regions ``values`` name (``all`` for every one), in ITU's order."""
    found: set[str] = set()
    for value in values:
        if not value.strip():
            continue
        if value.strip().lower() == "all":
            found.update(ITU_REGIONS)
            continue
        region = region_named(value.strip())
        if region is None:
            raise CxoError(
                _l(
                    "regions: '%(value)s' is not an ITU region (%(regions)s, or all)",
                    value=value,
                    regions=", ".join(ITU_REGIONS),
                )
            )
        found.add(region)
    return [region for region in ITU_REGIONS if region in found]


def country_code(unit: Unit, value: str | None, name: str) -> str | None:
    if not value or not value.strip():
        return None
    alpha3 = CountryResolver.from_connection(unit.connection).resolve(value.strip())
    if alpha3 is None:
        raise CxoError(_l("%(field)s: '%(value)s' is not a known country", field=name, value=value))
    return alpha3


@operation("cxo.create", target=lambda spec: spec.meeting_id)
def create_meeting(unit: Unit, spec: MeetingInput) -> str:
    """A new CxO meeting: the registry's meeting (group ``CTO``, kind ``cto``) and its theme,
    consulted regions and summary."""
    if not MEETING_ID.fullmatch(spec.meeting_id):
        raise CxoError(
            _l(
                "meeting_id: '%(value)s' is not a meeting id: letters, digits, '_' and '-' "
                "(up to 100)",
                value=spec.meeting_id,
            )
        )
    if spec.meeting_id.lower() in RESERVED:
        raise CxoError(
            _l("meeting_id: '%(value)s' names a page; choose another id", value=spec.meeting_id)
        )
    title = _text(spec.title, "title", 300)
    theme = _text(spec.theme, "theme", 200)
    if spec.end is not None and spec.end < spec.start:
        raise CxoError(_l("end: %(end)s is before the start", end=spec.end.isoformat()))
    if spec.format not in FORMATS:
        raise CxoError(
            _l(
                "format: '%(value)s' is not one of %(formats)s",
                value=spec.format,
                formats=", ".join(FORMATS),
            )
        )
    connection = unit.connection
    taken = connection.execute(
        select(Meeting.id).where(Meeting.meeting_id == spec.meeting_id)
    ).first()
    if taken is not None:
        raise CxoError(
            _l("meeting_id: a meeting '%(value)s' exists already", value=spec.meeting_id)
        )
    host = country_code(unit, spec.host_country, "host_country")
    regions = regions_named(spec.regions)
    row = {
        "meeting_id": spec.meeting_id,
        "group": GROUP,
        "start": spec.start.isoformat(),
        "end": spec.end.isoformat() if spec.end else "",
        "kind": KIND,
        "city": _text(spec.city, "city", 300, required=False) or "",
        "host_country": host or "",
        "format": spec.format,
    }
    run_import(
        unit, [Source.from_rows(f"cxo:{spec.meeting_id}", "meetings", MEETING_HEADER, [row])]
    )
    meeting_pk = connection.execute(
        select(Meeting.id).where(Meeting.meeting_id == spec.meeting_id)
    ).scalar_one()
    connection.execute(
        insert(CxoMeeting).values(
            meeting_id=meeting_pk,
            title=title,
            theme=theme,
            regions=regions,
            summary=_text(spec.summary, "summary", 5000, required=False),
        )
    )
    return spec.meeting_id


@dataclass(frozen=True)
class AgendaInput:
    title: str
    objective: str | None = None
    work_item: str | None = None
    source: str = "secretariat"
    survey_id: str | None = None
    question_key: str | None = None
    position: int | None = None


def _meeting_target(meeting_id: str, *args: object, **kwargs: object) -> str:
    return meeting_id


@operation("cxo.agenda", target=_meeting_target)
def add_agenda_item(unit: Unit, meeting_id: str, item: AgendaInput) -> int:
    """Add an item to a meeting's agenda (at the end, or at ``position``); its position."""
    connection = unit.connection
    key = meeting_key(connection, meeting_id)
    assert key is not None
    title = _text(item.title, "title", 500)
    source = item.source.strip().lower() if item.source else "secretariat"
    if source not in SOURCES:
        raise CxoError(
            _l(
                "source: '%(value)s' is not one of %(sources)s",
                value=item.source,
                sources=", ".join(SOURCES),
            )
        )
    objective = _text(item.objective, "objective", 100, required=False)
    if objective is not None and objective.upper() in OBJECTIVES:
        objective = objective.upper()
    survey = _text(item.survey_id, "survey_id", 100, required=False)
    question = _text(item.question_key, "question_key", 100, required=False)
    if (survey or question) and source != "consultation":
        raise CxoError(_l("survey_id: only an item from the consultation names a survey"))
    last = connection.execute(
        select(func.max(CxoAgendaItem.position)).where(CxoAgendaItem.cxo_meeting_id == key.pk)
    ).scalar()
    position = item.position if item.position is not None else int(last or 0) + 1
    if not 1 <= position <= 999:
        raise CxoError(_l("position: %(value)s is not between 1 and 999", value=position))
    taken = connection.execute(
        select(CxoAgendaItem.id).where(
            CxoAgendaItem.cxo_meeting_id == key.pk, CxoAgendaItem.position == position
        )
    ).first()
    if taken is not None:
        raise CxoError(_l("position: item %(value)s of the agenda exists already", value=position))
    connection.execute(
        insert(CxoAgendaItem).values(
            cxo_meeting_id=key.pk,
            position=position,
            title=title,
            objective=objective,
            work_item=_text(item.work_item, "work_item", 300, required=False),
            source=source,
            survey_id=survey,
            question_key=question,
        )
    )
    return position


@operation("cxo.recording", target=_meeting_target)
def add_recording(
    unit: Unit, meeting_id: str, title: str, url: str, speaker: str | None = None
) -> None:
    """A recording of a presentation, as a link (Res. 68 resolves 11)."""
    key = meeting_key(unit.connection, meeting_id)
    assert key is not None
    if not URL.fullmatch(url.strip()):
        raise CxoError(_l("url: '%(value)s' is not an http(s) address", value=url[:100]))
    unit.connection.execute(
        insert(CxoRecording).values(
            cxo_meeting_id=key.pk,
            title=_text(title, "title", 300),
            url=url.strip(),
            speaker=_text(speaker, "speaker", 300, required=False),
        )
    )
