"""``-f pdf``: the plan's own DOCX converted by LibreOffice headless, with page numbers in the contents.

LibreOffice is looked for on PATH (``soffice``, ``libreoffice``) and then in the usual install places; when
it is missing the user is told how to install it (exit 2). Each conversion runs in a private temporary
folder with its own LibreOffice profile (``-env:UserInstallation``), removed afterwards, so a LibreOffice
the user has open, or another render running at the same time, does not collide with it; a conversion that
takes longer than the timeout is stopped with its whole process group.

Pages: the DOCX is built with placeholder numbers in the contents and no page breaks before the chapters, and
``layout`` estimates how LibreOffice lays it out: which chapters start a new page (the rule ``paginate`` applies)
and each heading's page. The numbers are written into the contents and the DOCX converted; LibreOffice exports
each heading's bookmark as a named destination, whose page and place ``pdfinfo -dests`` reports, and where the
estimate was right that one conversion is the last. When the result shows a chapter break decided wrong (the page
before it ends more than a third empty, or a chapter that follows on landed low), the first such decision is
changed and the DOCX converted again; a changed decision is not changed back, so this ends within one round a
chapter. When only the numbers differ from the prediction (a
longer number pushed a line over), another round settles them. The PDF's creation time is the plan's date and
its ``/ID`` a digest of its content, so a plan renders to the same bytes every time.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from opsplan.errors import OpsplanError, UsageError
from opsplan.render.docx_toc import placeholder_pages
from opsplan.render.layout import estimate
from opsplan.render.messages import rmsg
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
_EXPORT = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'
_NUMBER_ROUNDS = 2  # conversions, once the chapter breaks hold, for the page numbers to settle
_CREATED = re.compile(rb"/CreationDate\(D:(\d{14})")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]{32})")
_DOCX_CREATED = re.compile(r"<dcterms:created[^>]*>(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)")


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
    raise ToolMissing(rmsg("pdf.no_libreoffice"))


def find_pdfinfo() -> str:
    """Return ``pdfinfo`` (poppler), which reads the headings' pages; raise ``ToolMissing`` when absent."""
    found = shutil.which("pdfinfo")
    if not found:
        raise ToolMissing(rmsg("pdf.no_pdfinfo"))
    return found


def check_tools() -> None:
    """Raise ``ToolMissing`` unless everything ``-f pdf`` runs is installed, ``UsageError`` for a bad timeout.

    Checked before rendering, so nothing is written when the conversion could not run.
    """
    timeout_seconds()
    find_soffice()
    find_pdfinfo()


def timeout_seconds() -> float:
    """Return the conversion timeout: ``OPSPLAN_PDF_TIMEOUT`` (seconds) when set, else 300 s.

    Raises ``UsageError`` when it is set to anything but a number above 0 (a typo must not pass unnoticed).
    """
    value = os.environ.get("OPSPLAN_PDF_TIMEOUT", "").strip()
    if not value:
        return TIMEOUT_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise UsageError(rmsg("pdf.bad_timeout", value=value, default=int(TIMEOUT_SECONDS)))
    return seconds


def docx_to_pdf(docx: bytes, *, soffice: str | None = None, timeout: float | None = None) -> bytes:
    """Return the PDF LibreOffice makes of ``docx``, with bookmarks and the headings as named destinations."""
    soffice = soffice or find_soffice()
    timeout = timeout if timeout is not None else timeout_seconds()
    with tempfile.TemporaryDirectory(prefix="opsplan-pdf-") as work:
        folder = Path(work)
        source = folder / "plan.docx"
        source.write_bytes(docx)
        (folder / "tmp").mkdir()  # LibreOffice's own temporary files, removed with the folder even if it is killed
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
        temporary = str(folder / "tmp")
        env = {**os.environ, "TZ": "UTC", "TMPDIR": temporary, "TMP": temporary, "TEMP": temporary}
        _run(command, timeout, cwd=folder, env=env)  # TZ: the time it stamps ends in Z
        made = folder / "out" / "plan.pdf"
        if not made.is_file() or made.stat().st_size == 0:
            raise ConversionError(rmsg("pdf.no_pdf", soffice=soffice))
        return made.read_bytes()


def _run(command: list[str], timeout: float, *, cwd: Path, env: Mapping[str, str]) -> None:
    """Run LibreOffice in its own process group; stop the whole group at the timeout."""
    try:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as error:
        raise ConversionError(rmsg("pdf.not_started", soffice=command[0], error=error.strerror or error)) from None
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise ConversionError(rmsg("pdf.timeout", seconds=f"{timeout:g}")) from None
    except BaseException:
        _stop(process)
        raise
    if process.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [rmsg("pdf.exit", code=process.returncode)]
        raise ConversionError(rmsg("pdf.failed", soffice=command[0], detail=detail[0]))


def _stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def render_pdf(build: Build, chapters: Sequence[str], *, estimated: bool = True) -> tuple[bytes, bytes]:
    """Return (DOCX, PDF): the DOCX's chapters break pages as ``paginate`` decides, its contents show the pages.

    ``build(pages, breaks)`` returns the DOCX with ``pages`` (bookmark → page) in its contents and a page
    break before the chapters in ``breaks``; ``chapters`` are the chapter headings' bookmarks, in order.
    Without ``estimated`` the first breaks and pages come from a LibreOffice layout with no chapter breaks instead
    of the estimate (one conversion more, and more where its pushes guess wrong: what ``bench_pdf`` compares).
    """
    soffice, pdfinfo = find_soffice(), find_pdfinfo()
    docx = build(placeholder_pages(), frozenset())
    body = body_of(docx)
    if estimated:  # LibreOffice's layout, estimated: it confirms it in one conversion where it is right
        guess = estimate(docx, chapters)
        breaks, pages = guess.breaks, guess.pages
    else:
        decided = chapter_breaks(read_layout(docx_to_pdf(docx, soffice=soffice), pdfinfo), chapters, body)
        breaks, pages = decided.chapters, decided.pages
    changed: set[str] = set()
    for _ in range(len(chapters) + _NUMBER_ROUNDS):  # each revision settles one more chapter: this bound ends it
        docx = build(pages, breaks)
        pdf = docx_to_pdf(docx, soffice=soffice)
        layout = read_layout(pdf, pdfinfo)
        revised = chapter_breaks(layout, chapters, body, current=breaks, settled=frozenset(changed))
        if revised.chapters != breaks:  # a break the layout shows wrong (a short page before it), or one missed
            changed |= revised.chapters ^ breaks
            breaks, pages = revised.chapters, revised.pages
            continue
        found = layout.pages()
        if found == pages:
            break
        pages = found
    return docx, settle_stamps(pdf, _created(docx))


def settle_stamps(pdf: bytes, stamp: str) -> bytes:
    """Return ``pdf`` with LibreOffice's creation time set to ``stamp`` (14 digits) and its ``/ID`` to a digest.

    The time, and the ``/ID`` and ``/DocChecksum`` LibreOffice derives from it, are all that differ between two
    conversions of one DOCX; with them fixed, the same plan gives the same PDF. Each is rewritten at the same
    length, so the cross-reference table's byte offsets still hold.
    """
    created = _CREATED.search(pdf)
    if created is not None and len(stamp) == 14 and stamp.isdigit():
        pdf = pdf[: created.start(1)] + stamp.encode("ascii") + pdf[created.end(1) :]
    found = [m for m in (_ID.search(pdf), _CHECKSUM.search(pdf)) if m is not None]
    spans = [m.span(group) for m in found for group in range(1, len(m.groups()) + 1)]
    settled = bytearray(pdf)
    for start, end in spans:
        settled[start:end] = b"0" * (end - start)
    digest = hashlib.sha256(settled).hexdigest()[:32].upper().encode("ascii")
    for start, end in spans:
        settled[start:end] = digest
    return bytes(settled)


def _created(docx: bytes) -> str:
    """Return the DOCX's creation date (the plan's date) as the 14 digits of a PDF date."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        core = package.read("docProps/core.xml").decode("utf-8", "replace")
    found = _DOCX_CREATED.search(core)
    return "".join(found.groups()) if found else "20000101000000"


__all__ = [
    "ConversionError",
    "ToolMissing",
    "check_tools",
    "docx_to_pdf",
    "find_soffice",
    "placeholder_pages",
    "render_pdf",
]
