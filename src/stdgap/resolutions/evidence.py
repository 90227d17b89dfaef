"""Evidence of an action: a link (``https://…``) or a file uploaded with it.

A file is checked before anything is written — a name of its own (no folders), a type we accept
(by its suffix), contents that are what the suffix says (the first bytes of a PDF, a PNG, a JPEG,
an Office/OpenDocument file; UTF-8 text for ``.txt`` and ``.csv``) and at most ``MAX_BYTES`` —
and kept in the store; the action's evidence is then the file's address in the tracker,
``/resolutions/evidence/ID``, which every version's copy of the action shares.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from stdgap.i18n.translate import _l

#: 10 MiB: minutes, reports and screenshots, not recordings.
MAX_BYTES = 10 * 1024 * 1024
#: The address of an uploaded file (what the action's evidence holds).
FILE_ADDRESS = re.compile(r"^/resolutions/evidence/(\d+)$")
#: A link given as evidence: only web addresses are shown as links.
LINK = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
#: Schemes a browser would run or read locally: refused as evidence (after removing what
#: browsers ignore in a scheme: spaces, tabs, control characters).
UNSAFE_SCHEME = re.compile(r"^(javascript|vbscript|data|file|blob):", re.IGNORECASE)
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
#: Characters no evidence, name or description holds.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_ZIP = (b"PK\x03\x04",)
#: Suffix → (media type, accepted first bytes; None: UTF-8 text).
TYPES: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ZIP,
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ZIP,
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".txt": ("text/plain; charset=utf-8", None),
    ".csv": ("text/csv; charset=utf-8", None),
}


class EvidenceError(ValueError):
    """A file or link that cannot be the evidence of an action."""


@dataclass(frozen=True)
class Upload:
    """A file as received: the name its sender gave and its bytes."""

    filename: str
    content: bytes


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    media_type: str
    content: bytes


def clean_name(given: str) -> str:
    """The file's own name: no folders (either kind of slash), no control characters, NFC,
    at most 200 characters with its suffix kept."""
    name = PureWindowsPath(PurePosixPath(given).name).name
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if ch.isprintable()).strip()
    name = name.lstrip(".")
    if len(name) > 200:
        suffix = PurePosixPath(name).suffix[:20]
        name = name[: 200 - len(suffix)] + suffix
    return name


def check_upload(upload: Upload) -> CheckedFile:
    """The upload as it will be kept, or :class:`EvidenceError` saying what is wrong."""
    name = clean_name(upload.filename)
    if not name:
        raise EvidenceError(_l("the evidence file has no name"))
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in TYPES:
        raise EvidenceError(
            _l(
                "%(file)s: evidence files may be %(types)s",
                file=name,
                types=", ".join(sorted(TYPES)),
            )
        )
    if not upload.content:
        raise EvidenceError(_l("%(file)s is empty", file=name))
    if len(upload.content) > MAX_BYTES:
        raise EvidenceError(
            _l(
                "%(file)s is too large: at most %(limit)s MiB",
                file=name,
                limit=MAX_BYTES // (1024 * 1024),
            )
        )
    media_type, magic = TYPES[suffix]
    if magic is None:
        try:
            text = upload.content.decode("utf-8")
        except UnicodeDecodeError as error:
            raise EvidenceError(
                _l(
                    "%(file)s is not UTF-8 text (byte %(offset)s)",
                    file=name,
                    offset=error.start,
                )
            ) from None
        if "\x00" in text:
            raise EvidenceError(_l("%(file)s is not text: it holds NUL bytes", file=name))
    elif not upload.content.startswith(magic):
        raise EvidenceError(
            _l(
                "%(file)s is not a %(suffix)s file: its contents say otherwise",
                file=name,
                suffix=suffix,
            )
        )
    return CheckedFile(name, media_type, upload.content)


def file_id(evidence: str | None) -> int | None:
    """The id of the uploaded file an action's evidence names, or None."""
    match = FILE_ADDRESS.match(evidence or "")
    return int(match.group(1)) if match else None


def is_link(evidence: str | None) -> bool:
    return bool(evidence) and LINK.match(evidence or "") is not None


def check_text(field: str, value: str, limit: int) -> str:
    """A text field of an action: stripped, without control characters, at most ``limit``."""
    value = value.strip()
    if CONTROL.search(value):
        raise EvidenceError(_l("%(field)s holds control characters", field=field))
    if len(value) > limit:
        raise EvidenceError(
            _l(
                "%(field)s is %(length)s characters long: at most %(limit)s",
                field=field,
                length=len(value),
                limit=limit,
            )
        )
    return value


def check_link(evidence: str) -> str:
    """Evidence given as text or a link: a link a browser would run is refused."""
    value = check_text("evidence", evidence, 1000)
    if UNSAFE_SCHEME.match(_IGNORED_IN_SCHEME.sub("", value)):
        raise EvidenceError(
            _l(
                "evidence: only web addresses (https://…) are links; %(scheme)s is not accepted",
                scheme=value.split(":", 1)[0].strip()[:20] + ":",
            )
        )
    return value
