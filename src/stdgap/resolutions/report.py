"""The implementation report: each resolution's newest version, clause by clause, with the
status and actions of every clause. DOCX (python-docx: real headings and tables) or HTML
(Jinja2, autoescaped)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from sqlalchemy import Engine

from stdgap.i18n.translate import current
from stdgap.resolutions.queries import ClauseView, clauses, list_resolutions

HEADERS = ("Clause", "Addressee", "Text", "Status", "Actions")


@dataclass(frozen=True)
class Section:
    heading: str
    summary: str
    clauses: list[ClauseView]


def _action_text(view: ClauseView) -> str:
    parts = []
    for action in view.actions:
        bits = [f"{action['who']}: {action['what']}", f"[{action['status']}]"]
        if action.get("when"):
            bits.append(f"by {action['when']}")
        if action.get("evidence"):
            bits.append(f"evidence: {action['evidence']}")
        parts.append(" ".join(bits))
    return "; ".join(parts)


def _who(view: ClauseView) -> str:
    return ", ".join(view.addressee_codes) or (view.addressee or "")


def sections(engine: Engine, numbers: list[int] | None = None) -> list[Section]:
    out: list[Section] = []
    for res in list_resolutions(engine):
        if numbers and res.number not in numbers:
            continue
        views = clauses(engine, res.number, res.body)
        counts = Counter(v.status for v in views)
        summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no clauses"
        heading = f"{res.body} Resolution {res.number} ({res.versions[-1]})"
        if res.title:
            heading += f": {res.title}"
        out.append(Section(heading, f"{len(views)} clauses: {summary}", views))
    return out


def write_docx(path: Path, data: list[Section]) -> None:
    from docx import Document

    document = Document()
    document.add_heading("Implementation of resolutions", level=0)
    for section in data:
        document.add_heading(section.heading, level=1)
        document.add_paragraph(section.summary)
        table = document.add_table(rows=1, cols=len(HEADERS))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
            cell.text = text
        for view in section.clauses:
            cells = table.add_row().cells
            values = (view.path, _who(view), view.text, view.status, _action_text(view))
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
    document.save(str(path))


_HTML = """<!doctype html>
<html lang="{{ language.code }}" dir="{{ language.direction }}">
<head><meta charset="utf-8"><title>Implementation of resolutions</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #999;padding:4px;vertical-align:top}th{background:#eee}
.done{background:#dfd}.blocked{background:#fdd}.in_progress{background:#ffd}</style></head>
<body><h1>Implementation of resolutions</h1>
{% for s in sections %}<h2>{{ s.heading }}</h2><p>{{ s.summary }}</p>
<table><tr>{% for h in headers %}<th>{{ h }}</th>{% endfor %}</tr>
{% for c in s.clauses %}<tr class="{{ c.status }}"><td>{{ c.path }}</td><td>{{ who(c) }}</td>
<td>{{ c.text }}</td><td>{{ c.status }}</td><td>{{ actions(c) }}</td></tr>
{% endfor %}</table>
{% endfor %}</body></html>
"""


def render_html(data: list[Section]) -> str:
    template = Environment(autoescape=True).from_string(_HTML)
    return template.render(
        sections=data, headers=HEADERS, who=_who, actions=_action_text, language=current()
    )


def write_report(engine: Engine, path: Path, numbers: list[int] | None = None) -> int:
    """Write the report to ``path`` (``.docx`` or ``.html``); the number of clause rows."""
    data = sections(engine, numbers)
    if path.suffix.lower() == ".docx":
        write_docx(path, data)
    elif path.suffix.lower() in (".html", ".htm"):
        path.write_text(render_html(data), encoding="utf-8")
    else:
        raise ValueError(f"report format unknown for {path.name}: use .docx or .html")
    return sum(len(s.clauses) for s in data)
