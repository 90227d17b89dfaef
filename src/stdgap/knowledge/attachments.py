"""Attachments: a PDF or DOCX document attached to an item, its text read on upload (pypdf,
python-docx) within limits, stored, and searched with the item; a bad file is refused with a
reason, and nothing is written."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, select, update

from stdgap.i18n.translate import _l
from stdgap.knowledge.errors import KnowledgeError, TooLarge
from stdgap.knowledge.items import attached_texts, item_pk, next_revision, terms_of
from stdgap.knowledge.models import KnowledgeAttachment, KnowledgeItem
from stdgap.store.unit import Unit, operation
from stdgap.tabular.text import control_character

#: The largest attachment accepted (bytes).
MAX_BYTES = 20 * 1024 * 1024
#: The most pages of a PDF read, and the most text kept of a document (characters).
MAX_PAGES = 500
MAX_TEXT = 1_000_000
#: The most a DOCX may unpack to (a zip bomb is refused), and its text part
#: (``word/document.xml``, parsed whole) alone.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_DOCUMENT_XML = 20 * 1024 * 1024
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NAME = re.compile(r"[^\w.\- ()]+")


@dataclass(frozen=True)
class Extracted:
    filename: str
    media_type: str
    size: int
    sha256: str
    text: str


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise KnowledgeError(_l("%(file)s: the PDF is encrypted", file=name))
        parts = []
        for number, page in enumerate(reader.pages):
            if number >= MAX_PAGES:
                break
            parts.append(page.extract_text() or "")
            if sum(len(p) for p in parts) > MAX_TEXT:
                break
        return "\n".join(parts)
    except KnowledgeError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError, RecursionError):
        # PyPdfError: every refusal of pypdf, a LimitReachedError (a decompression bomb) too
        raise KnowledgeError(_l("%(file)s: not a readable PDF", file=name)) from None


def _docx_text(data: bytes, name: str) -> str:
    from docx import Document
    from lxml.etree import LxmlError

    unreadable = KnowledgeError(_l("%(file)s: not a readable DOCX document", file=name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(i.file_size for i in members) > MAX_UNPACKED or any(
                i.filename == "word/document.xml" and i.file_size > MAX_DOCUMENT_XML
                for i in members
            ):
                raise KnowledgeError(_l("%(file)s: the document unpacks too large", file=name))
        document = Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append(" ".join(cell.text for cell in row.cells))
    except KnowledgeError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, LxmlError, RecursionError):
        # LxmlError: broken XML, an entity bomb ("billion laughs") refused by the parser
        raise unreadable from None
    except Exception as error:  # python-docx raises its own kinds for a broken package
        if type(error).__module__.startswith("docx"):
            raise unreadable from None
        raise
    return "\n".join(parts)


def extract(filename: str, data: bytes) -> Extracted:
    """The text of a PDF or DOCX document (its name's suffix says which)."""
    name = _NAME.sub("_", Path(filename or "document").name).strip() or "document"
    name = name[:200]
    suffix = Path(name).suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise KnowledgeError(
            _l("%(file)s: unsupported kind of file (attach a .pdf or a .docx)", file=name)
        )
    if len(data) > MAX_BYTES:
        raise TooLarge(
            _l(
                "%(file)s: too large (%(size)s bytes; at most %(limit)s)",
                file=name,
                size=len(data),
                limit=MAX_BYTES,
            )
        )
    if not data:
        raise KnowledgeError(_l("%(file)s: the file is empty", file=name))
    text = _pdf_text(data, name) if suffix == ".pdf" else _docx_text(data, name)
    text = _CONTROL.sub(" ", text)[:MAX_TEXT]
    assert control_character(text) is None
    return Extracted(
        name, MEDIA_TYPES[suffix], len(data), hashlib.sha256(data).hexdigest(), text.strip()
    )


@operation("knowledge.attach", target=lambda item_id, *a, **k: item_id)
def attach(unit: Unit, item_id: str, filename: str, data: bytes) -> Extracted:
    """Attach a document to an item (the same name again replaces it); its text is read now
    and searched with the item."""
    connection = unit.connection
    pk = item_pk(connection, item_id)
    found = extract(filename, data)
    now = datetime.now().replace(microsecond=0)
    values = {
        "media_type": found.media_type,
        "size": found.size,
        "sha256": found.sha256,
        "text": found.text,
        "added_at": now,
    }
    existing = connection.execute(
        select(KnowledgeAttachment.id).where(
            KnowledgeAttachment.item_id == pk, KnowledgeAttachment.filename == found.filename
        )
    ).scalar()
    if existing is None:
        connection.execute(
            insert(KnowledgeAttachment).values(item_id=pk, filename=found.filename, **values)
        )
    else:
        connection.execute(
            update(KnowledgeAttachment).where(KnowledgeAttachment.id == existing).values(**values)
        )
    row = connection.execute(select(KnowledgeItem).where(KnowledgeItem.id == pk)).one()
    terms = terms_of(row._asdict(), attached_texts(connection, pk))
    connection.execute(
        update(KnowledgeItem)
        .where(KnowledgeItem.id == pk)
        .values(**terms, changed_at=now, revision=next_revision(connection))
    )
    unit.details["file"] = found.filename
    unit.details["characters"] = len(found.text)
    return found
