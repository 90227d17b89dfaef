"""Charts drawn once and shared by a report's formats (issue 18: reports in 3 s)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import vl_convert
from docx import Document
from pypdf import PdfReader

from stdgap.charts import render
from stdgap.documents.document import Chart, Report, Section
from stdgap.documents.output import UnknownFormat, write_reports


def _spec(title: str) -> dict[str, Any]:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "data": {"values": [{"a": "x", "b": 3}, {"a": "y", "b": 5}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "a", "type": "nominal"},
            "y": {"field": "b", "type": "quantitative"},
        },
    }


def test_a_chart_is_drawn_once_and_its_png_is_vl_converts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = _spec("drawn once 5d1f")
    drawn: list[str] = []
    draw = render._draw_svg

    def counted(spec: dict[str, Any]) -> str:
        drawn.append(spec["title"])
        return draw(spec)

    monkeypatch.setattr(render, "_draw_svg", counted)
    png = render.to_png(spec)
    assert render.to_png(dict(spec)) == png and render.svg(spec).startswith("<svg")
    assert drawn == ["drawn once 5d1f"]
    assert png == bytes(vl_convert.vegalite_to_png(spec, scale=render.SCALE))


def test_write_reports_writes_every_format_from_one_report(tmp_path: Path) -> None:
    chart = Chart("Bars 9c2e", "Bar chart: x 3, y 5.", _spec("Bars 9c2e"))
    report = Report("Title 9c2e", "Subtitle", [Section("Part", ["Text 9c2e."], [], [chart])])
    paths = [tmp_path / "r.docx", tmp_path / "r.pdf", tmp_path / "r.html"]
    write_reports(report, paths)
    assert "Text 9c2e." in " ".join(p.text for p in Document(str(paths[0])).paragraphs)
    assert "Text 9c2e." in PdfReader(str(paths[1])).pages[-1].extract_text()
    page = paths[2].read_text(encoding="utf-8")
    assert render.svg(chart.spec) in page and "stdgap-chart:" not in page
    with pytest.raises(UnknownFormat):
        write_reports(report, [tmp_path / "s.html", tmp_path / "s.txt"])
    assert not (tmp_path / "s.html").exists()


def test_charts_drawn_are_forgotten_when_cleared() -> None:
    from stdgap.charts import render

    spec = {"mark": "bar", "data": {"values": [{"a": 3}]}, "encoding": {"x": {"field": "a"}}}
    render.svg(spec)
    assert render.spec_key(spec) in render._svgs
    render.clear_drawn_charts()
    assert render.spec_key(spec) not in render._svgs
