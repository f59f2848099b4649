"""Render a computed plan to Markdown through the locale's ``plan.md.j2`` (the Markdown contract).

The templates write every word; this module only hands them the plan, a heading counter that numbers
chapters (一、二、… in zh-CN, 1, 2, … in en), sections (1.1) and sub-sections (1.1.1) by position, so no
number is ever typed into a template, and a few presentation helpers that need no arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from markupsafe import Markup

from opsplan.plan.model import Plan
from opsplan.render.environment import make_environment, render_template
from opsplan.render.filters import chinese_numeral

PLAN_TEMPLATE = "plan.md.j2"


def chapter_label(locale: str, number: int, title: str) -> str:
    """Return a chapter heading's text: ``一、行业背景与市场分析`` or ``1 Market background``."""
    if locale.startswith("zh"):
        return f"{chinese_numeral(number)}、{title}"
    return f"{number} {title}"


class Headings:
    """Numbers headings by position as a template emits them (one instance per rendering)."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.numbers = [0, 0, 0]

    def chapter(self, title: str) -> Markup:
        """Return the next chapter heading (``##``) and restart section numbering."""
        self.numbers = [self.numbers[0] + 1, 0, 0]
        return Markup("## " + chapter_label(self.locale, self.numbers[0], one_line(title)))

    def section(self, title: str) -> Markup:
        """Return the next section heading (``### 1.2 …``) and restart sub-section numbering."""
        self.numbers[1] += 1
        self.numbers[2] = 0
        return Markup(f"### {self.numbers[0]}.{self.numbers[1]} {one_line(title)}")

    def sub(self, title: str) -> Markup:
        """Return the next sub-section heading (``#### 1.2.1 …``)."""
        self.numbers[2] += 1
        return Markup(f"#### {self.numbers[0]}.{self.numbers[1]}.{self.numbers[2]} {one_line(title)}")


def one_line(text: object) -> str:
    """Collapse line breaks and runs of spaces: a heading must stay on its own single line."""
    return " ".join(str(text).split())


def meta_attr(value: object) -> str:
    """Quote a value for the ``opsplan:meta`` comment: ``"`` → ``&quot;``, no newlines, no ``--``."""
    text = " ".join(str(value).split()).replace("&", "&amp;").replace('"', "&quot;")
    return text.replace("--", "&#45;&#45;")


def mermaid_text(value: object) -> str:
    """Make a task or section name safe in a Mermaid gantt line (no ``:``, ``;`` or ``#``)."""
    text = " ".join(str(value).split())
    for bad, good in ((":", " "), ("：", " "), (";", ","), ("#", "")):
        text = text.replace(bad, good)
    return text.strip() or "-"


def mermaid_id(value: object) -> str:
    """Make an id usable as a Mermaid task id: letters, digits and ``_`` only."""
    return "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in str(value))


WEEKDAYS = 7


def spread_week(posts: int, offset: int) -> list[int]:
    """Spread ``posts`` posts over the seven days of a week, round-robin from day ``offset``.

    Presentation only (no new figures): 3 posts from Tuesday (offset 1) → [0, 1, 0, 1, 0, 1, 0].
    """
    days = [posts // WEEKDAYS] * WEEKDAYS
    for i in range(posts % WEEKDAYS):
        days[(offset + i * WEEKDAYS // max(posts % WEEKDAYS, 1)) % WEEKDAYS] += 1
    return days


def derived(plan: Plan) -> dict[str, Any]:
    """Totals the templates show that the plan model does not carry (sums of profile inputs only)."""
    profile = plan.profile
    calendar: list[dict[str, Any]] = []
    offset = 0
    for pillar in profile.content.pillars:
        per_week = round(pillar.per_week)
        calendar.append({"name": pillar.name, "per_week": per_week, "days": spread_week(per_week, offset)})
        offset += per_week
    live = profile.live
    tasks_by_phase: dict[str, list[Any]] = {}  # the timeline's tasks per phase, in order (one pass, not phases × tasks)
    for task in plan.timeline.tasks:
        tasks_by_phase.setdefault(task.phase, []).append(task)
    return {
        "tasks_by_phase": tasks_by_phase,
        "posts_per_week": sum(p.per_week for p in profile.content.pillars),
        "calendar": calendar,
        "calendar_total": sum(row["per_week"] for row in calendar),
        "calendar_days": [sum(row["days"][d] for row in calendar) for d in range(WEEKDAYS)],
        "live_hours_per_week": live.sessions_per_week * live.hours_per_session if live else 0.0,
        "script_minutes": sum(seg.minutes for seg in live.script) if live else 0.0,
    }


def gantt_cells(columns: Iterable[Any], marked: Iterable[int], mark: str) -> str:
    """Return a Gantt row's period cells: `` █ |`` where the column's index is in ``marked``, else ``  |``."""
    chosen = set(marked)
    filled, empty = f" {mark} |", "  |"
    return "".join(filled if column.index in chosen else empty for column in columns)


def context(plan: Plan) -> dict[str, Any]:
    """Return what every template receives: the plan, its profile, currency and helpers."""
    return {
        "plan": plan,
        "profile": plan.profile,
        "currency": plan.currency,
        "h": Headings(plan.locale),
        "derived": derived(plan),
        "chapter_label": lambda number, title: chapter_label(plan.locale, number, title),
        "meta_attr": meta_attr,
        "mermaid_text": mermaid_text,
        "mermaid_id": mermaid_id,
        "gantt_cells": gantt_cells,
    }


def render_markdown(plan: Plan, user_templates: Path | None = None) -> str:
    """Render ``plan`` to Markdown with the templates of its locale (the user's folder first)."""
    env = make_environment(plan.locale, user_templates)
    text = render_template(env, PLAN_TEMPLATE, context(plan))
    return tidy(text)


def tidy(text: str) -> str:
    """Strip trailing spaces, keep tables apart from paragraphs, squeeze runs of blank lines.

    A paragraph line right after a table row would otherwise be read as one more row (GFM).
    """
    lines: list[str] = []
    fenced = False
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and lines and line:
            previous = lines[-1]
            if previous.startswith("|") != line.startswith("|") and previous and not previous.startswith("<!--"):
                lines.append("")
        if line == "" and (not lines or lines[-1] == "") and not fenced:
            continue
        lines.append(line)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
