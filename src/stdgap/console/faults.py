"""Faults of the database on the command line: one line on standard error saying what failed
and what to do, exit status 1; the traceback only with ``--debug`` (or ``STDGAP_DEBUG``)."""

from __future__ import annotations

import os

from stdgap.console.common import err_console
from stdgap.i18n.translate import gettext
from stdgap.store.faults import Fault

DEBUG_ENV = "STDGAP_DEBUG"
EXIT_FAULT = 1


def debug_from_env() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "false", "no", "off")


def say(fault: Fault) -> None:
    """The fault as one line on standard error."""
    line = "stdgap: " + fault.text(gettext)
    err_console.print(line, markup=False, highlight=False, soft_wrap=True)
