"""The review as tables of text in the plan's locale, and the Markdown, terminal and GitHub views of them.

``review_tables`` formats every number once; the Markdown (and so the DOCX), the terminal table and the
workbook all show the same strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opsplan.formatting import date, delta, metric_value, money, percent
from opsplan.track.compare import TOLERANCE as DEFAULT_TOLERANCE
from opsplan.track.compare import MetricReview, Review
from opsplan.track.words import horizon_word, words

STATUS_MARK = {"on_track": "✓", "at_risk": "!", "off_track": "✗", "no_data": "·"}


@dataclass
class Tables:
    """The review's tables: header and rows of text, plus the sentences around them."""

    title: str
    intro: str
    metrics: list[list[str]] = field(default_factory=list)
    forecasts: list[list[str]] = field(default_factory=list)
    forecast_text: str = ""
    funnel_text: str = ""
    funnel: list[list[str]] = field(default_factory=list)
    milestones: list[list[str]] = field(default_factory=list)
    budget_text: str = ""
    channels: list[list[str]] = field(default_factory=list)
    headers: dict[str, list[str]] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)


def _value(review: Review, metric: str, value: float | None) -> str:
    return "—" if value is None else metric_value(review.locale, value, metric, review.currency)


def ceiling_words(review: Review, m: MetricReview) -> str:
    """Say which ceiling held ``m``'s forecast down: 月GMV每月增长不超过25%（plausibility.money_growth）."""
    w = words(review.locale)
    field = next(f.capped for f in m.forecasts if f.capped)
    limit = getattr(review.plausibility, field.removeprefix("plausibility."))
    if field.endswith("_growth"):
        return w["capped.growth"].format(metric=m.label, limit=percent(review.locale, limit), field=field)
    return w["capped.value"].format(metric=m.label, limit=_value(review, m.metric, limit), field=field)


def why(review: Review, m: MetricReview, tolerance: float = DEFAULT_TOLERANCE) -> str:
    """Say in a few words why ``m`` has its status."""
    w = words(review.locale)
    locale = review.locale
    compound = m.kind.value in ("count", "money") and m.direction.value == "up"

    def amount(x: float | None) -> str:
        if x is None:
            return "—"
        if compound:
            return percent(locale, x)
        return delta(locale, x, m.metric, review.currency).lstrip("+±")

    move = "move.grow" if compound else "move.up" if m.direction.value == "up" else "move.down"
    return w[f"why.{m.reason}"].format(
        tolerance=percent(locale, tolerance),
        needed=w[move].format(amount=amount(m.needed)),
        limit=amount(m.limit),
        horizon=horizon_word(locale, m.horizon or ""),
    )


def review_tables(review: Review, tolerance: float = DEFAULT_TOLERANCE) -> Tables:
    """Return the review's tables with every number formatted for its locale."""
    w = words(review.locale)
    loc, cur = review.locale, review.currency
    c = review.counts
    tables = Tables(
        title=w["title"].format(shop=review.shop, as_of=date(loc, review.as_of)),
        intro=w["intro"].format(
            source=Path(review.actuals).name,
            title=review.title,
            off=c["off_track"],
            risk=c["at_risk"],
            on=c["on_track"],
            none=c["no_data"],
        ),
        words=w,
    )
    tables.headers = {
        "metrics": [
            w[k]
            for k in ("c.metric", "c.period", "c.plan", "c.actual", "c.variance", "c.variance_pct", "c.status", "c.why")
        ],
        "forecasts": [w[k] for k in ("c.metric", "c.horizon", "c.target", "c.forecast", "c.band", "c.reaches")],
        "funnel": [w[k] for k in ("c.stage", "c.planned", "c.actual", "c.shortfall")],
        "milestones": [w[k] for k in ("c.milestone", "c.due", "c.done", "c.status", "c.holds_up")],
        "channels": [w[k] for k in ("c.channel", "c.months", "c.planned", "c.spent", "c.variance_pct")],
    }
    for m in review.metrics:
        if not m.points:
            continue
        last = m.points[-1]
        tables.metrics.append(
            [
                m.label,
                last.period,
                _value(review, m.metric, last.plan),
                _value(review, m.metric, last.actual),
                "—" if last.variance is None else delta(loc, last.variance, m.metric, cur),
                "—" if last.variance_pct is None else percent(loc, last.variance_pct, signed=True),
                f"{STATUS_MARK[m.status]} {w['status.' + m.status]}",
                why(review, m, tolerance),
            ]
        )
        for f in m.forecasts:
            tables.forecasts.append(
                [
                    m.label,
                    horizon_word(loc, f.horizon),
                    _value(review, m.metric, f.target),
                    _value(review, m.metric, f.forecast) + (" *" if f.capped else ""),
                    f"{_value(review, m.metric, f.low)} – {_value(review, m.metric, f.high)}",
                    w["yes"] if f.reaches else w["no"],
                ]
            )
    capped = [ceiling_words(review, m) for m in review.metrics if any(f.capped for f in m.forecasts)]
    if capped:
        tables.forecast_text = w["forecast.capped"].format(items=("；" if loc.startswith("zh") else "; ").join(capped))
    gap = review.funnel
    if gap is not None:
        names = {s.stage: s.stage for s in gap.stages}
        names["aov"] = w["aov"]
        shown = percent(loc, gap.gmv_variance_pct, signed=True)
        key = "funnel.culprit" if gap.culprit else "funnel.above" if gap.stages else "funnel.none"
        tables.funnel_text = w[key].format(period=gap.period, gap=shown, stage=names.get(gap.culprit or "", ""))
        for i, s in enumerate(gap.stages):
            entry = i == 0 and s.stage != "aov" and s.planned is not None and s.planned > 1
            kind = "aov" if s.stage == "aov" else ("monthly_views" if entry else "conversion_rate")
            tables.funnel.append(
                [
                    names[s.stage],
                    _value(review, kind, s.planned),
                    _value(review, kind, s.actual),
                    "—" if s.shortfall is None else percent(loc, s.shortfall, signed=True),
                ]
            )
    for ms in review.milestones:
        status = w[f"ms.{ms.status}"].format(days=ms.days_late)
        tables.milestones.append(
            [
                f"{ms.id} {ms.name}",
                "—" if ms.due is None else date(loc, ms.due, "iso"),
                "—" if ms.done is None else date(loc, ms.done, "iso"),
                status,
                "；".join(ms.holds_up) if loc.startswith("zh") else "; ".join(ms.holds_up),
            ]
        )
    b = review.budget
    if b is not None and b.total is not None:
        t = b.total
        tables.budget_text = w["budget.line"].format(
            spent=money(loc, t.spent, cur),
            periods=", ".join(t.periods),
            planned=money(loc, t.planned, cur),
            variance=("+" if t.variance > 0 else "") + money(loc, t.variance, cur),
            pct="—" if t.variance_pct is None else percent(loc, t.variance_pct, signed=True),
        )
    for line in b.channels if b is not None else []:
        tables.channels.append(
            [
                line.name,
                ", ".join(line.periods),
                money(loc, line.planned, cur),
                money(loc, line.spent, cur),
                "—" if line.variance_pct is None else percent(loc, line.variance_pct, signed=True),
            ]
        )
    return tables


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    def cell(text: str) -> str:
        return " ".join(text.replace("|", "\\|").split()) or "—"

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def review_markdown(review: Review, tables: Tables, chart_file: str | None, tolerance: float) -> str:
    """Return the review as GitHub-flavoured Markdown (``chart_file``: the chart image's file name).

    Two chapters: plan against actual (the metrics and the chart), then what follows from it (forecast,
    funnel, milestones, budget, the status rules), so the DOCX made from it has two chapters, not eight.
    """
    w = tables.words
    out = [f"# {tables.title}", "", f"## {w['h.metrics']}", "", tables.intro, ""]
    out += _md_table(tables.headers["metrics"], tables.metrics)
    if chart_file:
        out += [f"![{w['h.chart']}]({chart_file})", ""]
    out += [f"## {w['h.outlook']}", ""]
    if tables.forecasts:
        out += [f"### {w['h.forecast']}", "", *_md_table(tables.headers["forecasts"], tables.forecasts)]
        out += [tables.forecast_text, ""] if tables.forecast_text else []
    if tables.funnel_text:
        out += [f"### {w['h.funnel']}", "", tables.funnel_text, ""]
        if tables.funnel:
            out += _md_table(tables.headers["funnel"], tables.funnel)
    if tables.milestones:
        out += [f"### {w['h.milestones']}", "", *_md_table(tables.headers["milestones"], tables.milestones)]
    if tables.budget_text or tables.channels:
        out += [f"### {w['h.budget']}", ""]
        out += [tables.budget_text, ""] if tables.budget_text else []
        out += _md_table(tables.headers["channels"], tables.channels) if tables.channels else []
    out += [f"### {w['h.rules']}", "", w["rules"].format(tolerance=percent(review.locale, tolerance)), ""]
    return "\n".join(out)


def print_review(review: Review, tables: Tables, console: Any) -> None:
    """Print the review as rich tables on ``console``."""
    from rich.table import Table

    colours = {"on_track": "green", "at_risk": "yellow", "off_track": "red", "no_data": "dim"}
    w = tables.words
    console.print(f"[bold]{tables.title}[/bold]")
    console.print(tables.intro)
    table = Table(*tables.headers["metrics"][:-1], title=w["h.metrics"], title_justify="left")
    rows = [m for m in review.metrics if m.points]
    for m, row in zip(rows, tables.metrics, strict=True):
        table.add_row(*row[:-2], f"[{colours[m.status]}]{row[-2]}[/]")
    console.print(table)
    for m, row in zip(rows, tables.metrics, strict=True):  # the reasons are too long for a table column
        if m.status in ("at_risk", "off_track"):
            console.print(f"[{colours[m.status]}]{row[0]}[/]: {row[-1]}")
    if tables.forecasts:
        forecast = Table(*tables.headers["forecasts"], title=w["h.forecast"], title_justify="left")
        for row in tables.forecasts:
            forecast.add_row(*row)
        console.print(forecast)
        if tables.forecast_text:
            console.print(tables.forecast_text)
    if tables.funnel_text:
        console.print(tables.funnel_text)
    late = [row for row in tables.milestones if row[2] == "—" and row[3] != w["ms.upcoming"]]
    for row in late:
        console.print(f"[red]{row[0]}[/]: {row[3]}" + (f" → {row[4]}" if row[4] else ""))
    if tables.budget_text:
        console.print(tables.budget_text)


def github_lines(review: Review, tables: Tables) -> list[str]:
    """Return GitHub Actions annotations: an error per off-track metric, a warning per metric at risk."""
    lines = []
    rows = [m for m in review.metrics if m.points]
    for m, row in zip(rows, tables.metrics, strict=True):
        if m.status not in ("off_track", "at_risk"):
            continue
        level = "error" if m.status == "off_track" else "warning"
        file, _, rest = m.source.rpartition(":")
        file, _, line = file.rpartition(":")
        text = f"{m.label} {row[1]}: {row[3]} / {row[2]} ({row[5]}); {row[7]}".replace("\n", " ")
        lines.append(f"::{level} file={file},line={line},col={rest},title={m.metric} {m.status}::{text}")
    return lines
