"""Heading numbers, computed in Python: 一、/1 for chapters, 1.2 for sections, 1.2.1 for sub-sections.

Templates write headings without numbers (``## {{ chapter.heading }}``, ``### 目标``, ``#### 细分``);
``number_headings`` numbers sections and sub-sections by their position under each chapter.
"""

from __future__ import annotations

from opsplan.render.filters import chinese_numeral


def chapter_label(locale: str, number: int, title: str) -> str:
    """Return a chapter heading's text: ``一、行业背景与市场分析`` or ``1 Market background``."""
    title = " ".join(title.split())
    if locale.startswith("zh"):
        return f"{chinese_numeral(number)}、{title}"
    return f"{number} {title}"


def number_headings(text: str, chapter_headings: list[str]) -> str:
    """Return ``text`` with every ``###`` and ``####`` heading numbered under the chapter (``##``) it follows.

    A ``##`` line that is one of ``chapter_headings`` (in order, as ``chapter_label`` writes them) starts
    chapter n; sections below it become ``### n.1 …``, sub-sections ``#### n.1.1 …``. Headings before the
    first chapter, after a ``##`` that is not a chapter, and lines inside fenced code are left as written.
    """
    numbers = {f"## {heading}": n for n, heading in enumerate(chapter_headings, start=1)}
    chapter: int | None = None
    section = sub = 0
    fenced = False
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("```"):
            fenced = not fenced
        if fenced or not line.startswith("##"):
            continue
        if line.startswith("## "):
            chapter, section, sub = numbers.get(line.rstrip()), 0, 0
        elif chapter is None:
            continue
        elif line.startswith("### "):
            section, sub = section + 1, 0
            lines[i] = f"### {chapter}.{section} {line[4:].strip()}"
        elif line.startswith("#### "):
            sub += 1
            lines[i] = f"#### {chapter}.{section}.{sub} {line[5:].strip()}"
    return "\n".join(lines)
