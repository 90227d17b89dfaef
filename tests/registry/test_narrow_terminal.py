"""On a narrow terminal the lists keep their first column, the id a user copies, whole: the
other columns give way."""

from __future__ import annotations

from rich.console import Console

from stdgap.console.common import data_table


def test_the_id_column_is_never_cut_short_on_a_narrow_terminal() -> None:
    table = data_table("meeting_id", "group", "start", "end", "kind", "city", "format")
    ids = ["T25-SG15-Q17-261116", "T25-SG13-WP2-250311-extra"]
    for meeting_id in ids:
        table.add_row(meeting_id, "SG15", "2026-11-16", "2026-11-20", "rapporteur", "Geneva", "x")
    console = Console(width=60, record=True, color_system=None)
    console.print(table)
    shown = console.export_text()
    for meeting_id in ids:
        assert meeting_id in shown
    assert "…" in shown  # the other columns did give way
