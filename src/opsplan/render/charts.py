"""``--charts``: the goal trajectory and the budget split as PNG images (matplotlib, imported only here).

matplotlib is an optional extra (``pip install 'opsplan[charts]'``); without it ``draw_charts`` raises an
``OpsplanError`` that says how to install it. The PNGs carry no timestamp, so they are reproducible.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from opsplan.errors import ChartsUnavailable
from opsplan.kinds import Chapter
from opsplan.metrics import CATALOGUE, MetricKind
from opsplan.render.messages import rmsg

if TYPE_CHECKING:
    from opsplan.plan.model import Plan

CJK_FONTS = ["Noto Sans CJK SC", "Microsoft YaHei", "SimHei", "PingFang SC", "WenQuanYi Micro Hei", "DejaVu Sans"]
MAX_TRAJECTORIES = 4


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise ChartsUnavailable(rmsg("option.charts")) from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.sans-serif"] = CJK_FONTS
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["svg.hashsalt"] = "opsplan"
    return plt


def draw_charts(plan: Plan) -> list[tuple[Chapter, bytes]]:
    """Return ``(chapter, PNG)`` pairs: the goal trajectory (goals) and the budget split (organisation)."""
    plt = _pyplot()
    charts: list[tuple[Chapter, bytes]] = []
    trajectory = goal_trajectory_png(plan, plt)
    if trajectory is not None:
        charts.append((Chapter.GOALS, trajectory))
    budget = budget_png(plan, plt)
    if budget is not None:
        charts.append((Chapter.ORGANIZATION, budget))
    return charts


def _label(key: str, locale: str) -> str:
    metric = CATALOGUE.get(key)
    return metric.label(locale) if metric is not None else key


def goal_trajectory_png(plan: Plan, plt: Any) -> bytes | None:
    """Small multiples: the planned monthly value of each count/money goal, anchors marked."""
    zh = plan.locale.startswith("zh")
    keys = [m.metric for m in plan.goals.metrics if m.kind in (MetricKind.COUNT, MetricKind.MONEY)][:MAX_TRAJECTORIES]
    if not keys:
        return None
    columns = 1 if len(keys) == 1 else 2
    rows = (len(keys) + 1) // 2 if columns == 2 else 1
    fig, axes = plt.subplots(rows, columns, figsize=(7.0, 2.8 * rows + 0.4), squeeze=False)
    flat = [axis for row in axes for axis in row]
    for axis in flat[len(keys) :]:
        axis.set_visible(False)
    for axis, key in zip(flat, keys, strict=False):
        points = sorted((row.month, row.value) for row in plan.goals.trajectory if row.metric == key)
        anchors = next(m.anchors for m in plan.goals.metrics if m.metric == key)
        axis.plot([p[0] for p in points], [p[1] for p in points], color="#1F4E79", linewidth=1.8)
        axis.scatter([a[0] for a in anchors], [a[1] for a in anchors], color="#C00000", zorder=3, s=18)
        axis.set_title(_label(key, plan.locale), fontsize=10)
        axis.set_xlabel("月" if zh else "month", fontsize=8)
        axis.tick_params(labelsize=7)
        axis.grid(alpha=0.3)
        axis.yaxis.set_major_formatter(_compact(zh))
    fig.suptitle("目标轨迹" if zh else "Goal trajectory", fontsize=12)
    return _png(fig, plt)


def _compact(zh: bool) -> Any:
    """Return a tick formatter writing 50万 / 1.2亿 (zh) or 500k / 2M (en) instead of 1e6 offsets."""
    from matplotlib.ticker import FuncFormatter

    def label(value: float, _position: int) -> str:
        size = abs(value)
        if zh:
            if size >= 1e8:
                return f"{value / 1e8:g}亿"
            return f"{value / 1e4:g}万" if size >= 1e4 else f"{value:g}"
        if size >= 1e6:
            return f"{value / 1e6:g}M"
        return f"{value / 1e3:g}k" if size >= 1e3 else f"{value:g}"

    return FuncFormatter(label)


def budget_png(plan: Plan, plt: Any) -> bytes | None:
    """Draw a horizontal bar per budget item: its share of the total, with the share printed."""
    items = plan.budget.items
    if not items:
        return None
    zh = plan.locale.startswith("zh")
    fig, axis = plt.subplots(figsize=(7.0, 0.45 * len(items) + 1.2))
    names = [item.name for item in reversed(items)]
    shares = [item.share * 100 for item in reversed(items)]
    bars = axis.barh(names, shares, color="#9DC3E6", edgecolor="#1F4E79")
    for bar, share in zip(bars, shares, strict=True):
        axis.text(bar.get_width() + 0.5, bar.get_y() + bar.get_height() / 2, f"{share:.0f}%", va="center", fontsize=8)
    axis.set_xlim(0, max(shares) * 1.2 if shares else 100)
    axis.set_xlabel("占比 %" if zh else "share %", fontsize=8)
    axis.set_title("预算分配" if zh else "Budget split", fontsize=12)
    axis.tick_params(labelsize=8)
    return _png(fig, plt)


def _png(fig: Any, plt: Any) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()
