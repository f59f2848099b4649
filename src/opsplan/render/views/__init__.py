"""What templates see: plain data built in Python from the computed plan, one view per chapter.

``build_context(plan)`` is the whole template context. Every value in it is plain data (see
``plain.py``). Each chapter's view (``views[key]``, bound to ``v`` while the chapter renders) holds
what the chapter shows and which of its sentences apply, decided from the computed values, so the
zh-CN and en templates only word them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from opsplan.plan.model import Plan
from opsplan.render.views.gaps import gaps_view
from opsplan.render.views.growth import goals_view, outcomes_view
from opsplan.render.views.headings import chapter_label
from opsplan.render.views.management import data_view, organization_view, risks_view, timeline_view
from opsplan.render.views.market import background_view, positioning_view, problems_view
from opsplan.render.views.operations import content_view, supply_view, traffic_view, users_view
from opsplan.render.views.plain import plain
from opsplan.render.views.summary import own_chapter_view, summary_view

CHAPTER_VIEWS: dict[str, Callable[[Plan], dict[str, Any]]] = {
    "summary": summary_view,
    "background": background_view,
    "problems": problems_view,
    "positioning": positioning_view,
    "goals": goals_view,
    "content": content_view,
    "traffic": traffic_view,
    "users": users_view,
    "supply": supply_view,
    "data": data_view,
    "risks": risks_view,
    "organization": organization_view,
    "timeline": timeline_view,
    "outcomes": outcomes_view,
}


def build_context(plan: Plan, *, draft: bool = False, whole_plan: bool = True) -> dict[str, Any]:
    """Return the template context of ``plan``: plain data only, chapters numbered and viewed in Python.

    ``chapters[i]`` has the chapter's key, title, number, heading, and the profile's own ``intro`` and
    ``notes`` for it; a chapter with a profile intro shows that one instead of the template's. ``gaps`` marks
    the figures that are the kind's examples standing in for numbers left to fill (draft only, ``views.gaps``).
    ``plan`` is every part of the computed plan, for a user's templates: opsplan's own read the chapters' views
    only, and leave it out (``whole_plan=False``: converting the parts no view holds was 0.3 ms of a plan's 2.5).
    """
    chapters = []
    for number, ref in enumerate(plan.chapters, start=1):
        text = plan.profile.sections.get(ref.key)
        chapters.append(
            {
                "key": str(ref.key),
                "title": ref.title,
                "number": number,
                "heading": chapter_label(plan.locale, number, ref.title),
                "intro": text.intro if text else "",
                "notes": list(text.notes) if text else [],
                "template": "custom" if ref.custom else str(ref.key),
            }
        )
    done: dict[int, tuple[Any, Any]] = {}  # what is converted, for the views that hold the plan's own models
    views = {c["key"]: plain(CHAPTER_VIEWS[c["key"]](plan), done) for c in chapters if c["key"] in CHAPTER_VIEWS}
    views.update({ref.key: plain(own_chapter_view(plan, ref.key), done) for ref in plan.chapters if ref.custom})
    context = {
        "profile": plain(plan.profile, done),
        "shop": plain(plan.profile.shop, done),
        "chapters": chapters,
        "views": views,
        "currency": plan.currency,
        "locale": plan.locale,
        "draft": draft,
        "gaps": plain(gaps_view(plan, draft=draft), done),
    }
    if whole_plan:
        context["plan"] = {
            name: plain(getattr(plan, name), done) for name in type(plan).model_fields if name != "profile"
        }
    return context
