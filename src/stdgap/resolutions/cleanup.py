"""The clean-up pass: what word processors leave in exported text, removed before parsing.

``[bookmark: …]`` anchors go; ``[N: …]`` footnote bodies are moved out (with the line they stood
on, so a collection can hand each footnote to its extract); ``[footnoteRef:N]N`` markers and
markers glued to a word (``countries1``) go; non-breaking hyphens become ``-`` and odd spaces
become plain spaces. Line structure is kept: the later passes need it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stdgap.resolutions.furniture import strip_furniture_notes
from stdgap.resolutions.parsed import Footnote

_CHARS = str.maketrans(
    {
        "\u2011": "-",  # non-breaking hyphen
        "\u2010": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\ufb00": "ff",  # ligatures a PDF's text may keep
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        "\r": None,
        "\x0b": "\n",  # Word's manual line break
        "\x0c": "\n",  # page break
    }
)
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
_FOOTNOTE_OPEN = re.compile(r"\[(\d{1,3}):")
_FOOTNOTE_REF = re.compile(r"\[footnoteRef:(\d{1,3})\](\d{1,3})?")
_GLUED_MARKER = re.compile(
    r"(?<=\b[^\W\d_])([^\W\d_]*[a-zà-ÿа-яё]{3})[1-9]\d?(?:,\s?[1-9]\d?)*(?=[\s,;:.)»”]|$)", re.M
)
_SEPARATOR = re.compile(r"^\s*(?:_{5,}|-{10,}|—{3,})\s*$")
_NOTE = re.compile(r"^\s*(\d{1,3}|\*{1,3})(?:[ \t]+|\t*)(\S.*)$")
_NOTE_START = re.compile(r"^\s*(\d{1,3}|\*{1,3})[\t ]")
_HEADING_LIKE = re.compile(r"^\s*(?:RESOLUTION|DECISION|RECOMMENDATION|R[ÉE]SOLUTION|ANNEX)\b")
_SPACES = re.compile(r"[ \t\f\v]+")


@dataclass
class Cleaned:
    text: str
    footnotes: list[tuple[int, Footnote]] = field(default_factory=list)  # (line, footnote)


def normalise_chars(text: str) -> str:
    """Odd hyphens and spaces made plain; characters XML cannot hold dropped."""
    return _UNSAFE.sub("", text.replace("\r\n", "\n").translate(_CHARS))


def squash(text: str) -> str:
    """Whitespace normalised: runs of spaces and tabs to one space, ends stripped."""
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def _closing_bracket(text: str, start: int) -> int:
    """Index of the ``]`` closing the ``[`` at ``start``, or -1."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _footnote_text(num: str, body: str) -> str:
    body = squash(body)
    if body.startswith(num + " ") or body == num:
        body = body[len(num) :].strip()
    return body


def extract_footnotes(text: str) -> Cleaned:
    out: list[str] = []
    notes: list[tuple[int, Footnote]] = []
    position = 0
    line = 0
    for match in _FOOTNOTE_OPEN.finditer(text):
        if match.start() < position:
            continue
        end = _closing_bracket(text, match.start())
        if end < 0:
            continue
        before = text[position : match.start()]
        out.append(before)
        line += before.count("\n")
        num = match.group(1)
        notes.append((line, Footnote(num, _footnote_text(num, text[match.end() : end]))))
        position = end + 1
    out.append(text[position:])
    return Cleaned("".join(out), notes)


def extract_endnotes(text: str) -> tuple[str, list[tuple[int, Footnote]]]:
    """Notes printed after a separator line of underscores (``1<tab>text``), as Final Acts and
    PDF pages print them, moved out of the text; their lines become blank (line numbers kept).
    The notes end at a heading, or at a blank line followed by a line that is not a note."""
    lines = text.split("\n")
    notes: list[tuple[int, Footnote]] = []
    k = 0
    while k < len(lines):
        if not _SEPARATOR.match(lines[k]):
            k += 1
            continue
        following = next((x for x in lines[k + 1 :] if x.strip()), "")
        if not _NOTE_START.match(following):
            k += 1
            continue
        lines[k] = ""
        k += 1
        current: Footnote | None = None
        while k < len(lines):
            line = lines[k]
            if _HEADING_LIKE.match(line) or _SEPARATOR.match(line):
                break
            if not line.strip():
                ahead = next((x for x in lines[k + 1 :] if x.strip()), "")
                if not _NOTE_START.match(ahead):
                    break
                k += 1
                continue
            match = _NOTE.match(line) if _NOTE_START.match(line) else None
            if match:
                current = Footnote(match.group(1), squash(match.group(2)))
                notes.append((k, current))
            elif current is not None:
                current.text = f"{current.text} {squash(line)}"
            lines[k] = ""
            k += 1
    return "\n".join(lines), notes


def _drop_ref(match: re.Match[str]) -> str:
    trailing = match.group(2)
    if trailing is None or trailing == match.group(1):
        return ""
    return trailing


def clean(text: str) -> Cleaned:
    """Run the whole clean-up pass on a document's text."""
    text, page_notes = strip_furniture_notes(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _BOOKMARK.sub("", normalise_chars(text))
    cleaned = extract_footnotes(text)
    body, endnotes = extract_endnotes(cleaned.text)
    body = _FOOTNOTE_REF.sub(_drop_ref, body)
    body = _GLUED_MARKER.sub(r"\1", body)
    for _, note in page_notes:
        note.text = squash(normalise_chars(note.text))
    notes = sorted(cleaned.footnotes + page_notes + endnotes, key=lambda pair: pair[0])
    return Cleaned(body, notes)
