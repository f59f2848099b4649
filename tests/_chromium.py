"""Headless Chromium for the HTML plan's tests: print a page to PDF on a chosen paper, and read the PDF's words.

The paper is set as a reader's printer sets it: an ``@page { size: … }`` rule added after the plan's own
stylesheet, which sets only the margins. Words come from ``pdftotext -bbox`` (poppler) with their boxes in points.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def chromium() -> str:
    """Return the Chromium binary, or skip the test where it is not installed."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


def print_pdf(tmp_path: Path, html: str, paper: str, name: str = "plan") -> Path:
    """Print ``html`` to a PDF on ``paper`` (a CSS page size: ``A4``, ``letter`` …) and return its path."""
    page = tmp_path / f"{name}.html"
    page.write_text(html.replace("</head>", f"<style>@page {{ size:{paper}; }}</style></head>", 1), encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    command = [chromium(), "--headless", "--disable-gpu", "--no-sandbox", f"--user-data-dir={tmp_path / 'chromium'}"]
    command += ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()]
    subprocess.run(command, capture_output=True, timeout=180, check=True)
    return pdf


@dataclass(frozen=True)
class Word:
    """A word printed on a page, its box in points from the page's top left corner."""

    text: str
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class PrintedPage:
    """A printed page: its size in points and its words in reading order."""

    width: float
    height: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        """Return the page's words joined by spaces."""
        return " ".join(w.text for w in self.words)


def pdf_words(pdf: Path) -> list[PrintedPage]:
    """Return the pages of ``pdf`` with their words."""
    found = shutil.which("pdftotext")
    if found is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    out = subprocess.run([found, "-bbox", str(pdf), "-"], capture_output=True, check=True, timeout=120).stdout
    return [
        PrintedPage(
            float(width),
            float(height),
            tuple(
                Word(unescape(text), float(x0), float(y0), float(x1), float(y1))
                for x0, y0, x1, y1, text in _WORD.findall(body)
            ),
        )
        for width, height, body in _PAGE.findall(out.decode("utf-8"))
    ]
