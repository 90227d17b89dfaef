"""A report's PDF laid out in a Python process of its own, on the second core, while this one
draws the charts and writes the DOCX and HTML: WeasyPrint's layout is most of a report's time.

The process is started first and loads WeasyPrint meanwhile (about a second). It is sent the
page as soon as the report is built, and works on it while the charts are drawn here: each
chart's PNG follows as soon as it is drawn, and WeasyPrint waits only for the chart it has
reached. Each message is a
pickle preceded by its length, on the process's standard input (read by a thread of its own,
so a sender never waits for the layout) and output (the process's own prints go to its error
output). Whatever goes wrong there (the process would not start, ended, or failed), the caller
is told why and lays the PDF out itself.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

_LENGTH = struct.Struct("!Q")


def _send(sink: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    sink.write(_LENGTH.pack(len(data)) + data)
    sink.flush()


def _receive(source: IO[bytes]) -> Any:
    """The next message, or None at the end of the stream."""
    head = source.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(head)
    data = source.read(length)
    if len(data) < length:
        return None
    return pickle.loads(data)


class PdfProcess:
    """The process laying out one PDF: :meth:`lay_out`, then :meth:`charts`, then
    :meth:`finish`."""

    def __init__(self, command: list[str] | None = None) -> None:
        self.failure: str | None = None
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                command or [sys.executable, "-m", __name__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            self._process = None
            self.failure = f"the PDF process could not start: {error}"

    def _message(self, message: object) -> None:
        if self._process is None or self._process.stdin is None or self.failure is not None:
            return
        try:
            _send(self._process.stdin, message)
        except OSError as error:
            self.failure = f"the PDF process stopped reading: {error}"

    def lay_out(self, page: str, path: Path) -> None:
        """Start laying out ``page`` (:func:`stdgap.documents.html.render_print_page`) as the
        PDF ``path``."""
        self._message(("page", str(path), page))

    def chart(self, url: str, png: bytes) -> None:
        """The PNG of the page's chart at ``url`` (sent as each is drawn: the layout goes on
        as far as the next chart it needs)."""
        self._message(("chart", url, png))

    def charts_done(self) -> None:
        """Every chart is sent (an address of the page not sent is not a chart of it)."""
        self._message(("charts done",))

    def finish(self) -> str | None:
        """Wait for the PDF: None once it is written, else why it is not."""
        process = self._process
        if process is None or process.stdout is None:
            return self.failure or "the PDF process did not start"
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()  # nothing more is sent
        try:
            said = None if self.failure is not None else _receive(process.stdout)
        except (OSError, pickle.UnpicklingError, EOFError) as error:
            said = ("failed", f"its answer could not be read: {error}")
        finally:
            self.close()
        if isinstance(said, tuple) and said == ("done", None):
            return None
        if isinstance(said, tuple) and len(said) == 2 and said[0] == "failed":
            return f"the PDF process failed: {said[1]}"
        return self.failure or f"the PDF process ended (exit code {process.returncode})"

    def close(self) -> None:
        """End the process (at once, if it has not finished)."""
        process = self._process
        if process is None:
            return
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _serve(source: IO[bytes], sink: IO[bytes]) -> None:
    """Lay out the one page sent on ``source``; say on ``sink`` whether it was written."""
    import weasyprint  # noqa: F401  # loaded before the page comes

    from stdgap.documents.pdf import write_page_pdf

    inbox: queue.Queue[Any] = queue.Queue()

    def read() -> None:
        while True:
            message = _receive(source)
            inbox.put(message)
            if message is None:
                return

    threading.Thread(target=read, name="stdgap-pdf-inbox", daemon=True).start()
    first = inbox.get()
    if not (isinstance(first, tuple) and first[0] == "page"):
        return  # no PDF after all
    _, path, page = first
    pngs: dict[str, bytes] = {}
    every_chart = threading.Event()

    def charts() -> dict[str, bytes]:
        return pngs

    def wait_for(url: str) -> None:
        """Take the charts sent until the one at ``url``, which WeasyPrint asks for, is
        there, or every chart is."""
        while url not in pngs and not every_chart.is_set():
            message = inbox.get()
            if isinstance(message, tuple) and message[0] == "chart":
                pngs[message[1]] = message[2]
            else:  # every chart sent, or the caller gone
                every_chart.set()

    try:
        write_page_pdf(page, charts, path, wait_for)
    except Exception as error:  # told to the caller, which lays the PDF out itself
        _send(sink, ("failed", f"{type(error).__name__}: {error}"))
        return
    _send(sink, ("done", None))


def main() -> None:
    """The process's entry: its protocol on a private copy of the standard output, which is
    itself sent to the error output (a library's print cannot break a message)."""
    private = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    _serve(sys.stdin.buffer, private)
    private.close()
    # Nothing is left to clean up (the PDF is written and said so), and the interpreter's own
    # clean-up of WeasyPrint's boxes takes a second: the caller would wait for it.
    os._exit(0)


if __name__ == "__main__":
    main()
