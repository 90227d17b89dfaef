"""A report's PDF laid out in a Python process of its own, on the second core, while this one
draws the charts and writes the DOCX and HTML: WeasyPrint's layout is most of a report's time.

The process is started first and loads WeasyPrint meanwhile (about a second). It is sent the
page as soon as the report is built, and works on it while the charts are drawn here: each
chart's PNG follows as soon as it is drawn, and WeasyPrint waits only for the chart it has
reached. It writes the PDF under a temporary name beside the file asked for, which this process
gives its name once told it is written: a file is never replaced by a PDF of a command that
failed or was stopped.

Each message is a pickle preceded by its length: to the process on its standard input (read by
a thread of its own, so a sender never waits for the layout), from it on a pipe of its own (not
its standard output: nothing it prints can be taken for an answer). When its input ends before
every chart is sent (the command failed or was stopped), it ends at once, writing nothing.
Whatever goes wrong there (the process would not start, ended, failed, or answered nonsense),
the caller is told why and lays the PDF out itself.
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
import uuid
from pathlib import Path
from typing import IO, Any

_LENGTH = struct.Struct("!Q")
#: The longest message read (a longer length is not one of ours).
LONGEST = 1 << 30


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
    if length > LONGEST:
        raise ValueError(f"a message of {length} bytes is not one of ours")
    data = source.read(length)
    if len(data) < length:
        return None
    return pickle.loads(data)


def _command() -> list[str]:
    """This module run by this interpreter, without the working folder first on the path
    (``-P``: a ``queue.py`` or ``stdgap/`` there is not imported)."""
    return [sys.executable, "-P", "-m", __name__]


class PdfProcess:
    """The process laying out one PDF: :meth:`lay_out`, then :meth:`chart` for each chart and
    :meth:`charts_done`, then :meth:`finish`; :meth:`close` in any case."""

    def __init__(self, command: list[str] | None = None) -> None:
        self.failure: str | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._answers: IO[bytes] | None = None
        self._path: Path | None = None
        self._temporary: Path | None = None
        self._finished = False
        reading, writing = os.pipe()
        try:
            self._process = subprocess.Popen(
                [*(command or _command()), str(writing)],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(writing,),
            )
        except OSError as error:
            os.close(reading)
            self.failure = f"the PDF process could not start: {error}"
        else:
            self._answers = os.fdopen(reading, "rb")
        finally:
            os.close(writing)

    def _message(self, message: object) -> None:
        if self._process is None or self._process.stdin is None or self.failure is not None:
            return
        try:
            _send(self._process.stdin, message)
        except OSError as error:
            self.failure = f"the PDF process stopped reading: {error}"

    def lay_out(self, page: str, path: Path) -> None:
        """Start laying out ``page`` (:func:`stdgap.documents.html.render_print_page`) as the
        PDF ``path`` (:class:`OSError` at once if its folder cannot be written)."""
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
        temporary.open("xb").close()  # the folder refuses it: said now, before any layout
        temporary.unlink()  # not left behind if this process is stopped while it sends
        self._path, self._temporary = path, temporary
        self._message(("page", str(temporary), page))

    def chart(self, url: str, png: bytes) -> None:
        """The PNG of the page's chart at ``url`` (sent as each is drawn: the layout goes on
        as far as the next chart it needs)."""
        self._message(("chart", url, png))

    def charts_done(self) -> None:
        """Every chart is sent (an address of the page not sent is not a chart of it)."""
        self._message(("charts done",))

    def finish(self) -> str | None:
        """Wait for the PDF: None once it is written, else why it is not."""
        process, answers = self._process, self._answers
        if process is None or answers is None:
            return self.failure or "the PDF process did not start"
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()  # nothing more is sent
        try:
            said = _receive(answers)  # its own reason, even when it stopped reading
        except Exception as error:
            said = ("failed", f"its answer could not be read: {error}")
        done = said == ("done", None) and self.failure is None
        if done and self._temporary is not None and self._path is not None:
            try:
                os.replace(self._temporary, self._path)
            except OSError as error:
                said = ("failed", f"{type(error).__name__}: {error}")
            else:
                self._finished = True
        self.close()
        if self._finished:
            return None
        if isinstance(said, tuple) and len(said) == 2 and said[0] == "failed":
            return f"the PDF process failed: {said[1]}"
        return self.failure or f"the PDF process ended (exit code {process.returncode})"

    def close(self) -> None:
        """End the process: at once unless its PDF is written (a command that fails or is
        stopped waits for nothing), and remove what it may have left under the temporary
        name."""
        process = self._process
        if process is not None:
            for stream in (process.stdin, self._answers):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
            if process.poll() is None and not self._finished:
                process.kill()
            process.wait()
        if self._temporary is not None and not self._finished:
            with contextlib.suppress(OSError):
                self._temporary.unlink()


def _serve(source: IO[bytes], sink: IO[bytes]) -> None:
    """Lay out the one page sent on ``source``; say on ``sink`` whether it was written."""
    import weasyprint  # noqa: F401  # loaded before the page comes

    from stdgap.documents.pdf import write_page_pdf

    inbox: queue.Queue[Any] = queue.Queue()
    every_chart = threading.Event()
    written: list[str] = []  # where the PDF goes, once the page has come

    def read() -> None:
        while True:
            message = _receive(source)
            if message is None and not every_chart.is_set():
                for path in written:  # the command failed or was stopped: nothing left
                    with contextlib.suppress(OSError):
                        os.unlink(path)
                os._exit(1)
            if isinstance(message, tuple) and message[0] == "page":
                written.append(message[1])
            inbox.put(message)
            if message is None:
                return
            if isinstance(message, tuple) and message[0] == "charts done":
                every_chart.set()

    threading.Thread(target=read, name="stdgap-pdf-inbox", daemon=True).start()
    first = inbox.get()
    if not (isinstance(first, tuple) and first[0] == "page"):
        return
    _, path, page = first
    pngs: dict[str, bytes] = {}

    def png_of(url: str) -> bytes | None:
        """The chart at ``url``, which WeasyPrint asks for, once sent; None once every chart
        is sent without it."""
        while url not in pngs:
            message = inbox.get()
            if isinstance(message, tuple) and message[0] == "chart":
                pngs[message[1]] = message[2]
            elif message is None or message == ("charts done",):
                inbox.put(message)  # for the next address asked for
                return None
        return pngs[url]

    try:
        write_page_pdf(page, png_of, path)
    except Exception as error:  # told to the caller, which lays the PDF out itself
        _send(sink, ("failed", f"{type(error).__name__}: {error}"))
        return
    try:
        _send(sink, ("done", None))
    except OSError:  # nobody to give it its name: not left behind
        with contextlib.suppress(OSError):
            os.unlink(path)


def main() -> None:
    """The process's entry: its answers on the pipe whose number is its last argument."""
    with os.fdopen(int(sys.argv[-1]), "wb") as answers:
        _serve(sys.stdin.buffer, answers)
    # Nothing is left to clean up (the PDF is written and said so), and the interpreter's own
    # clean-up of WeasyPrint's boxes takes a second: the caller would wait for it.
    os._exit(0)


if __name__ == "__main__":
    main()
