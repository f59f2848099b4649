"""The prose of every preset plan: long enough, no placeholders, no sentence repeated across chapters."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from tests._prose_helpers import CJK, WORD, chapters, locale_of, preset_files, prose, render_file, render_text
from tests.conftest import MINIMAL_PROFILE

PRESETS = preset_files()

PLACEHOLDERS = re.compile(r"XXX|TODO|TBD|待定|待补充|……|【请填写】|\{\{|\{%|lorem ipsum|(?-i:None\b|Undefined)", re.I)


@pytest.mark.parametrize("path", PRESETS, ids=lambda p: p.stem)
def test_plan_is_long_enough(path: Path) -> None:
    text = prose(render_file(path))
    if locale_of(path) == "zh-CN":
        assert len(CJK.findall(text)) >= 8000
    else:
        assert len(WORD.findall(text)) >= 5000


@pytest.mark.parametrize("path", PRESETS, ids=lambda p: p.stem)
def test_no_placeholder_text(path: Path) -> None:
    found = PLACEHOLDERS.findall(render_file(path))
    assert not found, found


@pytest.mark.parametrize("path", PRESETS, ids=lambda p: p.stem)
def test_no_sentence_is_repeated_across_chapters(path: Path) -> None:
    md = render_file(path)
    locale = locale_of(path)
    seen: dict[str, set[str]] = defaultdict(set)
    for title, body in chapters(md):
        for sentence in _sentences(body, locale):
            seen[sentence].add(title)
    repeated = {s: sorted(t) for s, t in seen.items() if len(t) > 1}
    assert not repeated, repeated


def _sentences(body: str, locale: str) -> list[str]:
    from tests._prose_helpers import sentences

    # very short fragments ("见下表。") are not sentences worth comparing
    minimum = 8 if locale == "zh-CN" else 25
    return [s for s in sentences(body, locale) if len(s) >= minimum]


@pytest.mark.parametrize("path", PRESETS, ids=lambda p: p.stem)
def test_each_chapter_opens_with_the_profile_intro(path: Path) -> None:
    from opsplan.load import load_profile
    from opsplan.plan import build_plan

    profile = build_plan(load_profile(path)).profile  # the intro with its references resolved
    for title, body in chapters(render_file(path)):
        key = next((k for k in profile.sections if title.endswith(_title(k, profile.plan.locale))), None)
        if key is not None and profile.sections[key].intro:
            assert body.lstrip().startswith(profile.sections[key].intro.strip()[:20]), title


def _title(key: object, locale: str) -> str:
    from opsplan.kinds import Chapter, chapter_title

    return chapter_title(Chapter(str(key)), locale)


def test_goal_sentence_states_the_computed_growth(tmp_path: Path) -> None:
    md = render_text(tmp_path, MINIMAL_PROFILE)
    # followers come first (first phrasing): 20,000 → 500,000 in 6 months, 25 ** (1/6) − 1 ≈ 0.710 → 71%
    assert "要在6个月内把粉丝数从2万提升到50万，月均增长约71%" in md
    # monthly GMV second (second phrasing): (2,000,000 / 150,000) ** (1/6) − 1 = 13.33 ** 0.1667 − 1 ≈ 54%
    assert "月GMV第一段路径是15万元→200万元，历时6个月，折合每月增长约54%" in md


def test_goal_sentence_in_english(tmp_path: Path) -> None:
    md = render_text(tmp_path, MINIMAL_PROFILE.replace("locale: zh-CN", "locale: en"))
    # the first metric uses the first phrasing: followers 20,000 → 500k, 25 ** (1/6) − 1 ≈ 71%
    assert "Taking followers from 20,000 to 500k within 6 months means growth of about 71% a month." in md
    # second metric, second phrasing: monthly GMV 150,000 → 2,000,000, ≈ 54% a month
    assert "The first leg for monthly GMV runs from CNY 150,000 to CNY 2.0M over 6 months" in md
    assert "roughly 54%" in md


def test_budget_and_team_figures_in_the_text(tmp_path: Path) -> None:
    profile = MINIMAL_PROFILE.replace(
        "budget: {total: 1200000, months: 6, items: [{name: 内容, share: 1}]}",
        "budget: {total: 1200000, months: 6, items: [{name: 内容, share: 0.6}, {name: 投放, share: 0.4}]}\n"
        "team: [{role: 编导, count: 2, monthly_cost: 15000}]",
    )
    md = render_text(tmp_path, profile)
    # 1,200,000 / 6 = 200,000 a month; 0.6 × 1,200,000 = 720,000 = 72万元 (12万元 a month)
    assert "总预算120万元，覆盖6个月，平均每月20万元" in md
    assert "| 内容 | 60% | 72万元 | 12万元 |" in md
    # payroll 2 × 15,000 = 30,000 a month, × 6 = 180,000 = 18万元, 18万 / 120万 = 15%
    assert "| 合计 | 2 | — | 3万元 | 18万元 | — |" in md
    assert "人力成本占总预算的15%，其余资金用于内容制作、投放和活动。" in md


def test_chapters_without_data_are_left_out_not_filled_with_notes(tmp_path: Path) -> None:
    md = render_text(tmp_path, MINIMAL_PROFILE)
    # the minimal profile has no market, problems, content, channels, KPIs or risks: those chapters are
    # left out of the plan, and no sentence tells the reader what the profile lacks
    for absent in ("行业背景与市场分析", "问题定义", "内容矩阵", "流量获取与转化", "数据监测", "风险管控"):
        assert absent not in md
    assert "档案" not in md and "建议" not in md
    assert "### 2.1 分阶段目标" in md  # what the profile has is there (after the executive summary)
    assert not PLACEHOLDERS.findall(md)
