"""Annexes: a title, then parts (``I<tab>Programme 1: …``, ``1)<tab>Objective``, ``a)<tab>…``)
holding bulleted entries, as in the action plan annexed to Resolution 44."""

from __future__ import annotations

import re
from collections.abc import Sequence

from stdgap.resolutions.cleanup import squash
from stdgap.resolutions.lines import Line
from stdgap.resolutions.parsed import Annex, Item, Part

_TO_RESOLUTION = re.compile(r"^\(to .*\)$", re.I)
_PROGRAMME = re.compile(r"^([IVX]{1,5})[ \t]+(\S.*)$")


class _AnnexBuilder:
    def __init__(self) -> None:
        self.annex = Annex("")
        self.title_done = False
        self.part: Part | None = None
        self.sub: Part | None = None

    def holder(self) -> Part | None:
        return self.sub or self.part

    def feed(self, line: Line, raw: str) -> None:
        programme = _PROGRAMME.match(raw.strip())
        if programme:
            self.title_done = True
            self.part = Part(programme.group(1), squash(programme.group(2)))
            self.sub = None
            self.annex.parts.append(self.part)
        elif line.kind in ("numbered", "item") and self.part is not None:
            self.sub = Part(line.num, line.text)
            self.part.parts.append(self.sub)
        elif line.kind == "bullet":
            self._item(line.text)
        elif not self.annex.title and _TO_RESOLUTION.match(line.text):
            return  # "(to Resolution 44 (Rev. Geneva, 2022))"
        elif not self.title_done and self.part is None:
            self.annex.title = f"{self.annex.title} {line.text}".strip()
        else:
            holder = self.holder()
            if (
                holder is not None
                and holder.items
                and not holder.items[-1].text.endswith((".", ";", ":"))
            ):
                holder.items[-1].text += " " + line.text
            else:
                self._item(line.text)

    def _item(self, text: str) -> None:
        holder = self.holder()
        if holder is None:
            holder = Part(None, "")
            self.annex.parts.append(holder)
            self.part = holder
        holder.items.append(Item(None, text))


def parse_annexes(lines: Sequence[Line], raws: Sequence[str]) -> list[Annex]:
    """Annexes from the ``annex`` line on; ``raws`` are the same lines before classification."""
    annexes: list[Annex] = []
    builder: _AnnexBuilder | None = None
    for line in lines:
        if line.kind == "annex":
            builder = _AnnexBuilder()
            annexes.append(builder.annex)
        elif builder is not None and line.kind != "blank":
            builder.feed(line, raws[line.index])
    return annexes
