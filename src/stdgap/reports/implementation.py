"""The implementation report of resolutions: each resolution's newest version, clause by clause,
with the status and actions of every clause, in the document model of every report (cover,
contents, summary tables by status and by addressee; DOCX, PDF or HTML). A clause's text is a
full-width paragraph under a heading line (where, to whom, its status), never a table column."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from stdgap.documents.document import Entry, Report, Section, TextTable
from stdgap.documents.order import group_key
from stdgap.i18n import formatting
from stdgap.i18n.translate import N_, ngettext, use
from stdgap.i18n.translate import gettext as _
from stdgap.reports.tables import document_symbol
from stdgap.resolutions.addressees import CODES
from stdgap.resolutions.models import STATUSES
from stdgap.resolutions.queries import ClauseView, clauses, list_resolutions

#: A clause's status as read (in the order a summary lists them).
STATUS_LABELS: dict[str, str] = {
    "not_started": N_("Not started"),
    "planned": N_("Planned"),
    "in_progress": N_("In progress"),
    "blocked": N_("Blocked"),
    "done": N_("Done"),
}
ADDRESSEE_LABELS: dict[str, str] = {
    "director_tsb": N_("Director of TSB"),
    "director_bdt": N_("Director of BDT"),
    "director_br": N_("Director of BR"),
    "secretary_general": N_("Secretary-General"),
    "council": N_("ITU Council"),
    "tsag": N_("TSAG"),
    "study_groups": N_("Study groups"),
    "member_states": N_("Member States"),
    "sector_members": N_("Sector Members"),
    "associates": N_("Associates"),
    "academia": N_("Academia"),
    "regional_offices": N_("ITU regional offices"),
    "regions": N_("Regions"),
    "regional_organizations": N_("Regional telecommunication organizations"),
}
#: Clauses addressed to no one in particular (``resolves``).
NO_ADDRESSEE = N_("The conference (no addressee)")


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def _order(status: str) -> int:
    known = list(STATUS_LABELS)
    return known.index(status) if status in known else len(known)


def addressees(view: ClauseView) -> list[str]:
    """A clause's addressees as read (its codes' labels, else the text of the resolution)."""
    if view.addressee_codes:
        return [
            _(ADDRESSEE_LABELS[code]) if code in ADDRESSEE_LABELS else code
            for code in view.addressee_codes
        ]
    return [view.addressee] if view.addressee else [_(NO_ADDRESSEE)]


def _addressee_key(code: str) -> tuple[int, tuple[object, ...]]:
    return (CODES.index(code), ()) if code in CODES else (len(CODES), group_key(code))


#: The path part of a clause its text leaves unnumbered (``u1``).
UNNUMBERED = re.compile(r"^u\d+$")


def clause_place(view: ClauseView) -> str:
    """Where a clause sits: its verb and numbers as written (``instructs 3 ii``; a clause the
    text does not number, stored as ``u1``, ``u2`` …, has none)."""
    numbers = " ".join(part for part in view.path.split("/")[1:] if not UNNUMBERED.match(part))
    return f"{view.verb} {numbers}".strip()


def _action(action: dict[str, object]) -> str:
    text = _(
        "%(who)s: %(what)s (%(status)s)",
        who=action["who"],
        what=action["what"],
        status=status_label(str(action["status"])),
    )
    if action.get("when"):
        text += "; " + _("due %(date)s", date=formatting.date(action["when"]))
    kept = action.get("evidence_file")
    evidence = kept.get("filename") if isinstance(kept, dict) else action.get("evidence")
    if evidence:
        text += "; " + _("evidence: %(evidence)s", evidence=evidence)
    return text


def _count(statuses: Counter[str]) -> str:
    parts = [
        f"{status_label(status)}: {formatting.count(statuses[status])}"
        for status in sorted(statuses, key=_order)
    ]
    return "; ".join(parts)


def _summary(views: list[ClauseView], resolutions: int) -> Section:
    by_status = Counter(view.status for view in views)
    statuses = sorted(set(STATUSES) | set(by_status), key=_order)
    total = len(views)
    status_table = TextTable(
        _("Clauses by status"),
        [_("Status"), _("Clauses"), _("Share")],
        [
            [
                status_label(status),
                formatting.count(by_status[status]),
                formatting.percent(by_status[status] / total if total else None),
            ]
            for status in statuses
        ]
        + [[_("All clauses"), formatting.count(total), formatting.percent(1.0 if total else None)]],
    )
    by_addressee: dict[str, Counter[str]] = {}
    for view in views:
        for code in view.addressee_codes or [""]:
            by_addressee.setdefault(code, Counter())[view.status] += 1
    shown = [status for status in statuses if any(c[status] for c in by_addressee.values())]
    addressee_table = TextTable(
        _("Clauses by addressee and status"),
        [_("Addressee"), *(status_label(status) for status in shown), _("All")],
        [
            [
                _(ADDRESSEE_LABELS[code]) if code in ADDRESSEE_LABELS else code or _(NO_ADDRESSEE),
                *(formatting.count(counts[status]) for status in shown),
                formatting.count(sum(counts.values())),
            ]
            for code, counts in sorted(
                by_addressee.items(), key=lambda item: _addressee_key(item[0])
            )
        ],
    )
    return Section(
        _("Summary"),
        [
            ngettext(
                "%(num)s clause of %(resolutions)s resolution is tracked: %(statuses)s.",
                "%(num)s clauses of %(resolutions)s resolutions are tracked: %(statuses)s.",
                total,
                num=formatting.count(total),
                resolutions=formatting.count(resolutions),
                statuses=_count(by_status) or _("none"),
            ),
            _(
                "A clause addressed to several addressees counts once for each in the table "
                "by addressee."
            ),
        ],
        [status_table, addressee_table],
    )


def build_implementation_report(
    engine: Engine, numbers: list[int] | None = None, language: str = "en"
) -> Report:
    """The report of every tracked resolution (or those ``numbers``), in ``language``."""
    with use(language):
        return _build(engine, numbers)


def _build(engine: Engine, numbers: list[int] | None) -> Report:
    sections: list[Section] = []
    every: list[ClauseView] = []
    for resolution in list_resolutions(engine):
        if numbers and resolution.number not in numbers:
            continue
        views = clauses(engine, resolution.number, resolution.body)
        every += views
        heading = _(
            "%(body)s Resolution %(number)s (%(version)s)",
            body=resolution.body,
            number=resolution.number,
            version=resolution.versions[-1],
        )
        if resolution.title:
            heading += f": {resolution.title}"
        summary = (
            ngettext(
                "%(num)s clause: %(statuses)s.",
                "%(num)s clauses: %(statuses)s.",
                len(views),
                num=len(views),
                statuses=_count(Counter(v.status for v in views)),
            )
            if views
            else _("No clause is tracked.")
        )
        entries = [
            Entry(
                _(
                    "%(place)s — %(addressees)s — %(status)s",
                    place=clause_place(view),
                    addressees=", ".join(addressees(view)),
                    status=status_label(view.status),
                ),
                view.text,
                [_action(action) for action in view.actions],
            )
            for view in views
        ]
        sections.append(Section(heading, [summary], entries=entries))
    resolutions = len(sections)
    if not sections:
        sections = [Section(_("No resolution"), [_("No resolution is tracked in the store yet.")])]
    issued = date.today()
    return Report(
        _("Implementation of resolutions"),
        _(
            "The status of every clause of the newest version of each resolution, with the "
            "actions taken."
        ),
        [_summary(every, resolutions), *sections] if every else sections,
        symbol=document_symbol("implementation", issued.year),
        subject=_("Implementation of resolutions, clause by clause"),
        keywords=[_("resolutions"), _("implementation"), _("ITU-T")],
        issued=issued,
    )


def write_implementation_report(
    engine: Engine, path: Path, numbers: list[int] | None = None, language: str = "en"
) -> int:
    """Write the report to ``path`` (``.docx``, ``.pdf`` or ``.html``); the number of clauses.
    ``UnknownFormat`` (a ``ValueError``) for another extension."""
    from stdgap.documents.output import write_report

    report = build_implementation_report(engine, numbers, language)
    write_report(report, path)
    return sum(len(section.entries) for section in report.sections)
