"""Risk scores, levels, order and the heat matrix (BRIEF §5.5)."""

from __future__ import annotations

from opsplan.plan.risks import level_of
from tests._plan_helpers import plan


def risk(ident: str, likelihood: int, impact: int) -> dict[str, object]:
    return {"id": ident, "category": "operations", "title": ident, "likelihood": likelihood, "impact": impact}


def test_register_sorted_by_score_then_id() -> None:
    p = plan(risks=[risk("R3", 3, 2), risk("R4", 4, 2), risk("R1", 5, 3), risk("R2", 2, 4), risk("R5", 3, 4)])
    rows = p.risks.rows
    # scores: R1 5×3=15, R5 3×4=12, R2 2×4=8, R4 4×2=8 (tie → by id), R3 3×2=6
    assert [(r.id, r.score) for r in rows] == [("R1", 15), ("R5", 12), ("R2", 8), ("R4", 8), ("R3", 6)]
    assert [r.level for r in rows] == ["high", "medium", "medium", "medium", "low"]
    assert p.risks.counts == {"high": 1, "medium": 3, "low": 1}


def test_level_boundaries() -> None:
    assert [level_of(s) for s in (25, 15, 12, 8, 6, 1)] == ["high", "high", "medium", "medium", "low", "low"]


def test_heat_matrix() -> None:
    p = plan(risks=[risk("A", 5, 3), risk("B", 5, 3), risk("C", 1, 1)])
    heat = p.risks.heat
    assert len(heat) == 5 and all(len(row) == 5 for row in heat)
    # row 0 is likelihood 5; column 2 is impact 3
    cell = heat[0][2]
    assert (cell.likelihood, cell.impact, cell.score, cell.count, cell.ids) == (5, 3, 15, 2, ["A", "B"])
    assert cell.level == "high"
    corner = heat[4][0]  # likelihood 1, impact 1
    assert (corner.likelihood, corner.impact, corner.count, corner.ids) == (1, 1, 1, ["C"])
    assert sum(c.count for row in heat for c in row) == 3
