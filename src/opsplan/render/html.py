"""The plan as one self-contained HTML file: navigation, styled tables, an interactive Gantt and the risk matrix.

The body is built from the same document blocks as the DOCX (``mdparse`` over the plan's Markdown), so the two
say the same thing; the Gantt chart and the risk heat map are drawn from the computed plan (``html_gantt``,
``html_risks``) in place of their Markdown tables. Styles and scripts are inline (``html_assets``) and fonts are
the system's, so the file opens without a network. Every text is escaped: profile text stays text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from opsplan.render.docx_widths import measure_column
from opsplan.render.figures_markdown import is_heat_table
from opsplan.render.fontmetrics import screen_text_width
from opsplan.render.html_assets import SCRIPT, STYLE
from opsplan.render.html_gantt import gantt_html
from opsplan.render.html_risks import heat_html
from opsplan.render.mdblocks import (
    Block,
    BulletList,
    CodeBlock,
    Heading,
    Inline,
    ListItem,
    Meta,
    NumberedList,
    Paragraph,
    Table,
    Title,
    Toc,
)
from opsplan.render.mdinline import inline_text
from opsplan.render.mdparse import parse_markdown

if TYPE_CHECKING:
    from opsplan.plan.model import Plan

_LABELS = {
    "zh": {"shop": "店铺", "author": "编制", "date": "日期", "sep": "：", "nav": "目录", "sort": "点击表头排序"},
    "en": {"shop": "Shop", "author": "Prepared by", "date": "Date", "sep": ": ", "nav": "Contents", "sort": "Sort"},
}
SORTABLE_ROWS = 5  # tables with at least this many body rows get sortable headers
SHORT_CELL_EM = 6.5  # a column whose cells are all this wide or less (six Chinese characters) never wraps


def esc(text: str) -> str:
    """Escape ``text`` for HTML element content and quoted attribute values."""
    return escape(text, quote=True)


def build_html(plan: Plan, markdown: str) -> bytes:
    """Return the HTML file of ``plan`` from its Markdown (the same text the .md and .docx are made from)."""
    from opsplan.render.outputs import document_info

    info = document_info(plan)
    zh = plan.locale.startswith("zh")
    labels = _LABELS["zh" if zh else "en"]
    writer = _Body(plan, zh=zh)
    writer.write(parse_markdown(markdown))
    lang = "zh-CN" if zh else "en"
    header = [f'<h1 class="title">{esc(info.title)}</h1>']
    values = {"shop": info.shop, "author": info.author, "date": info.date.isoformat() if info.date else ""}
    for key in ("shop", "author", "date"):
        if values[key]:
            header.append(f'<p class="subtitle">{esc(labels[key] + labels["sep"] + values[key])}</p>')
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="opsplan">\n'
        f"<title>{esc(info.title)}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
        f'<nav class="sidebar" aria-label="{esc(labels["nav"])}">\n<details open>'
        f'<summary class="nav-title">{esc(labels["nav"])}</summary>\n{writer.nav_html()}</details></nav>\n'
        f'<main>\n<header class="titlepage">{"".join(header)}</header>\n'
        f"{''.join(writer.out)}</main>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


def runs_html(runs: Inline) -> str:
    """Return inline runs as escaped HTML, bold runs in ``<strong>``."""
    return "".join(f"<strong>{esc(r.text)}</strong>" if r.bold else esc(r.text) for r in runs)


@dataclass
class _Body:
    """Turn document blocks into HTML pieces, collecting the headings for the sidebar."""

    plan: Plan
    zh: bool
    out: list[str] = field(default_factory=list)
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, text, id)
    open_levels: list[int] = field(default_factory=list)  # the <section> elements still open
    chapter: int = -1

    def write(self, blocks: Iterable[Block]) -> None:
        """Write every block; the title and meta belong to the header, the contents list to the sidebar."""
        items = list(blocks)
        for index, block in enumerate(items):
            following = items[index + 1] if index + 1 < len(items) else None
            if isinstance(block, Title | Meta | Toc):
                continue
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                if _introduces_mermaid(block, following):
                    continue
                tag = "blockquote" if block.quote else "p"
                lead = ' class="lead-in"' if _leads_in(block, following) else ""
                self.out.append(f"<{tag}{lead}>{runs_html(block.runs)}</{tag}>\n")
            elif isinstance(block, BulletList | NumberedList):
                self.out.append(_list_html(block))
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, CodeBlock) and block.lang != "mermaid":
                self.out.append(f"<pre><code>{esc(block.text)}</code></pre>\n")
        self.close(2)

    def heading(self, block: Heading) -> None:
        """Open a ``<section>`` per ``##`` and ``###`` heading (chapters and sections) with an id the sidebar links."""
        level = min(block.level, 6)
        if level <= 3:
            self.close(level)
            ident = f"h{len(self.headings) + 1}"
            self.headings.append((level, block.text, ident))
            kind = "chapter" if level == 2 else "section"
            if level == 2:
                self.chapter += 1
            self.out.append(f'<section class="{kind}" id="{ident}">\n')
            self.open_levels.append(level)
            self.out.append(f"<h{level}>{esc(block.text)}</h{level}>\n")
        else:
            self.out.append(f"<h{level}>{esc(block.text)}</h{level}>\n")

    def close(self, level: int) -> None:
        """Close the open sections at ``level`` and deeper."""
        while self.open_levels and self.open_levels[-1] >= level:
            self.open_levels.pop()
            self.out.append("</section>\n")

    def table(self, table: Table) -> None:
        """Write a table: numeric columns right-aligned, long tables sortable; the Gantt and heat map are drawn."""
        if table.is_gantt:
            marker = dict(table.gantt)
            chart = marker.get("chart", "all")
            self.out.append(gantt_html(self.plan, zh=self.zh, chart=chart, phase=marker.get("phase", "")))
            return
        if is_heat_table(table):
            self.out.append(heat_html(self.plan, zh=self.zh))
            return
        n = len(table.header)
        numeric = [measure_column([table.header[i], *(row[i] for row in table.rows)]).numeric for i in range(n)]
        aligns = [
            (table.aligns[i] if i < len(table.aligns) and table.aligns[i] else ("right" if numeric[i] else "left"))
            for i in range(n)
        ]
        whole = [_all_dates(cells) or _all_short(cells) for cells in ([row[i] for row in table.rows] for i in range(n))]
        classes = [
            "num" if a == "right" else ("center" if a == "center" else ("nowrap" if whole[i] else ""))
            for i, a in enumerate(aligns)
        ]
        sortable = len(table.rows) >= SORTABLE_ROWS
        label = _LABELS["zh" if self.zh else "en"]["sort"]
        head = "".join(
            f"<th{_cls(classes[i])}"
            + (f' data-sort="{"num" if numeric[i] else "text"}" title="{esc(label)}" tabindex="0"' if sortable else "")
            + f">{runs_html(cell)}</th>"
            for i, cell in enumerate(table.header)
        )
        body = "".join(
            "<tr>" + "".join(f"<td{_cls(classes[i])}>{runs_html(cell)}</td>" for i, cell in enumerate(row)) + "</tr>\n"
            for row in table.rows
        )
        attrs = ' class="sortable"' if sortable else ""
        self.out.append(
            f'<div class="table-wrap"><table{attrs}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>'
            "</table></div>\n"
        )

    def nav_html(self) -> str:
        """Return the sidebar: chapters, each with its sections nested."""
        parts = ["<ol>"]
        in_chapter = False
        in_sections = False
        for level, text, ident in self.headings:
            link = f'<a href="#{ident}">{esc(text)}</a>'
            if level == 2:
                if in_sections:
                    parts.append("</ol>")
                    in_sections = False
                if in_chapter:
                    parts.append("</li>")
                parts.append(f'<li class="nav-chapter">{link}')
                in_chapter = True
            else:
                if not in_sections:
                    parts.append("<ol>")
                    in_sections = True
                parts.append(f'<li class="nav-section">{link}</li>')
        if in_sections:
            parts.append("</ol>")
        if in_chapter:
            parts.append("</li>")
        parts.append("</ol>\n")
        return "".join(parts)


_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2} [A-Z][a-z]{2} \d{4})$")


def _all_dates(cells: list[Inline]) -> bool:
    """Tell whether every non-empty cell is a date (such a column is never wrapped)."""
    texts = [t for t in (inline_text(c).strip() for c in cells) if t]
    return bool(texts) and all(_DATE.match(t) for t in texts)


def _all_short(cells: list[Inline]) -> bool:
    """Tell whether every cell is short enough to keep on one line (亿元, Long term, Medium: never 亿 | 元)."""
    return all(screen_text_width(inline_text(c), False) <= SHORT_CELL_EM * 1000 for c in cells)


def _cls(name: str) -> str:
    return f' class="{name}"' if name else ""


def _list_html(block: BulletList | NumberedList) -> str:
    """Return a list; nested items (level > 0) go in a sub-list of the item before them."""
    tag = "ol" if isinstance(block, NumberedList) else "ul"
    start = f' start="{block.start}"' if isinstance(block, NumberedList) and block.start != 1 else ""
    parts = [f"<{tag}{start}>"]
    depth = 0
    for index, item in enumerate(block.items):
        level = item.level if index else 0
        while depth < level:
            parts.append("<ul>")
            depth += 1
        while depth > level:
            parts.append("</ul></li>")
            depth -= 1
        parts.append(f"<li>{runs_html(item.runs)}")
        if not _opens_sublist(block.items, index):
            parts.append("</li>")
    while depth > 0:
        parts.append("</ul></li>")
        depth -= 1
    parts.append(f"</{tag}>\n")
    return "".join(parts)


def _opens_sublist(items: tuple[ListItem, ...], index: int) -> bool:
    return index + 1 < len(items) and items[index + 1].level > items[index].level


def _leads_in(paragraph: Paragraph, following: Block | None) -> bool:
    """Tell whether ``paragraph`` introduces the table or list after it ("… are listed below:").

    Printed, such a paragraph stays whole on the page of what it introduces.
    """
    return (
        not paragraph.quote
        and isinstance(following, Table | BulletList | NumberedList)
        and inline_text(paragraph.runs).rstrip().endswith((":", "："))
    )


def _introduces_mermaid(paragraph: Paragraph, following: Block | None) -> bool:
    return (
        isinstance(following, CodeBlock)
        and following.lang == "mermaid"
        and inline_text(paragraph.runs).rstrip().endswith((":", "："))
    )
