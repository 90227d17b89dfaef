"""Two versions of a resolution compared clause by clause, matched on the clause path.

Statuses: ``added``, ``removed``, ``changed``, ``unchanged``; when either version is an extract
(it quotes only some clauses), a clause it does not quote is ``not_quoted``, not removed or added.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from stdgap.resolutions.models import ResolutionClause, ResolutionVersion
from stdgap.resolutions.queries import TrackingError, pick_version, versions_of


@dataclass(frozen=True)
class DiffRow:
    path: str
    status: str
    old: str | None
    new: str | None

    def segments(self) -> list[tuple[str, str]]:
        """The change as (``equal`` | ``deleted`` | ``inserted``, words) pieces, for a page."""
        old, new = (self.old or "").split(), (self.new or "").split()
        out: list[tuple[str, str]] = []
        for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
            if op == "equal":
                out.append(("equal", " ".join(old[a1:a2])))
                continue
            if a2 > a1:
                out.append(("deleted", " ".join(old[a1:a2])))
            if b2 > b1:
                out.append(("inserted", " ".join(new[b1:b2])))
        return out

    def words(self) -> str:
        """The change as words struck ``[-…-]`` and inserted ``{+…+}``."""
        old, new = (self.old or "").split(), (self.new or "").split()
        out: list[str] = []
        for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
            if op == "equal":
                out.extend(old[a1:a2])
                continue
            if a2 > a1:
                out.append("[-" + " ".join(old[a1:a2]) + "-]")
            if b2 > b1:
                out.append("{+" + " ".join(new[b1:b2]) + "+}")
        return " ".join(out)


def _comparable(text: str) -> str:
    text = re.sub(r"[\u2018\u2019]", "'", text)
    return re.sub(r"\s+", " ", text).strip().rstrip(";,.").lower()


def _texts(session: Session, version: ResolutionVersion) -> dict[str, str]:
    rows = session.execute(
        select(ResolutionClause.path, ResolutionClause.text)
        .where(ResolutionClause.version_id == version.id)
        .order_by(ResolutionClause.position)
    ).all()
    return {path: text for path, text in rows}


def diff_versions(
    engine: Engine,
    number: int,
    old_label: str | None = None,
    new_label: str | None = None,
    body: str = "WTSA",
) -> tuple[str, str, list[DiffRow]]:
    """(old label, new label, rows) — by default the two newest versions."""
    with Session(engine) as session:
        versions = versions_of(session, number, body)
        if new_label is None and old_label is None and len(versions) < 2:
            raise TrackingError(f"{body} {number} has a single version")
        new = pick_version(session, number, body, new_label) if new_label else versions[-1]
        if old_label:
            old = pick_version(session, number, body, old_label)
        else:
            older = [v for v in versions if v.id != new.id and (v.year or 0) <= (new.year or 0)]
            if not older:
                raise TrackingError(f"no version of {body} {number} older than {new.label}")
            old = older[-1]
        before, after = _texts(session, old), _texts(session, new)
        rows: list[DiffRow] = []
        for path, text in after.items():
            if path not in before:
                # an older extract did not quote it: not a clause the newer text added
                rows.append(DiffRow(path, "not_quoted" if old.partial else "added", None, text))
            elif _comparable(before[path]) != _comparable(text):
                rows.append(DiffRow(path, "changed", before[path], text))
            else:
                rows.append(DiffRow(path, "unchanged", before[path], text))
        gone = "not_quoted" if new.partial else "removed"
        rows += [DiffRow(p, gone, t, None) for p, t in before.items() if p not in after]
        return _name(old), _name(new), rows


def _name(version: ResolutionVersion) -> str:
    return version.label + (" (extract)" if version.partial else "")
