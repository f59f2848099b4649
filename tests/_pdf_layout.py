"""Reading a PDF as a person looks at it: its lines page by page, words broken across lines, nearly empty pages,
where the chapters start, and what is left alone at the foot of a page.

Lines come from ``pdftotext -bbox-layout`` (poppler): blocks of lines of words, each with its box in points.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from tests._docx_helpers import pdftotext_or_skip

MARGIN = 60  # points at the head and foot of a page where the running header and the page number sit
_LATIN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%'’+\-×/]*")  # a Latin word or a number, as the plans write them
_NAMESPACE = re.compile(r'\sxmlns="[^"]+"')


@dataclass(frozen=True)
class Line:
    """One line of text: its page (1-based), block on the page, top and bottom in points, and its words."""

    page: int
    block: int
    top: float
    bottom: float
    words: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    """A page's height and its lines, running header and page number left out."""

    number: int
    height: float
    lines: tuple[Line, ...]
    width: float = 0.0

    @property
    def landscape(self) -> bool:
        """Whether the page is wider than it is high."""
        return self.width > self.height


def pdf_pages(pdf: Path) -> list[Page]:
    """Return the pages of ``pdf`` with their lines, in reading order."""
    result = subprocess.run(
        [pdftotext_or_skip(), "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, timeout=120
    )
    root = ElementTree.fromstring(_NAMESPACE.sub("", result.stdout.decode("utf-8")))
    pages = []
    for number, page in enumerate(root.iter("page"), start=1):
        height, width = float(page.get("height", "0")), float(page.get("width", "0"))
        lines = []
        for block_index, block in enumerate(page.iter("block")):
            for line in block.iter("line"):
                top, bottom = float(line.get("yMin", "0")), float(line.get("yMax", "0"))
                if top < MARGIN or bottom > height - MARGIN:
                    continue
                words = tuple(w.text or "" for w in line.iter("word"))
                lines.append(Line(number, block_index, top, bottom, words))
        pages.append(Page(number, height, tuple(lines), width))
    return pages


def vocabulary(text: str) -> set[str]:
    """Every Latin word and number of ``text`` (a plan's Markdown), and the parts of hyphenated ones."""
    words: set[str] = set()
    for token in _LATIN.findall(text):
        token = token.rstrip(".,'’")
        words.add(token)
        words.update(part for part in re.split(r"[-/]", token) if part)
    return words


def _trailing_latin(word: str) -> str:
    runs = _LATIN.findall(word)
    return runs[-1].rstrip(".,'’") if runs and word.endswith(runs[-1]) else ""


def _leading_latin(word: str) -> str:
    match = _LATIN.match(word)
    return match[0].rstrip(".,'’") if match else ""


def broken_words(pages: list[Page], words: set[str]) -> list[str]:
    """Return the words of ``words`` that a line of ``pages`` breaks inside, as "page: end | start".

    A break is a line of a block ending in a piece that is not a word of the plan (or a line starting with
    one) whose joining with the start of the next line of the same block begins a word of the plan: "Fol" +
    "lowers", "CNY 131,88" + "4", "投放R" + "OI". A line may end after a hyphen or a slash, and CJK text may
    break anywhere: neither is counted.
    """
    prefixes = {word[:i] for word in words for i in range(2, len(word) + 1)}
    found = []
    for page in pages:
        for line, following in zip(page.lines, page.lines[1:], strict=False):
            if line.block != following.block or not line.words or not following.words:
                continue
            end, start = line.words[-1], following.words[0]
            if end.endswith(("-", "–", "/")):
                continue
            head, tail = _trailing_latin(end), _leading_latin(start)
            if not head or not tail:
                continue
            digits = head.isdigit() and tail[0].isdigit() and start != tail  # "1" | "6（4×4": one number's digits
            if head in words and tail in words and not digits:
                continue
            if head + tail in prefixes:
                found.append(f"page {page.number}: {end} | {start}")
    return found


def sparse_pages(pages: list[Page], *, first: int, least: int = 5) -> list[str]:
    """Return the pages from ``first`` to the one before the last that hold fewer than ``least`` lines."""
    sparse = []
    for page in pages[first - 1 : -1]:
        rows = {round(line.top) for line in page.lines}
        if len(rows) < least:
            sparse.append(f"page {page.number}: {len(rows)} lines")
    return sparse


def squash(text: str) -> str:
    """``text`` without its white space (a PDF's lines break where the Markdown does not)."""
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Found:
    """Where a text of the plan is in the PDF: the page and line of its last character, and the line of its first."""

    page: Page
    line: Line
    first: Line


class Reader:
    """Finds the plan's texts in the PDF one after another, in the order they are written, from page ``first``.

    The lines of the pages are read as one stream with the white space taken out, so a paragraph that wraps, or a
    word the extraction splits, is still found; each search starts where the last one ended, so a heading's text in
    the contents or a caption's words earlier in the body are not taken for it.
    """

    def __init__(self, pages: list[Page], first: int) -> None:
        self.pages = pages
        self.text = ""
        self.owners: list[tuple[Page, Line]] = []
        for page in pages[first - 1 :]:
            for line in page.lines:
                piece = squash(" ".join(line.words))
                self.text += piece
                self.owners.extend([(page, line)] * len(piece))
        self.cursor = 0

    def find(self, text: str) -> Found | None:
        """Return where ``text`` next ends in the PDF, or None when it does not occur after the last one found."""
        wanted = squash(text)
        at = self.text.find(wanted, self.cursor)
        if not wanted or at < 0:
            return None
        self.cursor = at + len(wanted)
        page, line = self.owners[self.cursor - 1]
        return Found(page, line, self.owners[at][1])


def alone_at_the_foot(found: Found) -> bool:
    """Whether nothing of the page's body follows the line ``found`` ends on (a heading or caption left alone)."""
    return not any(line.top >= found.line.bottom - 1 for line in found.page.lines)


def last_foot(page: Page) -> float:
    """The foot of the lowest line of the page's body, in points from the top of the page (0 for an empty page)."""
    return max((line.bottom for line in page.lines), default=0.0)
