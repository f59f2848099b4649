"""Chapter views decide which sentence a plan says from its numbers; overrides replace one block; drafts say so.

Each case edits the minimal profile so that one relation flips (payroll within or over the budget, a
funnel gap or a surplus, a problem with or without a goal), works the figures out by hand and checks
the sentence the plan then contains, and that the contradicting sentence is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.render.markdown import render_markdown
from tests._check_helpers import findings_of
from tests.conftest import MINIMAL_PROFILE

BUDGET = "budget: {total: 1200000, months: 6, items: [{name: 内容, share: 1}]}"


def render(tmp_path: Path, profile: str, templates: Path | None = None, *, draft: bool = False) -> str:
    path = tmp_path / "shop.yaml"
    path.write_text(profile, encoding="utf-8")
    return render_markdown(build_plan(load_profile(path)), templates, draft=draft)


def with_team(budget: str, team: str) -> str:
    return MINIMAL_PROFILE.replace(BUDGET, f"{budget}\nteam: [{team}]")


@pytest.mark.parametrize(
    ("people_share", "said", "not_said"),
    [
        # payroll 2 × 15,000 × 6 = 180,000; a 人力 line of 0.1 × 1,200,000 = 120,000 is 60,000 short
        (0.1, "6个月的人力成本18万元高于预算中“人力”一项的12万元，需要调高这一项或精简岗位，差额6万元。", "其余资金"),
        # a line of 0.2 × 1,200,000 = 240,000 holds it; 180,000 / 1,200,000 = 15% of the budget
        (0.2, "人力成本占总预算的15%，在“人力”一项的24万元之内，其余资金用于内容制作、投放和活动。", "差额"),
    ],
)
def test_payroll_against_its_budget_line(tmp_path: Path, people_share: float, said: str, not_said: str) -> None:
    budget = (
        f"budget: {{total: 1200000, months: 6, items: [{{name: 人力, share: {people_share}}}, "
        f"{{name: 内容, share: {1 - people_share:.1f}}}]}}"
    )
    md = render(tmp_path, with_team(budget, "{role: 编导, count: 2, monthly_cost: 15000}"))
    assert said in md
    assert not_said not in md


# payroll 2 × 15,000 × 6 = 180,000 against two lines that pay the team (人力, 团队激励) and 内容, of 1,200,000
TWO_PEOPLE_LINES = [
    # 0.1 + 0.1 → 120,000 + 120,000 = 240,000 hold it (the first line alone, 120,000, would not); 180,000 / 1,200,000
    (0.1, 0.1, "人力成本占总预算的15%，在“人力”、“团队激励”合计的24万元之内，其余资金用于内容制作、投放和活动。"),
    # 0.05 + 0.05 → 60,000 + 60,000 = 120,000, 60,000 short of 180,000
    (
        0.05,
        0.05,
        "6个月的人力成本18万元高于预算中“人力”、“团队激励”合计的12万元，需要调高这几项或精简岗位，差额6万元。",
    ),
    # 0.1 + 0.05 → 120,000 + 60,000 = 180,000: exactly the payroll, within
    (0.1, 0.05, "人力成本占总预算的15%，在“人力”、“团队激励”合计的18万元之内"),
]


def _two_people_lines(first: float, second: float) -> str:
    rest = round(1 - first - second, 2)
    budget = (
        f"budget: {{total: 1200000, months: 6, items: [{{name: 人力, share: {first}}}, "
        f"{{name: 团队激励, share: {second}}}, {{name: 内容, share: {rest}}}]}}"
    )
    return with_team(budget, "{role: 编导, count: 2, monthly_cost: 15000}")


@pytest.mark.parametrize(("first", "second", "said"), TWO_PEOPLE_LINES)
def test_payroll_is_set_against_every_line_that_pays_the_team_as_ops905_is(
    tmp_path: Path, first: float, second: float, said: str
) -> None:
    profile = _two_people_lines(first, second)
    md = render(tmp_path, profile)
    assert said in md
    # the chapter says the lines fall short exactly when the check's OPS905 (all people lines summed) says so
    short = [f for f in findings_of(tmp_path / "shop.yaml") if f.rule == "OPS905"]
    assert ("差额" in md) == bool(short)
    if short:
        # messages are English in tests; two lines are named as one sum
        assert "budget lines '人力' and '团队激励' together (120,000) is below" in short[0].message


def test_payroll_against_two_people_lines_in_english(tmp_path: Path) -> None:
    profile = _two_people_lines(0.05, 0.05).replace("locale: zh-CN", "locale: en")
    md = render(tmp_path, profile)
    # 60,000 + 60,000 = 120,000 against 180,000: 60,000 short
    assert (
        'The payroll for 6 months, CNY 180,000, is above the budget\'s "人力" and "团队激励" lines, CNY 120,000 '
        "together; those lines must rise by CNY 60,000 or the team must shrink."
    ) in md
    md = render(tmp_path, _two_people_lines(0.1, 0.1).replace("locale: zh-CN", "locale: en"))
    assert 'Payroll takes 15% of the budget, within the "人力" and "团队激励" lines, CNY 240,000 together;' in md


def test_payroll_above_the_whole_budget_is_said_so(tmp_path: Path) -> None:
    md = render(tmp_path, with_team(BUDGET, "{role: 主播, count: 10, monthly_cost: 30000}"))
    # 10 × 30,000 × 6 = 1,800,000 against a total of 1,200,000
    assert "6个月的人力成本180万元已超过总预算120万元，方案在当前预算下无法执行" in md
    assert "其余资金" not in md


FUNNEL = """\
baseline: {monthly_gmv: 150000, followers: 20000, aov: 200}
traffic:
  monthly_entry_volume: VOLUME
  funnel: [{stage: 曝光}, {stage: 点击, rate: 0.1}, {stage: 支付, rate: 0.05}]
"""


def funnel_profile(volume: int) -> str:
    return MINIMAL_PROFILE.replace(
        "baseline: {monthly_gmv: 150000, followers: 20000}\n", FUNNEL.replace("VOLUME", str(volume))
    )


def test_the_forward_funnel_names_a_gap(tmp_path: Path) -> None:
    md = render(tmp_path, funnel_profile(1_000_000))
    # forward: 1,000,000 × 0.1 × 0.05 = 5,000 orders × 200 = 1,000,000 a month; target 2,000,000: 1,000,000 short
    assert "可产生约5,000笔订单、100万元的月GMV，比短期的月GMV目标少100万元" in md
    assert "富余" not in md


def test_the_forward_funnel_names_a_surplus(tmp_path: Path) -> None:
    md = render(tmp_path, funnel_profile(3_000_000))
    # 3,000,000 × 0.005 = 15,000 orders × 200 = 3,000,000 a month: 1,000,000 above the 2,000,000 target
    assert "已达到短期的月GMV目标200万元，富余100万元" in md
    assert "缺口" not in md


def test_problem_coverage_follows_the_goals(tmp_path: Path) -> None:
    problems = (
        "problems:\n"
        "  - {title: 粉丝少, metric: followers}\n"
        "  - {title: 流失高, metric: churn_rate}\n"
        "  - {title: 口碑弱}\n"
    )
    md = render(tmp_path, MINIMAL_PROFILE + problems)
    # followers has a short-term target, churn_rate none; the third problem has no indicator
    assert "2个有观测指标的问题中，1个尚未设定目标" in md
    assert "另有1个问题没有观测指标" in md
    assert "都已对应到运营目标" not in md


def test_a_high_risk_without_mitigation_has_no_empty_slot(tmp_path: Path) -> None:
    risks = "risks:\n  - {id: R1, category: operations, title: 断货, likelihood: 5, impact: 3, owner: 运营总监}\n"
    md = render(tmp_path, MINIMAL_PROFILE + risks)
    # 5 × 3 = 15: high; no response or mitigation, so the sentence skips that part
    assert "- **R1 断货**（风险值15）：由运营总监牵头。" in md
    assert "：，" not in md


def test_the_best_outcome_moves_the_right_way(tmp_path: Path) -> None:
    profile = MINIMAL_PROFILE.replace(
        "targets: {followers: 500000, monthly_gmv: 2000000}", "targets: {followers: 10000, monthly_gmv: 165000}"
    )
    md = render(tmp_path, profile)
    # followers fall 20,000 → 10,000 (−50%, the wrong way); GMV rises 150,000 → 165,000 (+10%): GMV is the best
    assert "改善幅度最大的是月GMV（+10%）" in md
    assert "改善幅度最大的是粉丝数" not in md


def test_a_profile_intro_replaces_the_chapter_intro(tmp_path: Path) -> None:
    md = render(tmp_path, MINIMAL_PROFILE + "sections: {goals: {intro: 我们自己的开场白。}}\n")
    goals = md.split("## 二、运营目标")[1].split("### ")[0]  # the first chapter with data, after the summary
    assert goals.strip() == "我们自己的开场白。"


def test_draft_is_said_in_the_title(tmp_path: Path) -> None:
    assert render(tmp_path, MINIMAL_PROFILE, draft=True).startswith("# 测试方案（草稿）\n")
    assert render(tmp_path, MINIMAL_PROFILE).startswith("# 测试方案\n")
    english = MINIMAL_PROFILE.replace("locale: zh-CN", "locale: en")
    assert render(tmp_path, english, draft=True).startswith("# 测试方案 (DRAFT)\n")


HEAT_OVERRIDE = """\
{% extends "opsplan/risks.md.j2" %}
{% block heat %}
### 风险地图

{{ v.rows | length }}项风险由运营总监每周过一遍。

{% endblock %}
"""
RISKS = (
    "risks:\n"
    "  - {id: R1, category: operations, title: 断货, likelihood: 5, impact: 3, owner: 运营总监, response: 启用备选供应商}\n"
    "  - {id: R2, category: compliance, title: 违规用语, likelihood: 2, impact: 3, mitigation: 发布前审核}\n"
)


def test_an_override_replaces_one_block_in_one_locale(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "zh-CN").mkdir(parents=True)
    (folder / "zh-CN" / "risks.md.j2").write_text(HEAT_OVERRIDE, encoding="utf-8")
    zh = render(tmp_path, MINIMAL_PROFILE + RISKS, folder)
    risks = zh.split("## 三、风险管控")[1].split("## 四、")[0]  # chapter 3 of the minimal plan, after the summary
    # the packaged sections around the replaced one stay, numbered in order
    assert "### 3.2 风险登记表" in risks
    assert "### 3.3 风险地图\n\n2项风险由运营总监每周过一遍。" in risks
    assert "### 3.4 应急预案与响应承诺" in risks
    assert "风险热力矩阵" not in risks
    # the English plan does not read DIR/zh-CN/
    en = render(tmp_path, (MINIMAL_PROFILE + RISKS).replace("locale: zh-CN", "locale: en"), folder)
    assert "### 3.3 Risk heat map" in en


def test_an_override_in_the_folder_itself_serves_both_locales(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "risks.md.j2").write_text(
        '{% extends "opsplan/risks.md.j2" %}{% block method %}{% endblock %}', encoding="utf-8"
    )
    for profile, first in (
        (MINIMAL_PROFILE, "### 3.1 风险登记表"),
        (MINIMAL_PROFILE.replace("locale: zh-CN", "locale: en"), "### 3.1 Risk register"),
    ):
        assert first in render(tmp_path, profile + RISKS, folder)


def test_the_readme_override_changes_one_section_of_the_zh_cn_markdown_and_docx(tmp_path: Path) -> None:
    """The README's example as a user runs it: ``--templates DIR`` with ``DIR/zh-CN/risks.md.j2``, md and docx."""
    from typer.testing import CliRunner

    from opsplan.cli import app
    from tests._docx_helpers import docx_headings, open_docx
    from tests.conftest import REPO

    folder = tmp_path / "my-templates"
    (folder / "zh-CN").mkdir(parents=True)
    (folder / "zh-CN" / "risks.md.j2").write_text(HEAT_OVERRIDE, encoding="utf-8")
    out = tmp_path / "out"
    profiles = [str(REPO / "examples" / f"douyin-flowers.{locale}.yaml") for locale in ("zh-CN", "en")]
    result = CliRunner().invoke(app, ["render", *profiles, "-f", "md,docx", "-o", str(out), "--templates", str(folder)])
    assert result.exit_code == 0, result.output
    zh_md = (out / "douyin-flowers.zh-CN.md").read_text(encoding="utf-8")
    zh_docx = open_docx((out / "douyin-flowers.zh-CN.docx").read_bytes())
    # the example's risk chapter is its tenth; the override's section stands third, between the packaged ones
    sections = [text for level, text in docx_headings(zh_docx) if level == 2 and text.startswith("11.")]
    assert sections == ["11.1 评估方法", "11.2 风险登记表", "11.3 风险地图", "11.4 应急预案与响应承诺"]
    assert "### 11.3 风险地图\n\n" in zh_md
    risks = len(load_profile(REPO / "examples" / "douyin-flowers.zh-CN.yaml").risks)
    said = f"{risks}项风险由运营总监每周过一遍。"  # {{ v.rows | length }}: the profile's risks, counted
    assert said in zh_md
    assert said in [paragraph.text for paragraph in zh_docx.paragraphs]
    assert "风险热力矩阵" not in zh_md
    assert not any("风险热力矩阵" in paragraph.text for paragraph in zh_docx.paragraphs)
    # the English plan keeps the packaged heat map in both formats
    en_docx = open_docx((out / "douyin-flowers.en.docx").read_bytes())
    assert "11.3 Risk heat map" in [text for level, text in docx_headings(en_docx) if level == 2]
    assert "### 11.3 Risk heat map" in (out / "douyin-flowers.en.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("advantages", "said", "not_said"),
    [
        # one advantage: none are left for the next chapter, so no "其余0项"
        (["自有花田"], "花间的定位表述见下一章。", "其余"),
        # three: the first is named here, 3 - 1 = 2 are left
        (["自有花田", "次日达", "花艺师"], "花间的其余2项优势和定位表述见下一章。", "花间的定位表述见下一章"),
    ],
)
def test_the_other_advantages_are_counted(tmp_path: Path, advantages: list[str], said: str, not_said: str) -> None:
    listed = ", ".join(advantages)
    profile = MINIMAL_PROFILE.replace("  platform: douyin\n", f"  platform: douyin\n  advantages: [{listed}]\n")
    md = render(tmp_path, profile + "market: {summary: 鲜花电商增长快。}\n")
    assert "其中分量最重的是：自有花田。" in md
    assert said in md
    assert not_said not in md


@pytest.mark.parametrize(
    ("advantages", "said"),
    [
        (["Own fields"], "The positioning statement of Huajian follows in the next chapter."),
        (["Own fields", "Next-day delivery"], "The other advantage of Huajian and its positioning"),
        (["Own fields", "Next-day delivery", "Florists"], "The other 2 advantages of Huajian and its positioning"),
    ],
)
def test_the_other_advantages_are_counted_in_english(tmp_path: Path, advantages: list[str], said: str) -> None:
    listed = ", ".join(advantages)
    profile = MINIMAL_PROFILE.replace(
        "  name: 花间\n  platform: douyin\n", f"  name: Huajian\n  platform: douyin\n  advantages: [{listed}]\n"
    )
    profile = profile.replace("  locale: zh-CN\n", "  locale: en\n", 1)
    md = render(tmp_path, profile + "market: {summary: Flowers sell fast online.}\n")
    assert said in md
    assert "other 0" not in md


# A custom organization template written when ``v.people_line`` was ``{name, amount}`` (one line), and one written
# against the fields the README documents now, ``{names, amount}``
OLD_PEOPLE_LINE = (
    '{% extends "opsplan/organization.md.j2" %}\n'
    "{% block t_team_8 %}人力在“{{ v.people_line.name }}”的{{ v.people_line.amount | money }}之内。\n"
    "{% endblock %}\n"
)
NEW_PEOPLE_LINE = OLD_PEOPLE_LINE.replace("v.people_line.name ", 'v.people_line.names | join("”“") ')


def test_a_template_using_the_people_lines_documented_fields(tmp_path: Path) -> None:
    folder = tmp_path / "my-templates"
    (folder / "zh-CN").mkdir(parents=True)
    (folder / "zh-CN" / "organization.md.j2").write_text(NEW_PEOPLE_LINE, encoding="utf-8")
    # 人力 0.1 and 团队激励 0.1 of 1,200,000: 120,000 + 120,000 = 240,000 (24万元), which holds the 180,000 payroll
    assert "人力在“人力”“团队激励”的24万元之内。" in render(tmp_path, _two_people_lines(0.1, 0.1), folder)


@pytest.mark.parametrize(("lang", "said"), [("en", "no field 'name'"), ("zh-CN", "没有字段 'name'")])
def test_a_template_using_the_people_lines_old_field_is_told_where_and_what_it_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    from typer.testing import CliRunner

    from opsplan.cli import app

    monkeypatch.setenv("OPSPLAN_LANG", lang)
    template = tmp_path / "my-templates" / "zh-CN" / "organization.md.j2"
    template.parent.mkdir(parents=True)
    template.write_text(OLD_PEOPLE_LINE, encoding="utf-8")
    profile = tmp_path / "shop.yaml"
    profile.write_text(_two_people_lines(0.1, 0.1), encoding="utf-8")
    out = tmp_path / "out"  # --draft: the minimal profile still has gaps that check reports
    result = CliRunner().invoke(
        app, ["render", str(profile), "-f", "md", "--draft", "-o", str(out), "--templates", str(template.parents[1])]
    )
    assert result.exit_code == 2, result.output
    assert f"{template}:2:" in result.output  # the line of the block that reads the old field
    assert said in result.output and "amount, names" in result.output and "'names'" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or list(out.iterdir()) == []  # no half-written plan
