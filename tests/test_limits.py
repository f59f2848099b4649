"""Limits that limit: dates, numbers, timeline length, aliases, output size and ``extends``; each refusal
names the field's file:line, exits 2, and costs little time and memory (hostile cases in a limited child)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from opsplan.limits import MAX_TIMELINE_DAYS
from opsplan.load import load_profile
from opsplan.yamlread import MAX_ALIAS_CHARS
from tests._hardening_helpers import assert_clean_failure, run_cli
from tests.conftest import MINIMAL_PROFILE

# MINIMAL_PROFILE's chapters mostly have no data, so renders that must succeed pass --draft.
# MINIMAL_PROFILE's lines: 5 start, 10 baseline, 12 short goals, 13 budget, 19-20 prep tasks, 24 task groups
CASES = [
    # dates the calendar cannot count far enough from: plan.start is line 5, its value at column 10
    ("start: 2027-03-01", "start: 9999-12-01", "shop.yaml:5:10: plan.start: 9999-12-01 is out of range; dates in a "
     "plan run from 1900-01-01 to 2999-12-31"),
    ("start: 2027-03-01", "start: 9990-12-01", "shop.yaml:5:10: plan.start: 9990-12-01 is out of range"),
    ("start: 2027-03-01", "start: 0001-01-01", "shop.yaml:5:10: plan.start: 0001-01-01 is out of range"),
    # numbers formatting cannot show: "budget: {total: " is 16 characters
    ("total: 1200000", "total: 1e308", "shop.yaml:13:17: budget.total: 1e+308 is too large; numbers in a profile "
     "are limited to ±1e+15 (a thousand trillion)"),
    ("total: 1200000", "total: 1e26", "shop.yaml:13:17: budget.total: 1e+26 is too large"),
    ("total: 1200000", "total: 1e-300", "shop.yaml:13:17: budget.total: 1e-300 is too small; write 0 or a number "
     "of at least 1e-06"),
    # in a mapping of metrics the key is named and located: "baseline: {" is 11 characters
    ("{monthly_gmv: 150000,", "{monthly_gmv: 1e26,", "shop.yaml:10:12: baseline: 'monthly_gmv' is 1e+26, too "
     "large"),
    ("followers: 500000, monthly_gmv: 2000000}", "followers: 500000, monthly_gmv: 2000000, conversion_rate: 1e-300}",
     "shop.yaml:12:73: goals.short.targets: 'conversion_rate' is 1e-300, too small"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "expected"), CASES, ids=[c[1][:40] for c in CASES])
def test_values_out_of_range_are_refused_at_their_line(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in MINIMAL_PROFILE
    path = tmp_path / "shop.yaml"
    path.write_text(MINIMAL_PROFILE.replace(old, new, 1), encoding="utf-8")
    outcome = run_cli("render", str(path), "--draft", "-f", "md,docx,json", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert_clean_failure(outcome, f"error: {expected}".replace("shop.yaml", str(path), 1))
    assert "site-packages" not in outcome.stderr and ".j2" not in outcome.stderr
    assert not (tmp_path / "out").exists()


def test_negative_zero_is_zero(tmp_path: Path) -> None:
    path = tmp_path / "shop.yaml"
    path.write_text(MINIMAL_PROFILE.replace("{monthly_gmv: 150000,", "{monthly_gmv: -0.0, aov: -0,"), "utf-8")
    baseline = load_profile(path).baseline
    assert str(baseline["monthly_gmv"]) == "0.0" and str(baseline["aov"]) in ("0", "0.0")


def test_the_largest_and_smallest_numbers_allowed_render(tmp_path: Path) -> None:
    text = MINIMAL_PROFILE.replace("total: 1200000", "total: 1e15").replace(
        "{followers: 500000, monthly_gmv: 2000000}", "{followers: 500000, monthly_gmv: 2000000, conversion_rate: 1e-6}"
    )
    path = tmp_path / "shop.yaml"
    path.write_text(text, encoding="utf-8")
    outcome = run_cli("render", str(path), "--draft", "-f", "md,docx,json", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert outcome.code == 0, outcome.stderr[-2000:]


def _chained_tasks(count: int, weeks: float) -> str:
    """MINIMAL_PROFILE with ``count`` more tasks of ``weeks`` each, one after another, after task ``groups``."""
    lines = [f"        - {{id: t{i}, name: t, weeks: {weeks}, after: [{'groups' if i == 0 else f't{i - 1}'}]}}"
             for i in range(count)]  # fmt: skip
    task = "        - {id: groups, name: 建群, weeks: 3}\n"
    return MINIMAL_PROFILE.replace(task, task + "\n".join(lines) + "\n")


def test_a_timeline_past_its_bound_is_refused_at_the_task_that_passes_it(tmp_path: Path) -> None:
    # hire 2 weeks (14 days) + setup 1 (7) precede groups (21 days) in the next phase: 42 days; then tasks of
    # 520 weeks (3,640 days) each: t0 ends on day 3,682, t1 7,322, t2 10,962, t3 14,602, t4 18,242, t5 21,882,
    # the first past 18,262 days (50 years); t5 is the seventh task of phase build, on line 24 + 6 = 30
    assert MAX_TIMELINE_DAYS == 18_262
    path = tmp_path / "shop.yaml"
    path.write_text(_chained_tasks(100, 520), encoding="utf-8")
    outcome = run_cli("render", str(path), "--draft", "-f", "md,docx", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert_clean_failure(outcome, f"{path}:30:")
    assert ": timeline.phases[1].tasks[6].weeks: the tasks leading up to and including this one take 21,882 days; " \
           "a timeline may run at most 18,262 days (50 years)" in outcome.stderr  # fmt: skip


def test_a_timeline_just_inside_the_bound_renders(tmp_path: Path) -> None:
    path = tmp_path / "shop.yaml"
    path.write_text(_chained_tasks(5, 520), encoding="utf-8")  # ends on day 18,242
    outcome = run_cli("render", str(path), "--draft", "-f", "md,docx", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert outcome.code == 0, outcome.stderr[-2000:]


def test_the_latest_start_and_the_longest_timeline_fit_the_calendar(tmp_path: Path) -> None:
    text = _chained_tasks(5, 520).replace("start: 2027-03-01", "start: 2999-12-31")
    path = tmp_path / "shop.yaml"
    path.write_text(text.replace("budget: {", "timeline_x: 1\nbudget: {", 0), encoding="utf-8")
    outcome = run_cli("render", str(path), "--draft", "-f", "md,docx,json", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert outcome.code == 0, outcome.stderr[-2000:]


def test_text_repeated_by_aliases_is_bounded(tmp_path: Path) -> None:
    # 19,000 characters repeated twice by each of 3,000 problems: 114 million characters, from a 200 KB file
    big = "长" * 19_000
    problems = f"problems:\n  - {{title: x, evidence: &big {big}, impact: *big}}\n"
    problems += "  - {title: x, evidence: *big, impact: *big}\n" * 3000
    path = tmp_path / "shop.yaml"
    path.write_text(MINIMAL_PROFILE + problems, encoding="utf-8")
    outcome = run_cli("render", str(path), "--draft", "-f", "md,docx", "-o", str(tmp_path / "out"), cwd=tmp_path)
    # the anchor holds 19,000 characters and the first item's alias 19,000 more: the 210th item's second
    # alias is the one that passes 4,000,000 (2 × 19,000 × 105 = 3,990,000, then 4,009,000); MINIMAL_PROFILE
    # has 26 lines, "problems:" is line 27, the first item 28, so item 105 (0-based) is line 133
    assert MAX_ALIAS_CHARS == 4_000_000
    assert_clean_failure(outcome, f"{path}:133:")
    assert "aliases repeat more than 4,000,000 characters of text" in outcome.stderr


def test_a_template_that_writes_300_mb_is_stopped(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "plan.md.j2").write_text('{% for i in range(100000) %}{{ "x" * 3000 }}{% endfor %}\n', "utf-8")
    path = tmp_path / "shop.yaml"
    path.write_text(MINIMAL_PROFILE, encoding="utf-8")
    outcome = run_cli(
        "render", str(path), "--draft", "-f", "md", "-o", str(tmp_path / "out"), "--templates", str(templates)
    )
    assert_clean_failure(outcome, str(templates / "plan.md.j2"))
    assert not (tmp_path / "out").exists()


# ---- extends stays in the profile's folder


@pytest.mark.parametrize("ref", ["/etc/passwd", "../" * 30 + "etc/passwd", "../base.yaml", "link.yaml"])
def test_extends_outside_the_folder_is_refused(tmp_path: Path, ref: str) -> None:
    (tmp_path / "base.yaml").write_text(MINIMAL_PROFILE, encoding="utf-8")
    folder = tmp_path / "shops"
    folder.mkdir()
    (folder / "link.yaml").symlink_to(tmp_path / "base.yaml")  # a link out of the folder counts as outside
    path = folder / "shop.yaml"
    path.write_text(f"extends: {ref}\n", encoding="utf-8")
    for command in ("render", "check"):
        outcome = run_cli(command, str(path), cwd=tmp_path)
        assert_clean_failure(outcome, f"{path}:1:10: extends: {ref!r} is outside the folder of the profile ({folder})")
    allowed = run_cli("render", str(path), "--draft", "-o", str(tmp_path / "out"), "--allow-extends-outside")
    if ref.endswith("passwd"):
        assert_clean_failure(allowed, "a profile must be a mapping of keys")  # read, and refused as a profile
    else:
        assert allowed.code == 0, allowed.stderr


def test_extends_inside_the_folder_and_presets_are_fine(tmp_path: Path) -> None:
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "base.yaml").write_text(MINIMAL_PROFILE, encoding="utf-8")
    (tmp_path / "shop.yaml").write_text("extends: common/base.yaml\nshop: {name: 小店}\n", encoding="utf-8")
    assert load_profile(tmp_path / "shop.yaml").shop.name == "小店"
    (tmp_path / "preset.yaml").write_text("extends: douyin-flowers\n", encoding="utf-8")
    assert load_profile(tmp_path / "preset.yaml").plan.kind.value == "douyin-flowers"


def test_numbers_the_plan_derives_beyond_any_input_are_shown(tmp_path: Path) -> None:
    # the largest inputs and the smallest rates combine: orders = 1e15 / 1e-6 = 1e21 a month, and a funnel
    # of four stages at 1e-6 each needs 1e21 / (1e-6)^4 = 1e45 entries; payroll 1e5 people × 1e15 a month
    text = (
        MINIMAL_PROFILE.replace("{monthly_gmv: 150000, followers: 20000}", "{monthly_gmv: 150000, aov: 0.000001}")
        .replace("{followers: 500000, monthly_gmv: 2000000}", "{monthly_gmv: 1e15, aov: 0.000001}")
        .replace("budget: {total: 1200000", "budget: {total: 1e15")
        .replace("kpis: [followers]", "kpis: [monthly_gmv]")
    )
    text += "traffic:\n  funnel:\n    - {stage: a}\n" + "".join(
        f"    - {{stage: s{i}, rate: 1e-6}}\n" for i in range(4)
    )
    text += "team:\n  - {role: x, count: 100000, monthly_cost: 1e15}\n"
    path = tmp_path / "shop.yaml"
    path.write_text(text, encoding="utf-8")
    outcome = run_cli("render", str(path), "--draft", "-f", "md,docx,json", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert outcome.code == 0, outcome.stderr[-2000:]
    markdown = (tmp_path / "out" / "shop.md").read_text(encoding="utf-8")
    # 1e45 entries at the funnel's first stage (named "a") are 1e37 亿, written out in full
    entries = re.search(r"约需([\d,]+)亿次a", markdown)
    assert entries is not None
    assert int(entries.group(1).replace(",", "")) == pytest.approx(1e37, rel=1e-9)


@pytest.mark.parametrize("value", [1e308, -1e308, 1e-300, 5e-324, -0.0])
def test_formatting_shows_every_finite_float(value: float) -> None:
    from opsplan.formatting import count, money, percent

    for locale in ("zh-CN", "en"):
        assert count(locale, value) and money(locale, value, "CNY") and percent(locale, value)


def test_aliases_repeating_a_mapping_are_bounded_in_time_and_memory(tmp_path: Path) -> None:
    # one problem repeated by 39,999 aliases: 40,000 problems of 4 values (160,000 values, under 200,000)
    # render in the limited child (1 GiB of address space); a KPI of 5 values repeated as often passes
    # 200,000 values and is refused at the alias that does: the 40,000th item, 200,005 values in all
    problem = "problems:\n  - &p {title: 问题, evidence: 证据, impact: 影响}\n" + "  - *p\n" * 39_999
    path = tmp_path / "shop.yaml"
    path.write_text(MINIMAL_PROFILE + problem, encoding="utf-8")
    outcome = run_cli("render", str(path), "--draft", "-f", "md,docx", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert outcome.code == 0, outcome.stderr[-2000:]
    kpi = "kpis:\n  - &k {metric: followers, target: 100, cadence: weekly, owner: 运营}\n" + "  - *k\n" * 39_999
    path.write_text(MINIMAL_PROFILE + kpi, encoding="utf-8")
    outcome = run_cli("render", str(path), "--draft", "-f", "md,docx", "-o", str(tmp_path / "out2"), cwd=tmp_path)
    assert_clean_failure(outcome, "aliases expand the document to more than 200,000 values")
