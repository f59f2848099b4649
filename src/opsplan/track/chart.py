"""The review chart: for up to four metrics, the plan line, the actual points and the forecast band (PNG).

Needs matplotlib (the ``charts`` extra); ``review_chart`` returns None without it, and the report is
written without the picture.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from opsplan.metrics import MetricKind
from opsplan.track.compare import MetricReview, Review
from opsplan.track.words import words

if TYPE_CHECKING:
    from opsplan.plan.model import Plan

MAX_PANELS = 4
_ORDER = {"off_track": 0, "at_risk": 1, "on_track": 2, "no_data": 3}


def charted(review: Review) -> list[MetricReview]:
    """Return the metrics the chart shows: those with actuals, off track first, at most four."""
    shown = sorted((m for m in review.metrics if m.points), key=lambda m: _ORDER[m.status])
    return shown[:MAX_PANELS]


def review_chart(plan: Plan, review: Review) -> bytes | None:
    """Return the chart as PNG bytes, or None when matplotlib is missing or no metric has actuals."""
    from opsplan.errors import ChartsUnavailable
    from opsplan.render.charts import _pyplot
    from opsplan.track.tracked import planned

    metrics = charted(review)
    if not metrics:
        return None
    try:
        plt = _pyplot()
    except ChartsUnavailable:
        return None
    w = words(review.locale)
    columns = 2 if len(metrics) > 1 else 1
    rows = (len(metrics) + 1) // 2
    fig, axes = plt.subplots(rows, columns, figsize=(5.2 * columns, 3.2 * rows), squeeze=False)
    for ax, m in zip(axes.flat, metrics, strict=False):
        last = m.points[-1].month
        end = m.forecasts[0].month if m.forecasts else max(h.months for h in plan.goals.horizons)
        months = [i / 4 for i in range(0, int(end * 4) + 1)]
        line = [(x, planned(plan, m.metric, x)) for x in months]
        ax.plot(
            [x for x, y in line if y is not None],
            [y for _, y in line if y is not None],
            color="#2F5597",
            label=w["chart.plan"],
        )
        ax.plot(
            [p.month for p in m.points], [p.actual for p in m.points], "o", color="#C00000", label=w["chart.actual"]
        )
        if m.forecasts:
            f = m.forecasts[0]
            xs = [last + (f.month - last) * i / 20 for i in range(21)]
            a = m.points[-1].actual
            ax.fill_between(
                xs,
                _path(a, f.low, xs, m),
                _path(a, f.high, xs, m),
                color="#F4B183",
                alpha=0.5,
                label=w["chart.forecast"],
            )
            ax.plot(xs, _path(a, f.forecast, xs, m), "--", color="#C55A11")
        ax.set_title(m.label, fontsize=10)
        ax.set_xlabel(w["chart.month"], fontsize=8)
        ax.tick_params(labelsize=8)
        if m.kind is MetricKind.RATE:
            ax.yaxis.set_major_formatter(lambda value, _pos: f"{value * 100:.1f}%")
        else:
            ax.yaxis.set_major_formatter(lambda value, _pos: f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="upper left")
    for ax in list(axes.flat)[len(metrics) :]:
        ax.set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def _path(start: float, end: float, xs: list[float], m: MetricReview) -> list[float]:
    """Values from ``start`` at ``xs[0]`` to ``end`` at ``xs[-1]``: geometric for counts and money, else straight."""
    share = [(x - xs[0]) / (xs[-1] - xs[0]) for x in xs]
    if m.kind in (MetricKind.COUNT, MetricKind.MONEY) and start > 0 and end > 0:
        return [start * (end / start) ** s for s in share]
    return [start + (end - start) * s for s in share]
