"""The deck's first slides: the ask (summary and decisions), then the why (market, problems, positioning).

Each function adds one slide with one message; its speaker notes carry the fuller text of the plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from opsplan.formatting import date, metric_value, money, number, percent
from opsplan.gaps import gap_mark
from opsplan.plan.headline import Ask, Headline
from opsplan.plan.model import Plan
from opsplan.render.filters import metric_label
from opsplan.render.pptx_deck import Deck, GapMarks
from opsplan.render.pptx_shapes import DARK, card, split, text_box
from opsplan.render.pptx_text import Style
from opsplan.render.pptx_words import bracketed, gap_item, labelled, word

BULLETS = Style(size=24, floor=11, color=DARK, bullets=True)
MAX_BULLETS = 6
AGENDA = Style(size=20, floor=11, color=DARK)
AGENDA_ROWS = 9  # chapters in one column of the agenda, at 20 points with room to spare


def fmt_metric(plan: Plan, key: str, value: float) -> str:
    """Format ``value`` as the metric ``key`` is shown in the plan's locale and currency."""
    return metric_value(plan.locale, value, key, plan.currency)


def fmt_money(plan: Plan, value: float) -> str:
    """Format an amount in the plan's locale and currency."""
    return money(plan.locale, value, plan.currency)


_FULL_STOPS = ("。", "！", "？", ".", "!", "?")


def sentence(locale: str, *parts: str) -> str:
    """Join the non-empty ``parts`` with the locale's separator (；/; ), or none after a part's full stop.

    A part that ends a sentence is followed by the next as the next sentence: 不到0.3%。影响：… / 0.3%. Impact: …
    """
    zh = locale.startswith("zh")
    joined = ""
    for part in (p for p in parts if p):
        if joined:
            joined += ("" if zh else " ") if joined.endswith(_FULL_STOPS) else ("；" if zh else "; ")
        joined += part
    return joined


def title_slide(deck: Deck, plan: Plan, notice: Sequence[Mapping[str, Any]] = (), *, draft: bool = False) -> None:
    """Add the opening slide: the plan's title; shop, author and the date written (as the DOCX title page) under it.

    A ``draft`` says so after the title (（草稿） / (DRAFT)) and in the notes, with the numbers it still needs
    (``notice``, the draft's list of numbers to fill), before the deck's own note.
    """
    loc = plan.locale
    info = plan.profile.plan
    sub = " · ".join(p for p in (plan.profile.shop.name, info.author, date(loc, info.date or info.start)) if p)
    notes = [word("draft_note", loc), *_gap_lines(deck, notice)] if draft else []
    notes += [word("notes_deck", loc), plan.profile.shop.positioning]
    deck.title_slide(info.title + (word("draft_title", loc) if draft else ""), [sub], notes)


def _gap_lines(deck: Deck, notice: Sequence[Mapping[str, Any]]) -> list[str]:
    """Return the draft's note on the numbers to fill, then one line a number (none when nothing is to fill)."""
    if not notice:
        return []
    note = word("gaps_note", deck.locale, mark=gap_mark(deck.locale))
    return [note, *(gap_item(deck.locale, item) for item in notice)]


def draft_slide(deck: Deck, plan: Plan, notice: Sequence[Mapping[str, Any]]) -> None:
    """Add the slide of a draft's numbers to fill: what the marks mean, then each number (as the document's notice)."""
    loc = plan.locale
    note, *items = _gap_lines(deck, notice)
    slide = deck.slide(word("gaps_title", loc), [note, *items])
    top, bottom = split(deck.body, 2, vertical=True, weights=(1, 3))
    text_box(slide, top, [note], Style(size=18, floor=10, color=DARK), loc)
    text_box(slide, bottom, items, Style(size=18, floor=9, color=DARK, bullets=True), loc)


def summary_slide(deck: Deck, plan: Plan, head: Headline) -> None:
    """Add the plan on one page: the headline targets as cards, then the budget, the team and the schedule."""
    loc, marks = plan.locale, deck.marks
    notes = [word("targets", loc)]
    slide = deck.slide(word("summary", loc), notes)
    top, bottom = split(deck.body, 2, vertical=True, weights=(1, 1))
    for rect, t in zip(split(top, max(1, len(head.targets))), head.targets, strict=False):
        label = metric_label(loc, t.metric)
        figure = fmt_metric(plan, t.metric, t.last_target) + marks.target(t.last_horizon, t.metric)
        detail = [word("by", loc, months=t.last_months)]
        if t.baseline is not None:
            detail.append(f"{word('baseline', loc)} {fmt_metric(plan, t.metric, t.baseline)}{marks.baseline(t.metric)}")
        card(slide, rect, figure, label, detail, loc)
        notes.append(labelled(loc, label, sentence(loc, *detail, figure)))
    budget, team, schedule = split(bottom, 3)
    budget_lines = [
        word(
            "budget_line",
            loc,
            months=head.budget_months,
            total=fmt_money(plan, head.budget_total) + marks.budget_total(),
            monthly=fmt_money(plan, head.budget_monthly),
        )
    ]
    if head.largest_item is not None and head.largest_share is not None:
        budget_lines.append(word("largest", loc, item=head.largest_item, share=percent(loc, head.largest_share)))
    card(
        slide, budget, fmt_money(plan, head.budget_total) + marks.budget_total(), word("budget", loc), budget_lines, loc
    )
    team_lines = [
        word("payroll", loc, monthly=fmt_money(plan, head.monthly_payroll), share=percent(loc, head.payroll_share))
    ]
    card(slide, team, word("people", loc, n=head.headcount) + marks.team(), word("team", loc), team_lines, loc)
    schedule_lines = [
        word("schedule_line", loc, start=date(loc, head.start, "short"), end=date(loc, head.end, "short"))
    ]
    schedule_lines += [f"{m.id} {m.name} · {date(loc, m.date, 'short')}" for m in head.milestones[:2]]
    card(
        slide,
        schedule,
        f"{number(loc, head.schedule_days)}{'天' if loc.startswith('zh') else ' days'}",
        word("schedule", loc),
        schedule_lines,
        loc,
    )
    notes += [*budget_lines, *team_lines, schedule_lines[0], word("critical", loc)]
    notes += [labelled(loc, bracketed(loc, f"{m.id} {m.name}", date(loc, m.date)), m.criteria) for m in head.milestones]
    notes.append(word("top_risks", loc))
    notes += [bracketed(loc, f"{r.id} {r.title}", word("score", loc, score=r.score)) for r in head.risks]
    deck.notes(slide, notes)


def ask_text(plan: Plan, ask: Ask, marks: GapMarks | None = None) -> str:
    """Word one decision the meeting is asked to take (a draft's figures with their ``marks``)."""
    loc = plan.locale
    marks = marks or GapMarks()
    if ask.kind == "budget":
        return word("ask_budget", loc, months=ask.months, total=fmt_money(plan, ask.amount or 0) + marks.budget_total())
    if ask.kind == "team":
        return word("ask_team", loc, count=ask.count, mark=marks.team(), amount=fmt_money(plan, ask.amount or 0))
    if ask.kind == "schedule" and ask.start is not None and ask.end is not None:
        return word("ask_schedule", loc, start=date(loc, ask.start), end=date(loc, ask.end))
    ids = ("、" if loc.startswith("zh") else ", ").join(ask.ids)
    return word("ask_risks", loc, count=ask.count, ids=ids)


def asks_slide(deck: Deck, plan: Plan, head: Headline) -> None:
    """Add the decisions needed today, one bullet each."""
    loc = plan.locale
    asks = [ask_text(plan, a, deck.marks) for a in head.asks]
    notes = list(asks)
    high = [r for r in plan.risks.rows if r.level == "high"]
    notes += [labelled(loc, f"{r.id} {r.title}", sentence(loc, r.owner, r.response)) for r in high]
    slide = deck.slide(word("asks", loc), notes)
    text_box(slide, deck.body, asks[:MAX_BULLETS], BULLETS, loc)


def agenda_slide(deck: Deck, plan: Plan) -> None:
    """Add the agenda: the plan's chapters as the document numbers and titles them (renamed and own ones too).

    Up to ``AGENDA_ROWS`` chapters make one column; more are shared between two columns, and beyond two full
    columns the agenda goes on over further slides, so a plan of 16 or more chapters keeps a readable size.
    """
    from opsplan.render.views.headings import chapter_label

    loc = plan.locale
    lines = [chapter_label(loc, n, ref.title) for n, ref in enumerate(plan.chapters, start=1)]
    slides = -(-len(lines) // (2 * AGENDA_ROWS))  # as few as hold them, shared evenly: 20 chapters are 10 + 10
    per_slide = -(-len(lines) // max(1, slides))
    for first in range(0, len(lines), per_slide):
        page = lines[first : first + per_slide]
        slide = deck.slide(word("agenda" if first == 0 else "agenda_more", loc), page)
        rows = len(page) if len(page) <= AGENDA_ROWS else -(-len(page) // 2)  # the left column the longer
        columns = [page[i : i + rows] for i in range(0, len(page), rows)]
        for rect, column in zip(split(deck.body, len(columns)), columns, strict=True):
            text_box(slide, rect, column, AGENDA, loc)


def situation_slide(deck: Deck, plan: Plan) -> None:
    """Add the market: up to four figures as cards, the trends beneath them."""
    loc = plan.locale
    market = plan.profile.market
    notes = [market.summary]
    notes += [
        sentence(
            loc,
            bracketed(loc, f"{f.label} {fact_value(loc, f.value, f.unit)}", str(f.year or "—")),
            word("source", loc, source=f.source),
        )
        for f in market.facts
    ]
    notes += market.trends
    slide = deck.slide(word("situation", loc), notes)
    facts = market.facts[:4]
    rows = split(deck.body, 2, vertical=True, weights=(1, 1)) if facts else [deck.body]
    for rect, fact in zip(split(rows[0], max(1, len(facts))), facts, strict=False):
        detail = [str(fact.year)] if fact.year else []
        card(slide, rect, fact_value(loc, fact.value, fact.unit), fact.label, detail, loc)
    bullets = market.trends[:3] or ([market.summary] if market.summary else [])
    if bullets:
        text_box(slide, rows[-1], bullets, Style(size=18, floor=10, color=DARK, bullets=True), loc)


def problems_slide(deck: Deck, plan: Plan) -> None:
    """Add the problems: up to four, each with its evidence."""
    loc = plan.locale
    problems = plan.profile.problems
    notes = [
        sentence(loc, p.title, word("evidence", loc, text=p.evidence), word("impact_text", loc, text=p.impact))
        for p in problems
    ]
    slide = deck.slide(word("problems", loc), notes)
    shown = problems[:4]
    grid = (
        [r for row in split(deck.body, 2, vertical=True) for r in split(row, 2)]
        if len(shown) > 2
        else split(deck.body, max(1, len(shown)))
    )
    for rect, problem in zip(grid, shown, strict=False):
        head, body = split(rect, 2, vertical=True, weights=(1, 3), gap=0)
        text_box(slide, head, [problem.title], Style(size=20, floor=11, bold=True, color=DARK), loc)
        text_box(slide, body, [problem.evidence or problem.impact], Style(size=16, floor=9, color=DARK), loc)


def positioning_slide(deck: Deck, plan: Plan) -> None:
    """Add the positioning sentence, then the audience and the advantages side by side."""
    loc = plan.locale
    shop = plan.profile.shop
    aud = shop.audience
    audience = [p for p in (aud.age, aud.gender, aud.income, *aud.regions[:1]) if p]
    notes = [shop.positioning, shop.value_proposition, *audience, *aud.traits, *shop.advantages]
    slide = deck.slide(word("positioning", loc), notes)
    top, bottom = split(deck.body, 2, vertical=True, weights=(1, 2))
    text_box(
        slide,
        top,
        [shop.positioning or shop.value_proposition or shop.category],
        Style(size=22, floor=11, bold=True, color=DARK),
        loc,
    )
    left, right = split(bottom, 2)
    for rect, heading, items in ((left, "audience", audience), (right, "advantages", shop.advantages[:4])):
        head, body = split(rect, 2, vertical=True, weights=(1, 5), gap=0)
        text_box(slide, head, [word(heading, loc)], Style(size=18, floor=10, bold=True, color=DARK), loc)
        text_box(slide, body, items or ["—"], Style(size=16, floor=9, color=DARK, bullets=True), loc)


def fact_value(locale: str, value: float, unit: str) -> str:
    """Format a market figure with its unit: 2,205亿元; 30%; 7 bn."""
    glue = "" if locale.startswith("zh") or unit in ("", "%") else " "
    return f"{number(locale, value)}{glue}{unit}"
