"""The risk heat map of the HTML plan: a 5×5 grid from the computed plan, coloured by level, with a legend.

Each cell also names its level in a letter and a pattern, so the grid still reads in grey print.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opsplan.plan.model import Plan

_TEXT = {
    "zh": {
        "likelihood": "可能性",
        "impact": "影响程度",
        "high": "高（≥15分）",
        "medium": "中（8–14分）",
        "low": "低（≤7分）",
        "score": "风险值",
        "letters": {"high": "高", "medium": "中", "low": "低"},
    },
    "en": {
        "likelihood": "Likelihood",
        "impact": "Impact",
        "high": "High (15 and over)",
        "medium": "Medium (8–14)",
        "low": "Low (7 and under)",
        "score": "score",
        "letters": {"high": "H", "medium": "M", "low": "L"},
    },
}


def heat_html(plan: Plan, *, zh: bool) -> str:
    """Return the heat matrix of ``plan`` as a 5×5 grid with axis labels and a legend."""
    t = _TEXT["zh" if zh else "en"]
    letters: dict[str, str] = t["letters"]  # type: ignore[assignment]
    titles = {risk.id: risk.title for risk in plan.risks.rows}
    cells = [f'<div class="hm-corner">{escape(str(t["likelihood"]))} \\ {escape(str(t["impact"]))}</div>']
    cells += [f'<div class="hm-head">{i}</div>' for i in range(1, 6)]
    for row in plan.risks.heat:
        cells.append(f'<div class="hm-head">{row[0].likelihood}</div>')
        for cell in row:
            tip = [f"{t['likelihood']} {cell.likelihood} × {t['impact']} {cell.impact} = {cell.score}"]
            tip += [f"{i} {titles.get(i, '')}".strip() for i in cell.ids]
            ids = "".join(f"<span>{escape(i)}</span>" for i in cell.ids)
            cells.append(
                f'<div class="hm-cell level-{cell.level}" data-level="{cell.level}" data-count="{cell.count}" '
                f'title="{escape(chr(10).join(tip), quote=True)}"><b class="hm-letter">{escape(letters[cell.level])}'
                f'{cell.score}</b><span class="hm-ids">{ids}</span></div>'
            )
    legend = "".join(
        f'<span class="g-key"><i class="level-{level}"></i>{escape(str(t[level]))} '
        f"({plan.risks.counts.get(level, 0)})</span>"
        for level in ("high", "medium", "low")
    )
    return (
        f'<figure class="heatmap">\n<div class="hm-grid">{"".join(cells)}</div>\n'
        f'<figcaption class="g-legend">{legend}</figcaption>\n</figure>\n'
    )
