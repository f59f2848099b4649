"""``opsplan render -f pptx``: the 汇报 deck, built from the computed plan (never from rendered text).

The deck runs in the order a meeting needs: the ask first (the plan on one page, the decisions needed),
then the why (market, problems, positioning), the how (goals, content, traffic, users, budget and team),
the risks, the timeline and the expected results. A chapter the plan leaves out, or gives nothing to show
(no problems, no content pillars, no tasks …), leaves its slide out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from opsplan.kinds import Chapter, chapter_title
from opsplan.plan.headline import build_headline
from opsplan.plan.model import Plan
from opsplan.render.pptx_deck import Deck, GapMarks, open_deck
from opsplan.render.pptx_gantt import timeline_slides
from opsplan.render.pptx_slides import (
    agenda_slide,
    asks_slide,
    draft_slide,
    positioning_slide,
    problems_slide,
    situation_slide,
    summary_slide,
    title_slide,
)
from opsplan.render.pptx_slides_how import (
    content_slide,
    goals_slide,
    money_slide,
    outcomes_slide,
    risks_slide,
    traffic_slide,
    users_slide,
)
from opsplan.render.views.gaps import gaps_view


def _has_market(plan: Plan) -> bool:
    market = plan.profile.market
    return bool(market.facts or market.trends or market.summary)


def _has_positioning(plan: Plan) -> bool:
    shop = plan.profile.shop
    return bool(shop.positioning or shop.value_proposition or shop.advantages)


def _has_traffic(plan: Plan) -> bool:
    return bool(plan.budget.channels or plan.funnel.horizons)


def _has_users(plan: Plan) -> bool:
    users = plan.profile.users
    return bool(users.segments or users.lifecycle)


# chapter → its slide and whether the plan gives it anything to show, in the order the deck presents them
CHAPTER_SLIDES: tuple[tuple[Chapter, Callable[[Deck, Plan], None], Callable[[Plan], bool]], ...] = (
    (Chapter.BACKGROUND, situation_slide, _has_market),
    (Chapter.PROBLEMS, problems_slide, lambda plan: bool(plan.profile.problems)),
    (Chapter.POSITIONING, positioning_slide, _has_positioning),
    (Chapter.GOALS, goals_slide, lambda plan: bool(plan.goals.metrics)),
    (Chapter.CONTENT, content_slide, lambda plan: bool(plan.profile.content.pillars)),
    (Chapter.TRAFFIC, traffic_slide, _has_traffic),
    (Chapter.USERS, users_slide, _has_users),
    (Chapter.ORGANIZATION, money_slide, lambda plan: bool(plan.budget.items or plan.team.roles)),
    (Chapter.RISKS, risks_slide, lambda plan: bool(plan.risks.rows)),
    (Chapter.TIMELINE, timeline_slides, lambda plan: bool(plan.timeline.tasks)),
    (Chapter.OUTCOMES, outcomes_slide, lambda plan: any(o.rows for o in plan.outcomes)),
)


def _renamed(deck: Deck, plan: Plan, chapter: Chapter, first: int) -> None:
    """Give the chapter's slides (from index ``first``) its own title where the profile renames the chapter."""
    text = plan.profile.sections.get(chapter)
    if text is None or not text.title:
        return
    kind_title = chapter_title(chapter, plan.locale)
    colon = "：" if plan.locale.startswith("zh") else ": "
    for slide in list(deck.prs.slides)[first:]:
        old = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        deck.retitle(slide, old.replace(kind_title, text.title) if kind_title in old else f"{text.title}{colon}{old}")


def build_pptx(plan: Plan, reference_pptx: Path | None = None, *, draft: bool = False) -> bytes:
    """Return the deck for ``plan`` as PPTX bytes, on ``reference_pptx``'s master when one is given.

    A ``draft`` says so on its title slide; when it computes with example figures standing in for numbers left
    to fill, a slide after the title lists those numbers and each such figure carries the gap mark where a
    slide or its notes show it (``views.gaps``, as the document). Raises ``InputError`` when the reference
    presentation cannot be read or lacks a layout the deck needs.
    """
    deck = open_deck(plan.locale, reference_pptx)
    head = build_headline(plan)
    chapters = {ref.key for ref in plan.chapters}
    notice: list[dict[str, Any]] = []
    if draft:
        gaps = gaps_view(plan, draft=True)
        deck.marks, notice = GapMarks(gaps), gaps["notice"]
    title_slide(deck, plan, notice, draft=draft)
    if notice:
        draft_slide(deck, plan, notice)
    summary_slide(deck, plan, head)
    asks_slide(deck, plan, head)
    agenda_slide(deck, plan)
    for chapter, slide, has_content in CHAPTER_SLIDES:
        if chapter in chapters and has_content(plan):
            first = len(deck.prs.slides)
            slide(deck, plan)  # a chart of more than 20 rows goes on over further slides
            _renamed(deck, plan, chapter, first)
    info = plan.profile.plan
    return deck.save(info.title, info.author, plan.profile.shop.name, info.date or info.start)
