"""``-f pdf``: the plan's own DOCX converted by LibreOffice headless, with page numbers in the contents.

LibreOffice is looked for on PATH (``soffice``, ``libreoffice``) and then in the usual install places; when
it is missing the user is told how to install it (exit 2). Each conversion runs in a private temporary
folder with its own LibreOffice profile (``-env:UserInstallation``), removed afterwards, so a LibreOffice
the user has open, or another render running at the same time, does not collide with it; a conversion that
takes longer than the timeout is stopped with its whole process group.

Pages: the DOCX is converted once with placeholder numbers in the contents and no page breaks before the
chapters; LibreOffice exports each heading's bookmark as a named destination, whose page and place
``pdfinfo -dests`` reports. From them ``paginate`` decides which chapters start a new page and predicts the
headings' pages; the numbers are written into the contents and the DOCX converted again. When the result
differs from the prediction (a longer number pushed a line over, a chapter still landed low), another round
settles it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from opsplan.errors import OpsplanError
from opsplan.render.paginate import body_of, chapter_breaks, read_layout

Build = Callable[[Mapping[str, int], frozenset[str]], bytes]

TIMEOUT_SECONDS = 300.0  # a 40-page plan converts in a few seconds; OPSPLAN_PDF_TIMEOUT overrides it
INSTALL_PLACES = (
    "/usr/lib/libreoffice/program/soffice",
    "/usr/local/lib/libreoffice/program/soffice",
    "/opt/libreoffice*/program/soffice",
    "/snap/bin/libreoffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
_INSTALL_HINT = (
    "install LibreOffice: `apt-get install libreoffice-writer-nogui` (Debian, Ubuntu), "
    "`brew install --cask libreoffice` (macOS), or put soffice on PATH"
)
_EXPORT = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'
_ROUNDS = 5  # conversions after the first: numbers, then more if they or a revised chapter break moved a heading
_DECIDING = 3  # of those, the ones whose layout may still revise the chapter breaks
PLACEHOLDER_PAGE = 88  # two digits, as wide as most real page numbers


class ToolMissing(OpsplanError):
    """A program ``-f pdf`` needs (LibreOffice, pdfinfo) is not installed."""


class ConversionError(OpsplanError):
    """LibreOffice failed, gave no PDF, or took longer than the timeout."""


def find_soffice() -> str:
    """Return the LibreOffice executable; raise ``ToolMissing`` with the install command when there is none."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in INSTALL_PLACES:
        for candidate in sorted(glob.glob(place)):
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
    raise ToolMissing(f"-f pdf needs LibreOffice, which was not found on PATH or in the usual places; {_INSTALL_HINT}")


def find_pdfinfo() -> str:
    """Return ``pdfinfo`` (poppler), which reads the headings' pages; raise ``ToolMissing`` when absent."""
    found = shutil.which("pdfinfo")
    if not found:
        raise ToolMissing(
            "-f pdf needs pdfinfo (poppler) to read the pages of the headings; "
            "install it: `apt-get install poppler-utils` (Debian, Ubuntu), `brew install poppler` (macOS)"
        )
    return found


def check_tools() -> None:
    """Raise ``ToolMissing`` unless everything ``-f pdf`` runs is installed (checked before rendering)."""
    find_soffice()
    find_pdfinfo()


def timeout_seconds() -> float:
    """Return the conversion timeout: ``OPSPLAN_PDF_TIMEOUT`` (seconds) when set to a positive number."""
    value = os.environ.get("OPSPLAN_PDF_TIMEOUT", "")
    try:
        seconds = float(value)
    except ValueError:
        return TIMEOUT_SECONDS
    return seconds if seconds > 0 else TIMEOUT_SECONDS


def docx_to_pdf(docx: bytes, *, soffice: str | None = None, timeout: float | None = None) -> bytes:
    """Return the PDF LibreOffice makes of ``docx``, with bookmarks and the headings as named destinations."""
    soffice = soffice or find_soffice()
    timeout = timeout if timeout is not None else timeout_seconds()
    with tempfile.TemporaryDirectory(prefix="opsplan-pdf-") as work:
        folder = Path(work)
        source = folder / "plan.docx"
        source.write_bytes(docx)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            _EXPORT,
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        _run(command, timeout, cwd=folder)
        made = folder / "out" / "plan.pdf"
        if not made.is_file() or made.stat().st_size == 0:
            raise ConversionError(f"LibreOffice ({soffice}) made no PDF of the plan's DOCX")
        return made.read_bytes()


def _run(command: list[str], timeout: float, *, cwd: Path) -> None:
    """Run LibreOffice in its own process group; stop the whole group at the timeout."""
    try:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as error:
        raise ConversionError(f"LibreOffice ({command[0]}) could not be started: {error.strerror or error}") from None
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise ConversionError(
            f"LibreOffice took longer than {timeout:g} s to convert the plan to PDF and was stopped; "
            "set OPSPLAN_PDF_TIMEOUT (seconds) to allow more"
        ) from None
    except BaseException:
        _stop(process)
        raise
    if process.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit status {process.returncode}"]
        raise ConversionError(f"LibreOffice ({command[0]}) failed to convert the plan to PDF: {detail[0]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def render_pdf(build: Build, chapters: Sequence[str]) -> tuple[bytes, bytes]:
    """Return (DOCX, PDF): the DOCX's chapters break pages as ``paginate`` decides, its contents show the pages.

    ``build(pages, breaks)`` returns the DOCX with ``pages`` (bookmark → page) in its contents and a page
    break before the chapters in ``breaks``; ``chapters`` are the chapter headings' bookmarks, in order.
    """
    soffice, pdfinfo = find_soffice(), find_pdfinfo()
    docx = build(_Placeholder(), frozenset())
    body = body_of(docx)
    decided = chapter_breaks(read_layout(docx_to_pdf(docx, soffice=soffice), pdfinfo), chapters, body)
    breaks, pages = decided.chapters, decided.pages
    for round_ in range(_ROUNDS):
        docx = build(pages, breaks)
        pdf = docx_to_pdf(docx, soffice=soffice)
        layout = read_layout(pdf, pdfinfo)
        if round_ < _DECIDING:  # a break the first layout put where the result shows it should not be, or missed
            revised = chapter_breaks(layout, chapters, body, current=breaks)
            if revised.chapters != breaks:
                breaks, pages = revised.chapters, revised.pages
                continue
        found = layout.pages()
        if found == pages:
            break
        pages = found
    return docx, pdf


class _Placeholder(Mapping[str, int]):
    """Every heading on page 88: the first contents take the room real numbers will take."""

    def __getitem__(self, key: str) -> int:
        return PLACEHOLDER_PAGE

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


__all__ = [
    "ConversionError",
    "ToolMissing",
    "check_tools",
    "docx_to_pdf",
    "find_soffice",
    "render_pdf",
]
