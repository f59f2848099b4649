"""The risk register: score = likelihood × impact, level, order and the 5×5 heat matrix (BRIEF §5.5)."""

from __future__ import annotations

from opsplan.plan.base import copied
from opsplan.plan.model import HeatCell, RiskLevel, RiskRow, Risks
from opsplan.profile import Profile

HIGH_FROM = 15
MEDIUM_FROM = 8


def level_of(score: int) -> RiskLevel:
    """Return the level of a score: high ≥ 15, medium 8–14, low ≤ 7."""
    if score >= HIGH_FROM:
        return "high"
    if score >= MEDIUM_FROM:
        return "medium"
    return "low"


def build_risks(profile: Profile) -> Risks:
    """Score every risk, sort the register (score descending, then id) and fill the heat matrix."""
    rows = [
        copied(RiskRow, r, score=r.likelihood * r.impact, level=level_of(r.likelihood * r.impact))
        for r in profile.risks
    ]
    rows.sort(key=lambda r: (-r.score, r.id))
    cells: dict[tuple[int, int], list[str]] = {}
    for r in rows:
        cells.setdefault((r.likelihood, r.impact), []).append(r.id)
    heat = [
        [
            HeatCell(
                likelihood=lk,
                impact=im,
                score=lk * im,
                level=level_of(lk * im),
                count=len(cells.get((lk, im), [])),
                ids=cells.get((lk, im), []),
            )
            for im in range(1, 6)
        ]
        for lk in range(5, 0, -1)
    ]
    counts = {level: sum(1 for r in rows if r.level == level) for level in ("high", "medium", "low")}
    return Risks(rows=rows, heat=heat, counts=counts)
