"""The structure of a parse, without the seed texts: numbers, verbs, addressees, counts, and for
each text only its first words and a short hash (the seeds must not be copied into the repo)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"
GOLDEN = Path(__file__).parent / "golden"
SEED_FILES = sorted(p.name for p in SEEDS.glob("0*.txt"))


def sig(text: str | None) -> str | None:
    """First three words and an 8-hex hash: enough to check a text, too little to copy it."""
    if text is None:
        return None
    words = " ".join(text.split()[:3])
    return f"{words} … #{hashlib.sha1(text.encode()).hexdigest()[:8]} ({len(text)})"


def _items(items: list[dict[str, Any]]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        entry: dict[str, Any] = {"num": item["num"], "text": sig(item["text"])}
        if item.get("items"):
            entry["items"] = [[i["num"], sig(i["text"])] for i in item["items"]]
        out.append(entry)
    return out


def _parts(parts: list[dict[str, Any]]) -> list[Any]:
    return [
        {
            "num": p["num"],
            "title": sig(p["title"]),
            "items": len(p["items"]),
            "parts": _parts(p["parts"]),
        }
        for p in parts
    ]


def resolution(doc: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"keys": sorted(doc)}
    for key in ("number", "assembly", "revised", "place_year", "history"):
        if key in doc:
            out[key] = doc[key]
    out["title"] = sig(doc.get("title"))
    out["preamble"] = [
        {"verb": p["verb"], "items": _items(p["items"])} for p in doc.get("preamble", [])
    ]
    out["operative"] = [
        {
            "verb": o["verb"],
            "addressee": o["addressee"],
            "with": o["with"],
            "condition": o["condition"],
            "clauses": _items(o["clauses"]),
        }
        for o in doc["operative"]
    ]
    out["references"] = [[r["body"], r["number"], r["revision"]] for r in doc["references"]]
    out["footnotes"] = [[f["num"], sig(f["text"])] for f in doc["footnotes"]]
    out["annexes"] = [
        {"title": sig(a["title"]), "parts": _parts(a["parts"])} for a in doc.get("annexes", [])
    ]
    return out


def structure(doc: dict[str, Any]) -> dict[str, Any]:
    if doc.get("kind") != "collection":
        return resolution(doc)
    return {
        "kind": "collection",
        "assembly": doc["assembly"],
        "place_year": doc["place_year"],
        "lists": doc["lists"],
        "status_table": [[r["status"], r["number"], sig(r["title"])] for r in doc["status_table"]],
        "extracts": [resolution(e) for e in doc["extracts"]],
    }
