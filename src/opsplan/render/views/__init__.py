"""What templates see: plain data built in Python from the computed plan, one part per chapter.

``build_context(plan)`` is the whole template context. Every value in it is plain data (see
``plain.py``): templates can read it and format it with the registered filters, nothing more.
"""

from __future__ import annotations

from typing import Any

from opsplan.plan.model import Plan
from opsplan.render.views.derived import derived
from opsplan.render.views.headings import chapter_label
from opsplan.render.views.plain import plain


def build_context(plan: Plan, *, draft: bool = False) -> dict[str, Any]:
    """Return the template context of ``plan``: plain data only, chapters numbered in Python."""
    chapters = [
        {
            "key": str(ref.key),
            "title": ref.title,
            "number": number,
            "heading": chapter_label(plan.locale, number, ref.title),
        }
        for number, ref in enumerate(plan.chapters, start=1)
    ]
    computed = {name: plain(getattr(plan, name)) for name in type(plan).model_fields if name != "profile"}
    return {
        "plan": computed,
        "profile": plain(plan.profile),
        "chapters": chapters,
        "derived": plain(derived(plan)),
        "currency": plan.currency,
        "locale": plan.locale,
        "draft": draft,
    }
