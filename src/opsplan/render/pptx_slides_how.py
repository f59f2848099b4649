"""The deck's later slides: the how (goals, content, traffic, users, money), the risks, the timeline, results.

Trends and splits are native charts whose data is the plan's own numbers; the speaker notes carry the rest.
"""

from __future__ import annotations

from dataclasses import replace

from opsplan.formatting import count, delta, number, percent, ratio
from opsplan.metrics import CATALOGUE, MetricKind
from opsplan.plan.dates import add_months
from opsplan.plan.headline import headline_metrics
from opsplan.plan.model import Plan
from opsplan.render.filters import metric_label
from opsplan.render.pptx_charts import Series, bar_chart, doughnut_chart, line_chart, value_axis
from opsplan.render.pptx_deck import Deck
from opsplan.render.pptx_shapes import DARK, card, risk_matrix, split, text_box
from opsplan.render.pptx_slides import MAX_BULLETS, fmt_metric, fmt_money, sentence
from opsplan.render.pptx_text import Style
from opsplan.render.pptx_words import bracketed, labelled, word

SIDE = Style(size=18, floor=10, color=DARK, bullets=True)
CAPTION = Style(size=16, floor=9, bold=True, color=DARK)


def _horizon(plan: Plan, name: str, months: int) -> str:
    loc = plan.locale
    horizon = word(name, loc) if loc.startswith("zh") else word(name, loc).capitalize()
    return bracketed(loc, horizon, word("months_after", loc, months=months))


def goals_slide(deck: Deck, plan: Plan) -> None:
    """Add the leading count or money metric's trajectory as a line chart, the horizon targets beside it."""
    loc = plan.locale
    goals = plan.goals
    leading = [
        m for m in headline_metrics(goals.metrics, len(goals.metrics)) if m.kind in (MetricKind.COUNT, MetricKind.MONEY)
    ]
    shown = headline_metrics(goals.metrics, 3)
    targets = [
        labelled(
            loc,
            _horizon(plan, h.name, h.months),
            ("，" if loc.startswith("zh") else ", ").join(
                f"{metric_label(loc, m.metric)} {fmt_metric(plan, m.metric, m.targets[h.name])}"
                + deck.marks.target(h.name, m.metric)
                for m in shown
                if h.name in m.targets
            ),
        )
        for h in goals.horizons
    ]
    notes = [*targets]
    notes += [
        labelled(loc, metric_label(loc, m.metric), f"CMGR {percent(loc, m.cmgr)}") for m in goals.metrics if m.cmgr
    ]
    key = leading[0].metric if leading else (goals.metrics[0].metric if goals.metrics else "")
    slide = deck.slide(word("goals", loc, metric=metric_label(loc, key) if key else ""), notes)
    chart_rect, side = split(deck.body, 2, weights=(3, 2))
    rows = [r for r in goals.trajectory if r.metric == key]
    if rows:
        start = plan.timeline.start
        months = [add_months(start, r.month) for r in rows]
        labels = [f"{d.year}-{d.month:02d}" for d in months]
        values = [r.value for r in rows]
        axis = value_axis(loc, values, CATALOGUE[key].kind, plan.currency)
        horizons = [(h.name, h.months) for h in goals.horizons]
        marks = [deck.marks.anchor(key, r.month, horizons) for r in rows]  # a draft's stand-in anchors
        marked = [fmt_metric(plan, key, r.value) + mark if mark else "" for r, mark in zip(rows, marks, strict=True)]
        series = replace(axis.series(labels, metric_label(loc, key), values, loc), labels=marked)
        line_chart(slide, chart_rect, series, loc, axis)
    text_box(slide, side, targets[:MAX_BULLETS], SIDE, loc)


def content_slide(deck: Deck, plan: Plan) -> None:
    """Add the content pillars' shares as a doughnut, each pillar's cadence beside it."""
    loc = plan.locale
    content = plan.profile.content
    pillars = content.pillars
    lines = [
        sentence(
            loc,
            f"{p.name} {percent(loc, p.share)}",
            word("per_week", loc, n=number(loc, p.per_week)) if p.per_week else "",
        )
        for p in pillars
    ]
    notes = [
        content.strategy,
        *[sentence(loc, line, p.description, " / ".join(p.formats)) for line, p in zip(lines, pillars, strict=True)],
        *content.workflow,
    ]
    slide = deck.slide(word("content", loc, n=len(pillars)), notes)
    chart_rect, side = split(deck.body, 2, weights=(3, 2))
    if pillars:
        doughnut_chart(slide, chart_rect, [p.name for p in pillars], [p.share for p in pillars], loc)
    text_box(slide, side, lines[:MAX_BULLETS] or [content.strategy or "—"], SIDE, loc)


def traffic_slide(deck: Deck, plan: Plan) -> None:
    """Add the channel mix (doughnut) and the funnel for the first horizon (bar of monthly volumes)."""
    loc = plan.locale
    traffic = plan.profile.traffic
    channels = plan.budget.channels
    case = plan.funnel.horizons[0] if plan.funnel.horizons else None
    notes = [traffic.strategy]
    notes += [
        sentence(
            loc,
            f"{c.name} {percent(loc, c.share)}",
            f"ROI {ratio(loc, c.roi)}" if c.roi is not None else "",
            fmt_money(plan, c.monthly_spend) if c.monthly_spend is not None else "",
        )
        for c in channels
    ]
    if case is not None:
        notes.append(
            sentence(
                loc,
                f"GMV {fmt_money(plan, case.gmv)}"
                + (deck.marks.target(case.horizon, "monthly_gmv") if case.gmv_basis == "monthly_gmv" else ""),
                f"AOV {fmt_money(plan, case.aov)}{_aov_mark(deck, plan, case.horizon)}",
                f"{number(loc, case.orders, 0)} orders"
                if not loc.startswith("zh")
                else f"订单{number(loc, case.orders, 0)}笔",
            )
        )
        notes += [labelled(loc, s.stage, number(loc, s.volume or 0, 0)) for s in case.stages]
    slide = deck.slide(word("traffic", loc), notes)
    parts = [p for p in ("channels" if channels else "", "funnel" if case else "") if p]
    for rect, part in zip(split(deck.body, max(1, len(parts))), parts, strict=False):
        caption, body = split(rect, 2, vertical=True, weights=(1, 9), gap=0)
        if part == "channels":
            text_box(slide, caption, [word("channels", loc)], CAPTION, loc)
            doughnut_chart(slide, body, [c.name for c in channels], [c.share for c in channels], loc)
        elif case is not None:
            text_box(
                slide, caption, [word("funnel", loc, horizon=_horizon(plan, case.horizon, case.months))], CAPTION, loc
            )
            volumes = [s.volume or 0 for s in case.stages]
            shown = [count(loc, v) for v in volumes]  # as the funnel table shows them: 120万 / 1.2M
            stages = Series([s.stage for s in case.stages], word("volume", loc), volumes, labels=shown)
            bar_chart(slide, body, stages, loc)


def _aov_mark(deck: Deck, plan: Plan, horizon: str) -> str:
    """Return the mark of the AOV a horizon's funnel uses: its target there, or the baseline with no AOV goal."""
    goal = next((m for m in plan.goals.metrics if m.metric == "aov"), None)
    if goal is None:
        return deck.marks.baseline("aov")
    return deck.marks.target(horizon, "aov") if horizon in goal.targets else ""


def users_slide(deck: Deck, plan: Plan) -> None:
    """Add the user segments (doughnut) and the first action at each lifecycle stage."""
    loc = plan.locale
    users = plan.profile.users
    stages = [labelled(loc, s.stage, s.actions[0]) for s in users.lifecycle if s.actions]
    notes = [users.strategy, *[sentence(loc, f"{s.name} {percent(loc, s.share)}", s.strategy) for s in users.segments]]
    notes += [sentence(loc, s.stage, *s.actions) for s in users.lifecycle]
    notes += [sentence(loc, t.name, t.criteria, t.benefits) for t in users.tiers]
    slide = deck.slide(word("users", loc), notes)
    chart_rect, side = split(deck.body, 2, weights=(1, 1))
    if users.segments:
        doughnut_chart(slide, chart_rect, [s.name for s in users.segments], [s.share for s in users.segments], loc)
    caption, body = split(side, 2, vertical=True, weights=(1, 9), gap=0)
    text_box(slide, caption, [word("lifecycle", loc)], CAPTION, loc)
    text_box(slide, body, stages[:MAX_BULLETS] or [users.strategy or "—"], SIDE, loc)


def money_slide(deck: Deck, plan: Plan) -> None:
    """Add the budget split (doughnut) and the headcount by role (bar), each under a one-line caption."""
    loc, marks = plan.locale, deck.marks
    budget, team = plan.budget, plan.team
    budget_caption = f"{word('budget_split', loc)} · {fmt_money(plan, budget.total)}{marks.budget_total()}"
    team_caption = f"{word('team', loc)} · {word('people', loc, n=team.headcount)}{marks.team()} · " + word(
        "payroll", loc, monthly=fmt_money(plan, team.monthly_payroll), share=percent(loc, team.payroll_share_of_budget)
    )
    notes = [budget_caption]
    notes += [
        sentence(
            loc,
            f"{i.name} {percent(loc, i.share)}",
            fmt_money(plan, i.amount),
            f"{fmt_money(plan, i.monthly)}/{word('per_month', loc)}",
        )
        for i in budget.items
    ]
    notes += [
        team_caption,
        *[
            sentence(loc, f"{r.role} × {r.count}{marks.headcount(i)}", fmt_money(plan, r.monthly_payroll))
            for i, r in enumerate(team.roles)
        ],
    ]
    slide = deck.slide(word("money", loc), notes)
    left, right = split(deck.body, 2)
    for rect, caption in ((left, budget_caption), (right, team_caption)):
        head, _ = split(rect, 2, vertical=True, weights=(1, 6), gap=0)
        text_box(slide, head, [caption], CAPTION, loc)
    _, body = split(left, 2, vertical=True, weights=(1, 6), gap=0)
    if budget.items:
        doughnut_chart(slide, body, [i.name for i in budget.items], [i.share for i in budget.items], loc)
    _, body = split(right, 2, vertical=True, weights=(1, 6), gap=0)
    if team.roles:
        counts = [f"{r.count}{marks.headcount(i)}" for i, r in enumerate(team.roles)]  # a draft's 3【待填写】
        roles = Series(
            [r.role for r in team.roles],
            word("headcount", loc),
            [r.count for r in team.roles],
            "0",
            labels=counts if any(marks.headcount(i) for i in range(len(counts))) else (),
        )
        bar_chart(slide, body, roles, loc)


def risks_slide(deck: Deck, plan: Plan) -> None:
    """Add the 5×5 risk matrix and the top risks beside it."""
    loc = plan.locale
    risks = plan.risks
    high = risks.counts.get("high", 0)
    top = [f"{r.id} · {r.score} · {r.title}" for r in risks.rows[:5]]
    notes = [
        sentence(
            loc,
            bracketed(loc, f"{r.id} {r.title}", f"{r.likelihood}×{r.impact} = {r.score}"),
            word("owner", loc, owner=r.owner),
            word("mitigation", loc, text=r.mitigation),
            word("response", loc, text=r.response),
        )
        for r in risks.rows
    ]
    slide = deck.slide(word("risks", loc, high=high) if high else word("risks_none", loc), notes)
    matrix, side = split(deck.body, 2, weights=(1, 1))
    risk_matrix(slide, plan, matrix)
    caption, body = split(side, 2, vertical=True, weights=(1, 9), gap=0)
    text_box(slide, caption, [word("top_risks", loc)], CAPTION, loc)
    text_box(slide, body, top or ["—"], Style(size=16, floor=9, color=DARK, bullets=True), loc)


def outcomes_slide(deck: Deck, plan: Plan) -> None:
    """Add the last horizon's results against today, as up to six figure cards."""
    loc = plan.locale
    last = next(o for o in reversed(plan.outcomes) if o.rows)  # the furthest horizon with targets
    order = [m.metric for m in headline_metrics(plan.goals.metrics, len(plan.goals.metrics))]
    rows = sorted(last.rows, key=lambda r: order.index(r.metric) if r.metric in order else len(order))[:6]
    notes = [
        labelled(
            loc,
            _horizon(plan, o.horizon, o.months),
            sentence(
                loc,
                *[
                    f"{metric_label(loc, r.metric)} {fmt_metric(plan, r.metric, r.target)}"
                    + deck.marks.target(o.horizon, r.metric)
                    for r in o.rows
                ],
            ),
        )
        for o in plan.outcomes
    ]
    slide = deck.slide(word("outcomes", loc, months=last.months), notes)
    grid = (
        [r for row in split(deck.body, 2, vertical=True) for r in split(row, 3)]
        if len(rows) > 3
        else split(deck.body, max(1, len(rows)))
    )
    for rect, row in zip(grid, rows, strict=False):
        detail = []
        if row.baseline is not None:
            baseline = fmt_metric(plan, row.metric, row.baseline) + deck.marks.baseline(row.metric)
            detail.append(f"{word('baseline', loc)} {baseline}")
        if row.uplift is not None:
            detail.append(delta(loc, row.uplift, row.metric, plan.currency))
        figure = fmt_metric(plan, row.metric, row.target) + deck.marks.target(last.horizon, row.metric)
        card(slide, rect, figure, metric_label(loc, row.metric), detail, loc)
