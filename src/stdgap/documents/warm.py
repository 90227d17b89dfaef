"""What the first report of a process would otherwise wait for, loaded ahead: WeasyPrint and
its dependencies (about a second to import), the Unicode collation table that sorts names
(half a second to parse) and vl-convert's JavaScript engine (its first chart takes most of a
second longer than the next). A server's worker loads them in the background once it has
started, so that its first report is built at the pace of the later ones."""

from __future__ import annotations

import logging
import threading

from stdgap.charts.render import warm_renderer
from stdgap.documents.order import warm_collator

log = logging.getLogger("stdgap.documents")


def warm_writers(pdf: bool = True) -> None:
    """Load the report writers' libraries now (each at most once per process; WeasyPrint only
    when ``pdf``)."""
    try:
        if pdf:
            import weasyprint  # noqa: F401  # imported for its one-time cost

        warm_collator()
        warm_renderer()
    except Exception:  # the first report pays, and says what is wrong
        log.exception("could not load the report writers ahead")


def warm_writers_in_background(pdf: bool = True) -> threading.Thread:
    """:func:`warm_writers` in a daemon thread; the thread, for whoever wants to wait."""
    thread = threading.Thread(
        target=warm_writers, args=(pdf,), name="stdgap-warm-writers", daemon=True
    )
    thread.start()
    return thread
