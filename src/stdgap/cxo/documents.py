"""The documents of CxO meetings, in the shared document model (``stdgap.documents``): the
communiqué of a meeting (Res. 68 resolves 10), the report to TSAG on every open conclusion with
its history (resolves 12, 14) and the report to WTSA over a study period (resolves 15); each as
DOCX (A4, with its document properties), PDF (WeasyPrint) or HTML."""

from __future__ import annotations

import re
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Mm
from sqlalchemy import Engine

from stdgap.cxo import queries
from stdgap.cxo.errors import CxoError
from stdgap.cxo.vocabulary import ACTIONS, LEVELS, LINK_KINDS, OPEN_STATES, SOURCES, STATES, label
from stdgap.documents.document import Report, Section
from stdgap.documents.html import render_html
from stdgap.documents.pdf import write_pdf
from stdgap.documents.word import write_docx
from stdgap.i18n import formatting
from stdgap.i18n.translate import _l

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
PERIOD = re.compile(r"(\d{4})-(\d{4})")
AUTHOR = "ITU-T TSB"


def _t(message: Any) -> str:
    return str(message)


def _percent(value: float | None) -> str:
    return formatting.percent(value) if value is not None else formatting.MISSING


def _participation(summary: dict[str, Any]) -> list[str]:
    if not summary["total"]:
        return [_t(_l("No participant is recorded."))]
    levels = ", ".join(
        f"{label(LEVELS, level)}: {count}" for level, count in summary["by_level"].items()
    )
    return [
        _t(
            _l(
                "%(total)s participants (%(in_person)s in person, %(remote)s remote) from "
                "%(organisations)s organisations in %(countries)s countries and %(regions)s "
                "regions; %(members)s from ITU members.",
                total=summary["total"],
                in_person=summary["in_person"],
                remote=summary["remote"],
                organisations=len(summary["organisations"]),
                countries=len(summary["countries"]),
                regions=len(summary["regions"]),
                members=summary["members"],
            )
        ),
        _t(
            _l(
                "From developing countries: %(developing)s; from SMEs and micro enterprises: "
                "%(sme)s of those of known size.",
                developing=_percent(summary["developing_share"]),
                sme=_percent(summary["sme_share"]),
            )
        ),
        _t(_l("Executive levels: %(levels)s.", levels=levels)),
        _t(_l("Organisations: %(names)s.", names="; ".join(summary["organisations"]))),
    ]


def _where(meeting: dict[str, Any]) -> str:
    place = ", ".join(p for p in (meeting["city"], meeting["host_country_name"]) if p)
    when = formatting.date(meeting["start"])
    return f"{when}, {place}" if place else when


def communique(engine: Engine, meeting_id: str) -> Report:
    """The communiqué of a meeting: its theme, agenda, participation and conclusions."""
    meeting = queries.meeting_detail(engine, meeting_id, names=False)
    agenda = [
        f"{item['position']}. {item['title']}"
        + (f" ({label(SOURCES, item['source'])})" if item["source"] != "secretariat" else "")
        for item in meeting["agenda"]
    ]
    conclusions = [
        f"{c['conclusion_id']}. {c['topic']}: {c['text']}"
        + ("" if c["role"] == "raised" else f" [{_t(_l('revisited'))}]")
        for c in meeting["conclusions"]
    ]
    sections = [
        Section(
            _t(_l("Theme")),
            [_t(_l("The meeting's theme: %(theme)s.", theme=meeting["theme"]))]
            + ([meeting["summary"]] if meeting["summary"] else []),
        ),
        Section(_t(_l("Agenda")), agenda or [_t(_l("No agenda item is recorded."))]),
        Section(_t(_l("Participants")), _participation(meeting["participation"])),
        Section(_t(_l("Conclusions")), conclusions or [_t(_l("No conclusion is recorded."))]),
    ]
    if meeting["recordings"]:
        sections.append(
            Section(
                _t(_l("Recordings of the presentations")),
                [f"{r['title']}: {r['url']}" for r in meeting["recordings"]],
            )
        )
    title = _t(_l("Communiqué of the CxO meeting %(meeting)s", meeting=meeting_id))
    return Report(title, f"{meeting['title']}. {_where(meeting)}", sections)


def _history(conclusion: dict[str, Any]) -> list[str]:
    lines = []
    for event in conclusion["history"]:
        what = _t(label(ACTIONS, event["action"]))
        if event["action"] == "state":
            what += f": {label(STATES, event['from_state'])} → {label(STATES, event['to_state'])}"
            details = event["details"] or {}
            if details.get("study_group"):
                what += f" ({details['study_group']} {details.get('question') or ''})".rstrip()
        elif event["action"] == "link" and event["details"]:
            what += f": {event['details'].get('reference')}"
        at = (
            f" {_t(_l('at meeting %(meeting)s', meeting=event['meeting_id']))}"
            if event["meeting_id"]
            else ""
        )
        note = f" — {event['note']}" if event["note"] else ""
        lines.append(f"{event['at']:%Y-%m-%d}: {what}{at} ({event['who']}){note}")
    return lines


def _conclusion_section(conclusion: dict[str, Any]) -> Section:
    state = _t(label(STATES, conclusion["state"]))
    if conclusion["study_group"]:
        state += f" ({conclusion['study_group']}, {conclusion['question']})"
    met = "; ".join(
        f"{m['meeting_id']} ({_t(_l('raised') if m['role'] == 'raised' else _l('revisited'))}"
        + (f": {m['note']}" if m["note"] and m["role"] != "raised" else "")
        + ")"
        for m in conclusion["meetings"]
    )
    links = [
        f"{label(LINK_KINDS, link['kind'])} {link['reference']}"
        + (f" — {link['title']}" if link["title"] else "")
        + (f" <{link['url']}>" if link["url"] else "")
        for link in conclusion["links"]
    ]
    paragraphs = [
        conclusion["text"],
        _t(_l("State: %(state)s.", state=state)),
        _t(_l("Meetings: %(meetings)s.", meetings=met)),
        _t(_l("ITU-T work: %(links)s.", links="; ".join(links) if links else _l("none yet"))),
        _t(_l("History:")),
        *_history(conclusion),
    ]
    title = f"{conclusion['conclusion_id']}. {conclusion['topic']}"
    return Section(title, paragraphs, level=2)


def tsag_since(today: date | None = None, since: date | None = None) -> date:
    """The day from which the report to TSAG lists conclusions closed or dropped: ``since``,
    else a year before ``today`` (TSAG meets about once a year)."""
    if since is not None:
        return since
    day = today or date.today()
    return day - timedelta(days=365)


def tsag_report(engine: Engine, today: date | None = None, since: date | None = None) -> Report:
    """Every open conclusion, its progression, its history and how earlier meetings addressed
    it, then those closed or dropped since ``since`` (a year before ``today`` by default) with
    theirs (Res. 68 resolves 12, 14)."""
    start = tsag_since(today, since)
    found = queries.list_conclusions(engine, open_only=True)
    details = [queries.conclusion_detail(engine, c["conclusion_id"]) for c in found]
    ended = [queries.conclusion_detail(engine, n) for n in queries.ended_since(engine, start)]
    counts = {state: sum(d["state"] == state for d in details) for state in OPEN_STATES}
    intro = _t(
        _l(
            "%(total)s open conclusion(s) of CxO meetings: %(raised)s raised, %(study)s under "
            "study, %(addressed)s addressed.",
            total=len(details),
            raised=counts["raised"],
            study=counts["under_study"],
            addressed=counts["addressed"],
        )
    )
    settled = _t(
        _l(
            "%(ended)s conclusion(s) closed or dropped since %(since)s.",
            ended=len(ended),
            since=start.isoformat(),
        )
    )
    sections = [Section(_t(_l("Summary")), [intro, settled])]
    sections += [_conclusion_section(d) for d in details]
    if ended:
        sections.append(
            Section(_t(_l("Closed or dropped since %(since)s", since=start.isoformat())), [])
        )
        sections += [_conclusion_section(d) for d in ended]
    when = (today or date.today()).isoformat()
    return Report(
        _t(_l("Report to TSAG on the conclusions of CxO meetings")),
        _t(_l("Res. 68 resolves 12 and 14. As of %(day)s.", day=when)),
        sections,
    )


def period_years(period: str) -> tuple[int, int]:
    found = PERIOD.fullmatch(period.strip())
    if found is None or not 1990 <= int(found[1]) <= int(found[2]) <= 2200:
        raise CxoError(
            _l("period: '%(value)s' is not a study period such as 2025-2028", value=period)
        )
    return int(found[1]), int(found[2])


def wtsa_report(engine: Engine, period: str) -> Report:
    """The study period's CxO meetings, their participation, their conclusions and what came
    of them (Res. 68 resolves 15)."""
    first, last = period_years(period)
    meetings = queries.meetings_between(engine, date(first, 1, 1), date(last, 12, 31))
    numbers = sorted({c["conclusion_id"] for m in meetings for c in m["conclusions"]})
    details = [queries.conclusion_detail(engine, n) for n in numbers]
    total = sum(m["participation"]["total"] for m in meetings)
    organisations = {o for m in meetings for o in m["participation"]["organisations"]}
    countries = {c for m in meetings for c in m["participation"]["countries"]}
    regions = {r for m in meetings for r in m["participation"]["regions"]}
    outcome = {state: sum(d["state"] == state for d in details) for state in STATES}
    sections = [
        Section(
            _t(_l("Summary")),
            [
                _t(
                    _l(
                        "%(meetings)s CxO meeting(s) from %(first)s to %(last)s; %(total)s "
                        "participants from %(organisations)s organisations, %(countries)s "
                        "countries and %(regions)s regions.",
                        meetings=len(meetings),
                        first=first,
                        last=last,
                        total=total,
                        organisations=len(organisations),
                        countries=len(countries),
                        regions=len(regions),
                    )
                ),
                _t(
                    _l(
                        "%(count)s conclusion(s) raised or revisited; outcomes: %(outcomes)s.",
                        count=len(details),
                        outcomes=", ".join(
                            f"{label(STATES, state)} {n}" for state, n in outcome.items()
                        ),
                    )
                ),
            ],
        )
    ]
    for meeting in meetings:
        lines = [
            _t(_l("Theme: %(theme)s. %(where)s.", theme=meeting["theme"], where=_where(meeting)))
        ]
        lines += _participation(meeting["participation"])[:2]
        lines += [
            f"{c['conclusion_id']}. {c['topic']} ({label(STATES, c['state'])})"
            for c in meeting["conclusions"]
        ]
        sections.append(Section(f"{meeting['meeting_id']}: {meeting['title']}", lines, level=2))
    sections.append(Section(_t(_l("Conclusions and outcomes")), []))
    sections += [_conclusion_section(d) for d in details]
    return Report(
        _t(_l("Report to WTSA on CxO meetings, %(period)s", period=f"{first}-{last}")),
        _t(_l("Res. 68 resolves 15.")),
        sections,
    )


def _docx(report: Report, path: Path, subject: str) -> None:
    """The reports' Word writer, then A4 pages and the document's properties."""
    write_docx(report, path)
    document = Document(str(path))
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)
    properties = document.core_properties
    properties.title = report.title
    properties.subject = subject
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.keywords = "ITU-T; CTO; CxO; Res. 68"
    properties.comments = report.subtitle
    properties.category = _t(_l("CxO meetings"))
    properties.created = properties.modified = datetime.now().replace(microsecond=0)
    properties.language = "en"
    document.save(str(path))


def render(report: Report, fmt: str, subject: str) -> bytes:
    """``report`` as the bytes of a DOCX, PDF or HTML file."""
    if fmt not in FORMATS:
        raise CxoError(_l("format: '%(value)s' is not one of docx, pdf, html", value=fmt))
    if fmt == "html":
        return render_html(report).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="stdgap-cxo-") as folder:
        path = Path(folder) / f"document.{fmt}"
        if fmt == "docx":
            _docx(report, path, subject)
        else:
            write_pdf(report, path)
        return path.read_bytes()
