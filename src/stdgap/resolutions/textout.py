"""A plain-text outline of a parsed document (``--format text``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from stdgap.resolutions.parsed import Collection, Item, Parsed, Part, Resolution


def _items(items: Sequence[Item], depth: int) -> Iterator[str]:
    pad = "  " * depth
    for item in items:
        num = f"{item.num}) " if item.num and not item.num.isdigit() else ""
        num = f"{item.num}  " if item.num and item.num.isdigit() else num
        yield f"{pad}{num}{item.text}"
        yield from _items(item.items, depth + 1)


def _parts(parts: Sequence[Part], depth: int) -> Iterator[str]:
    for part in parts:
        yield "  " * depth + " ".join(x for x in (part.num, part.title) if x)
        yield from _items(part.items, depth + 1)
        yield from _parts(part.parts, depth + 1)


def resolution_lines(res: Resolution) -> Iterator[str]:
    heading = (
        res.designation or f"Resolution {res.number if res.number is not None else '?'}"
    ).upper()
    if res.place_year:
        heading += f" ({'Rev. ' if res.revised else ''}{res.place_year})"
    yield heading + (f"  [{res.assembly}]" if res.assembly else "")
    if res.title:
        yield res.title
    if res.history:
        yield "history: " + "; ".join(res.history)
    for pre in res.preamble:
        yield ""
        yield pre.verb
        yield from _items(pre.items, 1)
    for op in res.operative:
        yield ""
        yield " ".join(x for x in (op.verb, op.addressee) if x)
        for other in op.with_:
            yield f"  (with: {other})"
        if op.condition:
            yield f"  (condition: {op.condition})"
        yield from _items(op.clauses, 1)
    if res.references:
        yield ""
        yield "references:"
        for ref in res.references:
            yield f"  {ref.body or '?'} {ref.number}" + (
                f" ({ref.revision})" if ref.revision else ""
            )
    if res.footnotes:
        yield ""
        yield "footnotes:"
        for note in res.footnotes:
            yield f"  {note.num}  {note.text}"
    for annex in res.annexes:
        yield ""
        yield f"ANNEX: {annex.title}"
        yield from _parts(annex.parts, 1)


def to_text(parsed: Parsed) -> str:
    if isinstance(parsed, Collection):
        lines = ["COLLECTION" + (f" [{parsed.assembly} {parsed.place_year}]")]
        for row in parsed.status_table:
            lines.append(f"  {row.status:<5} {row.number:>4}  {row.title}")
        for extract in parsed.extracts:
            lines += ["", "-" * 72, *resolution_lines(extract)]
        return "\n".join(lines) + "\n"
    return "\n".join(resolution_lines(parsed)) + "\n"
