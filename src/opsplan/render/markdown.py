"""Render a computed plan to Markdown through the locale's ``plan.md.j2`` (the Markdown contract).

The templates write every word; they receive plain data (``opsplan.render.views``), and heading
numbers are added here after rendering: chapters 一、… (zh-CN) or 1 … (en), sections 1.1, sub-sections
1.1.1, by position, so no number is ever typed into a template.
"""

from __future__ import annotations

from pathlib import Path

from opsplan.plan.model import Plan
from opsplan.render.environment import make_environment, render_template
from opsplan.render.views import build_context
from opsplan.render.views.headings import number_headings

PLAN_TEMPLATE = "plan.md.j2"


def render_markdown(plan: Plan, templates: Path | None = None, *, draft: bool = False) -> str:
    """Render ``plan`` to Markdown with the templates of its locale (the user's ``templates`` folder first).

    With ``draft`` the title and the title page say 草稿 / DRAFT.
    """
    env = make_environment(plan.locale, templates)
    context = build_context(plan, draft=draft, whole_plan=templates is not None)
    text = render_template(env, PLAN_TEMPLATE, context)
    return tidy(number_headings(text, [chapter["heading"] for chapter in context["chapters"]]))


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
