"""One definition of the scenarios (BRIEF §9): the goals chapter's band and the outcomes chapter quote the same
figures, and the forward case close to its target is worded as on target, neither a margin nor a gap."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from opsplan.render.markdown import render_markdown
from tests._plan_helpers import BASE, goals, plan
from tests._prose_helpers import render_file
from tests.conftest import REPO

FUNNEL = [{"stage": "e"}, {"stage": "c", "rate": 0.05}, {"stage": "k", "rate": 0.2}, {"stage": "p", "rate": 0.5}]


def _render(locale: str, entry: float) -> str:
    return render_markdown(
        plan(
            plan={**BASE["plan"], "locale": locale, "chapters": ["traffic", "outcomes"]},
            baseline={"aov": 250, "monthly_gmv": 1_000_000},
            goals=goals({"monthly_gmv": 1_250_000}),
            traffic={"monthly_entry_volume": entry, "funnel": FUNNEL},
        )
    )


# entry × 0.05 × 0.2 × 0.5 × 250 = entry × 1.25; the target is 1250000 and its band 1000000 + 250000 × 0.8 =
# 1200000 to 1000000 + 250000 × 1.2 = 1300000
CASES = {
    # 1009000 → 1261250, +0.9% of the target: on target (below 1%), no 'margin' of 11250
    ("zh-CN", 1_009_000): (
        "126.1万元的月GMV，与短期的月GMV目标125万元基本持平（相差不到1%）",
        "分别为120万元、125万元和130万元；按计划入口流量正向测算约为126.1万元，与基准情景基本持平。",
    ),
    ("en", 1_009_000): (
        "in line with the short-term monthly GMV target of CNY 1.25M (within 1%)",
        "CNY 1.2M, CNY 1.25M and CNY 1.3M in the conservative, base and aggressive cases; worked forwards from "
        "the planned entry traffic it comes to about CNY 1.26M, in line with the base case.",
    ),
    # 980000 → 1225000, −2%: a gap of 25000, between the conservative and the base case
    ("zh-CN", 980_000): ("比短期的月GMV目标少2.5万元", "约为122.5万元，介于保守与基准情景之间。"),
    ("en", 980_000): ("CNY 25,000 short of the short-term", "about CNY 1.23M, between the conservative and the base"),
    # 1020000 → 1275000, +2%: a surplus of 25000
    ("zh-CN", 1_020_000): ("富余2.5万元", "约为127.5万元，介于基准与激进情景之间。"),
    ("en", 1_020_000): ("with CNY 25,000 to spare", "between the base and the aggressive case"),
    # 900000 → 1125000: below the conservative 1200000
    ("zh-CN", 900_000): ("比短期的月GMV目标少12.5万元", "低于保守情景"),
    ("en", 900_000): ("CNY 125,000 short", "below the conservative case"),
}


@pytest.mark.parametrize(("locale", "entry"), list(CASES), ids=lambda x: str(x))
def test_forward_case_wording(locale: str, entry: int) -> None:
    text = _render(locale, entry)
    traffic, outcomes = CASES[locale, entry]
    assert traffic in text and outcomes in text
    assert ("富余" in text) == (locale == "zh-CN" and entry > 1_010_000)
    assert ("to spare" in text) == (locale == "en" and entry > 1_010_000)


@pytest.mark.parametrize("name", ["douyin-flowers.zh-CN.yaml", "douyin-flowers.en.yaml", "livestream-store.en.yaml"])
def test_the_outcomes_chapter_quotes_the_goals_band(name: str) -> None:
    text = render_file(Path(REPO / "examples" / name))
    label = ("短期", "月GMV") if name.endswith("zh-CN.yaml") else ("Short term", "Monthly GMV")
    row = next(line for line in text.splitlines() if line.startswith(f"| {label[0]} | {label[1]} |"))
    conservative, base, aggressive = (cell.strip() for cell in row.split("|")[4:7])
    sentence = next(line for line in text.splitlines() if "情景的口径" in line or "The scenarios are those" in line)
    # zh: 分别为104万元、120万元和136万元; en: is CNY 1.04M, CNY 1.2M and CNY 1.36M
    assert f"{conservative}、{base}和{aggressive}" in sentence or f"{conservative}, {base} and {aggressive}" in sentence
    # no other conservative figure: the per-rate compounding (0.8⁴ of the base) is gone
    assert not re.search(r"49\.33万元|227,488", text)
