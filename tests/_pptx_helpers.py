"""Helpers for the deck tests: read a PPTX back (texts, boxes, charts, fonts) and a PDF's word positions."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

from pptx import Presentation

from tests._docx_helpers import pdftotext_or_skip

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
EMU_PER_PT = 12700


def open_pptx(data: bytes) -> Any:
    return Presentation(io.BytesIO(data))


def slide_title(slide: Any) -> str:
    shape = slide.shapes.title
    return "" if shape is None else shape.text_frame.text


def all_text(slide: Any) -> str:
    """Every text on the slide (text frames only; chart text is data, read with ``charts``)."""
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def notes_text(slide: Any) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def charts(slide: Any) -> list[Any]:
    return [s.chart for s in slide.shapes if s.has_chart]


def series_values(chart: Any) -> list[float]:
    return list(chart.plots[0].series[0].values)


def categories(chart: Any) -> list[str]:
    return [str(c) for c in chart.plots[0].categories]


@dataclass(frozen=True)
class Box:
    """A shape's rectangle in points and the text it holds ('' for charts, None for text-free shapes)."""

    left: float
    top: float
    right: float
    bottom: float
    text: str | None
    chart: bool = False

    def holds(self, x0: float, y0: float, x1: float, y1: float, slack: float = 1.5) -> bool:
        return (
            x0 >= self.left - slack
            and y0 >= self.top - slack
            and x1 <= self.right + slack
            and y1 <= self.bottom + slack
        )


def boxes(slide: Any) -> list[Box]:
    out = []
    for s in slide.shapes:
        if s.width is None or s.height is None:
            continue
        left, top = s.left / EMU_PER_PT, s.top / EMU_PER_PT
        right, bottom = left + s.width / EMU_PER_PT, top + s.height / EMU_PER_PT
        if s.has_chart:
            out.append(Box(left, top, right, bottom, "", chart=True))
        elif s.has_text_frame and s.text_frame.text.strip():
            out.append(Box(left, top, right, bottom, s.text_frame.text))
    return out


def run_properties(data: bytes) -> list[Any]:
    """Every ``a:rPr`` of every run on the slides and in the notes."""
    prs = open_pptx(data)
    out = []
    for slide in prs.slides:
        out += list(slide._element.iter(f"{A}r"))
        if slide.has_notes_slide:
            out += list(slide.notes_slide._element.iter(f"{A}r"))
    return [r.find(f"{A}rPr") for r in out]


def normal(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: list[Word]


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', re.S)


def pdf_pages(pdf: Path) -> list[Page]:
    """The words of each page of ``pdf`` with their boxes in points (``pdftotext -bbox``)."""
    html = subprocess.run(
        [pdftotext_or_skip(), "-bbox", str(pdf), "-"], check=True, capture_output=True, timeout=120
    ).stdout.decode("utf-8")
    pages = []
    for width, height, body in _PAGE.findall(html):
        words = [Word(unescape(t), float(a), float(b), float(c), float(d)) for a, b, c, d, t in _WORD.findall(body)]
        pages.append(Page(float(width), float(height), words))
    return pages
