"""The literal-figures bench's matcher: a figure restates a value only with the same unit and the value named.

The profile (worked by hand): baseline 20,000 followers, short-term target 500,000 followers at month 6, a
budget of 1,200,000 over 6 months with one line "content", inventory turnover of 30 days; the plan starts
2027-03-01; one risk R01 with a response time of 2 hours. So ${goals.short.followers} is 500,000 (a count),
${baseline.followers} 20,000 (a count), ${budget.total} 1,200,000 (money), ${supply.inventory_turnover_days} 30
(days), ${risks.R01.response_hours} 2 (hours).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

from tests._plan_helpers import goals, plan

if TYPE_CHECKING:
    from bench_prose_literals import Literal

BENCH = Path(__file__).parents[1] / "bench"
Scan = Callable[..., list["Literal"]]  # (text, path="shop.positioning"): the literals the matcher finds


def _bench() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("bench_prose_literals", BENCH / "bench_prose_literals.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scan() -> Scan:
    bench = _bench()
    computed = plan(
        baseline={"followers": 20_000},
        goals=goals({"followers": 500_000}),
        supply={"inventory_turnover_days": 30},
        risks=[RISK],
    )
    matcher = bench.Matcher.for_plan(computed)
    return lambda text, path="shop.positioning": list(matcher.scan(path, text))


RISK = {
    "id": "R01",
    "category": "compliance",
    "title": "Ad law",
    "likelihood": 3,
    "impact": 5,
    "owner": "Lead",
    "mitigation": "Review every post",
    "response": "Withdraw the post",
    "response_hours": 2,
}


def _only(literals: list[Literal]) -> Literal:
    assert len(literals) == 1, literals
    return literals[0]


@pytest.mark.parametrize(
    ("text", "written", "restates"),
    [
        # the short-term follower target in words and figures: a count, next to 粉丝 / followers
        ("粉丝做到50万", "50万", "goals.short.followers"),
        ("grow followers to 500,000 by the summer", "500,000", "goals.short.followers"),
        # the budget total, money next to 预算 (1,200,000 = 120万元)
        ("本季预算120万元", "120万元", "budget.total"),
        # 30 days next to 库存周转: the turnover target
        ("库存周转控制在30天以内", "30天", "supply.inventory_turnover_days"),
    ],
)
def test_a_true_duplicate_is_found(scan: Scan, text: str, written: str, restates: str) -> None:
    literal = _only(scan(text))
    assert (literal.text, literal.duplicates) == (written, restates)


@pytest.mark.parametrize(
    ("text", "equals"),
    [
        # 30 days, and 30 is the turnover target, but the clause is about new members: a coincidence
        ("新成员入群后的前30天由专人跟进", "supply.inventory_turnover_days"),
        # 20,000 equals the baseline followers, but the clause counts store visitors
        ("门店每月接待约20,000名到店顾客", "baseline.followers"),
    ],
)
def test_a_coincidence_is_equal_but_not_a_duplicate(scan: Scan, text: str, equals: str) -> None:
    literal = _only(scan(text))
    assert literal.equals == equals
    assert literal.duplicates == ""


@pytest.mark.parametrize(
    "text",
    [
        # 500,000 next to 粉丝, but written as money (50万元): followers are a count
        "粉丝运营投入50万元",
        # 30 next to 库存周转, but in hours, and the turnover target is in days
        "库存周转盘点在30小时内完成",
        # 120万 next to 预算 equals the budget total (1,200,000), but 120万人 counts people, not money
        "预算覆盖120万人",
    ],
)
def test_a_unit_mismatch_is_not_a_duplicate(scan: Scan, text: str) -> None:
    literal = _only(scan(text))
    assert literal.duplicates == ""


def test_a_reference_is_not_a_literal(scan: Scan) -> None:
    assert scan("粉丝做到${goals.short.followers}") == []


def test_a_risks_response_time_is_a_duplicate_in_its_own_text_only(scan: Scan) -> None:
    # R01 answers within 2 hours (its response_hours): its response text restating 两小时 is a duplicate
    assert _only(scan("两小时内撤回并更正", "risks[0].response")).duplicates == "risks.R01.response_hours"
    # the same words elsewhere (a team duty) are not about R01
    assert _only(scan("两小时内撤回并更正", "team[0].duties[0]")).duplicates == ""
