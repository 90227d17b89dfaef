"""A resolution as its page shows it: every version (which one tracking is based on), the text
of a version as stored (preamble, references, footnotes), its Akoma Ntoso, and the uploaded
evidence files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from stdgap.i18n.translate import _l
from stdgap.resolutions.akn import to_akn
from stdgap.resolutions.models import EvidenceFile, ResolutionVersion, TrackedResolution
from stdgap.resolutions.parsed import Resolution
from stdgap.resolutions.queries import (
    TrackingError,
    pick_version,
    tracked_versions,
    version_name,
    versions_of,
)

#: Characters kept in a download's file name.
_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")


def versions(engine: Engine, number: int, body: str = "WTSA") -> list[dict[str, Any]]:
    """Every version, oldest first, saying which the tracking view is made of."""
    with Session(engine) as session:
        found = versions_of(session, number, body)
        used = tracked_versions(found)
        return [
            {
                "label": version.label,
                "name": version_name(version),
                "year": version.year,
                "extract": version.partial,
                "revised": version.revised,
                "source": version.source,
                "imported_at": version.imported_at.isoformat(timespec="seconds"),
                "basis": version is used[0],
                "tracked": version in used,
            }
            for version in found
        ]


def stored_document(
    engine: Engine, number: int, body: str = "WTSA", label: str | None = None
) -> tuple[ResolutionVersion, dict[str, Any]]:
    """A version (the basis of tracking unless ``label`` names one) and its parsed JSON; an
    extract's, which its text does not date, gets the assembly and place and year of the
    version it was imported as, so that a download says which version it is."""
    with Session(engine) as session:
        version = pick_version(session, number, body, label)
        session.expunge(version)
        document = dict(version.document)
        if version.partial:
            document.setdefault("assembly", body)
            document.setdefault("place_year", version.label)
        return version, document


def akn(document: dict[str, Any]) -> bytes:
    """The Akoma Ntoso XML of a stored version."""
    return to_akn(Resolution.from_dict(document))


def download_name(body: str, number: int, version: ResolutionVersion, suffix: str) -> str:
    """``WTSA-44-Geneva-2022.json``; an extract's name says so."""
    label = _UNSAFE.sub("-", version.label).strip("-")
    extract = "-extract" if version.partial else ""
    return f"{_UNSAFE.sub('-', body)}-{number}-{label}{extract}{suffix}"


def _tracked(engine: Engine) -> set[tuple[str, int]]:
    with Session(engine) as session:
        rows = session.execute(select(TrackedResolution.body, TrackedResolution.number)).all()
        return {(row.body, row.number) for row in rows}


@dataclass(frozen=True)
class ReferenceView:
    body: str | None
    number: int
    revision: str | None
    kind: str
    edition: int | None
    #: The address of the referenced text when it is in the store.
    href: str | None


def references(
    engine: Engine, document: dict[str, Any], own_body: str = "WTSA"
) -> list[dict[str, Any]]:
    """The references of a stored text, each linked when the text it cites is tracked (a
    reference without an assembly is one of the citing text's own)."""
    tracked = _tracked(engine)
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, int, str | None, str, object]] = set()
    for raw in document.get("references", []):
        body = raw.get("body")
        number = int(raw["number"])
        kind = str(raw.get("kind") or "resolution")
        target = (str(body or own_body).upper(), number)
        # "Resolution 54 of this assembly" and "Resolution 54 (…) of WTSA" cite one text
        identity = (*target, raw.get("revision"), kind, raw.get("edition"))
        if identity in seen:
            continue
        seen.add(identity)
        if body is None:
            body = target[0]
        href = None
        if kind == "resolution" and target in tracked:
            href = f"/resolutions/{number}" + ("" if target[0] == "WTSA" else f"?body={target[0]}")
        edition = raw.get("edition")
        view = ReferenceView(
            body,
            number,
            raw.get("revision"),
            kind,
            int(edition) if edition is not None else None,
            href,
        )
        out.append({**view.__dict__, "label": reference_label(view)})
    return out


def reference_label(reference: ReferenceView) -> str:
    """How a reference reads: "Resolution 123 (Rev. Dubai, 2018) of PP", "Resolution ITU-R 1-8"."""
    if reference.body == "RA":
        number = f"ITU-R {reference.number}"
        if reference.edition is not None:
            number += f"-{reference.edition}"
    else:
        number = str(reference.number)
    if reference.kind == "decision":
        text = str(_l("Decision %(number)s", number=number))
    else:
        text = str(_l("Resolution %(number)s", number=number))
    if reference.revision:
        text += f" ({reference.revision})"
    if reference.body and reference.body != "RA":
        text = str(_l("%(reference)s of %(assembly)s", reference=text, assembly=reference.body))
    return text


def evidence_file(engine: Engine, file_id: int) -> EvidenceFile:
    with Session(engine) as session:
        found = session.get(EvidenceFile, file_id)
        if found is None:
            raise TrackingError(_l("no evidence file %(id)s", id=file_id))
        session.expunge(found)
        return found
