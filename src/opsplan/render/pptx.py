"""``opsplan render -f pptx``: the 汇报 deck, built from the computed plan (never from rendered text).

The deck runs in the order a meeting needs: the ask first (the plan on one page, the decisions needed),
then the why (market, problems, positioning), the how (goals, content, traffic, users, budget and team),
the risks, the timeline and the expected results. A chapter the plan leaves out leaves its slide out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from opsplan.kinds import Chapter
from opsplan.plan.headline import build_headline
from opsplan.plan.model import Plan
from opsplan.render.pptx_deck import Deck, open_deck
from opsplan.render.pptx_slides import (
    asks_slide,
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
    timeline_slide,
    traffic_slide,
    users_slide,
)

# chapter → its slide, in the order the deck presents them
CHAPTER_SLIDES: tuple[tuple[Chapter, Callable[[Deck, Plan], None]], ...] = (
    (Chapter.BACKGROUND, situation_slide),
    (Chapter.PROBLEMS, problems_slide),
    (Chapter.POSITIONING, positioning_slide),
    (Chapter.GOALS, goals_slide),
    (Chapter.CONTENT, content_slide),
    (Chapter.TRAFFIC, traffic_slide),
    (Chapter.USERS, users_slide),
    (Chapter.ORGANIZATION, money_slide),
    (Chapter.RISKS, risks_slide),
    (Chapter.TIMELINE, timeline_slide),
    (Chapter.OUTCOMES, outcomes_slide),
)


def build_pptx(plan: Plan, reference_pptx: Path | None = None) -> bytes:
    """Return the deck for ``plan`` as PPTX bytes, on ``reference_pptx``'s master when one is given.

    Raises ``InputError`` when the reference presentation cannot be read or lacks a layout the deck needs.
    """
    deck = open_deck(plan.locale, reference_pptx)
    head = build_headline(plan)
    chapters = {ref.key for ref in plan.chapters}
    title_slide(deck, plan)
    summary_slide(deck, plan, head)
    asks_slide(deck, plan, head)
    for chapter, slide in CHAPTER_SLIDES:
        if chapter in chapters:
            slide(deck, plan)
    info = plan.profile.plan
    return deck.save(info.title, info.author, plan.profile.shop.name, info.start)
