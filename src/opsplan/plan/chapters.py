"""Which chapters a plan holds: the plan kind's chapters that have data in the profile.

A chapter of the kind whose data is missing or empty is left out of ``plan.chapters`` and reported as an
``EngineFinding`` (code ``chapter-omitted``); it is never filled with a note to the author. A chapter's
free text (``sections.<key>.intro`` and ``notes``) does not count as data: an introduction alone never
makes a chapter. Chapters made wholly of computed tables (``outcomes``, ``summary``) are always kept; the
user's own chapters (``sections.<key>.body``) are placed after the chapter they name (``own_chapters``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from opsplan.kinds import Chapter, chapter_title, chapters_for
from opsplan.plan.messages import emsg, joined
from opsplan.plan.model import ChapterRef, EngineFinding
from opsplan.plan.own_chapters import place_own_chapters
from opsplan.profile import Profile


def has_text(*values: Any) -> bool:
    """Return whether any value is a non-blank string or a non-empty collection."""
    return any(bool(v.strip()) if isinstance(v, str) else bool(v) for v in values)


# chapter → (the profile keys that hold its data, whether the profile has any)
CHAPTER_DATA: dict[Chapter, tuple[tuple[str, ...], Callable[[Profile], bool]]] = {
    Chapter.BACKGROUND: (
        ("market",),
        lambda p: has_text(
            p.market.summary, p.market.facts, p.market.trends, p.market.competitors, p.market.platform_rules
        ),
    ),
    Chapter.PROBLEMS: (("problems",), lambda p: bool(p.problems)),
    Chapter.POSITIONING: (
        ("shop",),
        lambda p: has_text(
            p.shop.positioning, p.shop.value_proposition, p.shop.advantages, p.shop.audience.age, p.shop.audience.traits
        ),
    ),
    Chapter.GOALS: (("goals",), lambda p: any(h.targets for _, h in p.goals.horizons())),
    Chapter.CONTENT: (("content",), lambda p: has_text(p.content.pillars, p.content.strategy, p.content.workflow)),
    Chapter.TRAFFIC: (
        ("traffic", "live"),
        lambda p: has_text(p.traffic.channels, p.traffic.funnel, p.traffic.strategy, p.traffic.promotions),
    ),
    Chapter.USERS: (
        ("users",),
        lambda p: has_text(p.users.segments, p.users.lifecycle, p.users.tiers, p.users.community, p.users.strategy),
    ),
    Chapter.SUPPLY: (
        ("supply",),
        lambda p: (
            p.supply is not None
            and has_text(p.supply.strategy, p.supply.suppliers, p.supply.logistics, p.supply.returns_policy)
        ),
    ),
    Chapter.DATA: (("kpis", "data"), lambda p: has_text(p.kpis, p.data.tools, p.data.reviews)),
    Chapter.RISKS: (("risks",), lambda p: bool(p.risks)),
    Chapter.ORGANIZATION: (
        ("team", "organization", "tools"),
        lambda p: has_text(p.team, p.organization.structure, p.organization.training, p.tools),
    ),
    Chapter.TIMELINE: (("timeline",), lambda p: any(phase.tasks for phase in p.timeline.phases)),
}


def chapter_has_data(profile: Profile, chapter: Chapter) -> bool:
    """Return whether ``profile`` holds data for ``chapter`` (its free text does not count)."""
    entry = CHAPTER_DATA.get(chapter)
    return entry is None or entry[1](profile)


def chapter_heading(profile: Profile, key: str) -> str:
    """Return the title the plan gives chapter ``key``: its ``sections.<key>.title`` if written, else the kind's title.

    As written (a reference in it is resolved by whoever shows it); the plan's headings and ``opsplan check``'s
    chapter table both read it, so they show one title.
    """
    text = profile.sections.get(key)
    if text is not None and text.title:
        return text.title
    return chapter_title(Chapter(key), profile.plan.locale)


def select_chapters(profile: Profile) -> tuple[list[ChapterRef], list[EngineFinding]]:
    """Return the chapters the plan holds, in the kind's order, and a finding for each one left out.

    ``profile`` has its references resolved: the titles are the plan's, and a chapter left out is named by the
    title the plan would give it.
    """
    kept: list[ChapterRef] = []
    omitted: list[EngineFinding] = []
    for chapter in chapters_for(profile.plan.kind, profile.plan.chapters):
        if chapter_has_data(profile, chapter):
            kept.append(ChapterRef(key=chapter, title=chapter_heading(profile, chapter)))
            continue
        keys = CHAPTER_DATA[chapter][0]
        omitted.append(
            EngineFinding(
                code="chapter-omitted",
                severity="error",
                path=keys[0],
                message=emsg(
                    "chapter-omitted",
                    key=chapter.value,
                    title=chapter_heading(profile, chapter),
                    keys=joined(list(keys)),
                ),
            )
        )
    omitted += place_own_chapters(profile, kept)
    return kept, omitted
