"""OPS112 and OPS303: a plan that names two things alike once its references are resolved.

Two budget lines, channels, roles, funnel stages, pillars or segments of one name leave a reference to that name
ambiguous (the first is taken); two chapters of one title make a plan that ``opsplan check`` of the rendered
document fails (OPS301). Both are compared as the plan shows them (``${shop.name}`` resolved), so ``check`` of the
profile and ``render`` refuse such a plan.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from opsplan.check.rule import Severity
from opsplan.cli import app
from tests._check_helpers import CLEAN_PROFILE, findings_of, line_of
from tests.conftest import varied

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "douyin-flowers.zh-CN.yaml"

# The reviewer's first case, on the example (shop 拾光花事): 达人合作 renamed 拾光花事达人合作, 内容制作 renamed
# ${shop.name}达人合作 with a note naming the line. (The reviewer also set 风险准备金 to 0.03; on today's example that
# sums the shares to 101%, which OPS502 reports, so the shares are left as they are: OPS112 is the only finding.)
DUPLICATE_LINE = (
    ("    - name: 达人合作\n", "    - name: 拾光花事达人合作\n"),
    (
        "    - name: 内容制作\n      share: 0.09\n      note: 用于拍摄设备、场景道具、样品花材和外景拍摄费用。\n",
        "    - name: ${shop.name}达人合作\n      share: 0.09\n      note: 引用 ${budget.items.拾光花事达人合作.amount}。\n",
    ),
)

# The reviewer's second case: the problems chapter titled ${shop.name}, the positioning chapter 拾光花事.
DUPLICATE_TITLE = (
    ("  problems:\n    intro:", "  problems:\n    title: ${shop.name}\n    intro:"),
    ("  positioning:\n    intro:", "  positioning:\n    title: 拾光花事\n    intro:"),
)


def test_a_budget_line_named_as_another_once_resolved_is_an_error(write, runner):
    text = varied(EXAMPLE.read_text(encoding="utf-8"), *DUPLICATE_LINE)
    path = write("shop.yaml", text)
    (finding,) = findings_of(path)
    assert finding.rule == "OPS112"
    assert finding.line == line_of(text, "- name: ${shop.name}达人合作")
    assert finding.column == text.splitlines()[finding.line - 1].index("${") + 1
    assert finding.field == "budget.items[3].name"
    assert finding.message == (
        "budget line '拾光花事达人合作' is named twice: budget.items[3].name (written '${shop.name}达人合作') has the "
        f"name of budget.items[2].name (line {line_of(text, '- name: 拾光花事达人合作')}); the plan shows two budget "
        "lines named '拾光花事达人合作', and a reference such as ${budget.items.拾光花事达人合作.amount} can name only "
        "one of them"
    )
    assert finding.hint == "rename one of them: each budget line needs a name of its own"
    done = runner.invoke(app, ["check", str(path), "--lang", "zh-CN"])
    assert done.exit_code == 1
    assert "OPS112" in done.output and "预算项「拾光花事达人合作」重名了" in done.output
    out = path.parent / "out"
    refused = runner.invoke(app, ["render", str(path), "-f", "md", "-o", str(out)])
    assert refused.exit_code == 1 and "OPS112" in refused.output
    assert not out.exists() or not any(out.iterdir())


def test_chapters_titled_alike_once_resolved_are_an_error(write, runner, monkeypatch):
    monkeypatch.setenv("OPSPLAN_LANG", "zh-CN")
    text = varied(EXAMPLE.read_text(encoding="utf-8"), *DUPLICATE_TITLE)
    path = write("shop.yaml", text)
    assert [f.rule for f in findings_of(path)] == ["OPS303"]
    (finding,) = findings_of(path)
    assert finding.line == line_of(text, "    title: 拾光花事")
    assert finding.field == "sections.positioning.title"
    assert finding.chapter == "positioning"
    assert finding.message == (
        "「positioning」这一章的标题是「拾光花事」，和「problems」这一章"
        f"（第 {line_of(text, '    title: ${shop.name}')} 行）相同；方案里会有两章都叫「拾光花事」，检查渲染出的方案时会报 OPS301"
    )
    assert runner.invoke(app, ["check", str(path)]).exit_code == 1
    out = path.parent / "out"
    refused = runner.invoke(app, ["render", str(path), "-f", "md", "-o", str(out)])
    assert refused.exit_code == 1 and "OPS303" in refused.output
    assert not out.exists() or not any(out.iterdir())


# (list, old, new): the second item renamed as the first, so the finding sits on the second's name
PLAIN = [
    (
        "budget",
        "    - {name: 内容, share: 0.5}\n    - {name: 投放, share: 0.5}",
        "    - {name: 投放, share: 0.5}\n    - {name: '投放', share: 0.5}",
    ),
    ("channels", "{name: 千川, type: paid", "{name: '自然流量', type: paid"),
    ("funnel", "{stage: 支付, rate: 0.02}", "{stage: '点击', rate: 0.02}"),
    ("pillars", "{name: 故事, share: 0.3}", "{name: '科普', share: 0.3}"),
    ("segments", "{name: 老客, share: 0.5}", "{name: '新客', share: 0.5}"),
    (
        "roles",
        "  - {role: 运营, count: 2, monthly_cost: 15000}",
        "  - {role: 运营, count: 1, monthly_cost: 15000}\n  - {role: '运营', count: 1, monthly_cost: 15000}",
    ),
]


@pytest.mark.parametrize(("what", "old", "new"), PLAIN, ids=[case[0] for case in PLAIN])
def test_two_items_of_one_list_with_one_name_are_an_error(write, what, old, new):
    text = varied(CLEAN_PROFILE, (old, new))
    (finding,) = findings_of(write("shop.yaml", text))
    assert finding.rule == "OPS112"
    here = text.splitlines()[finding.line - 1]
    assert finding.line == line_of(text, "'") and here[finding.column - 1] == "'"
    assert "is named twice" in finding.message and "(written" not in finding.message  # written as shown: nothing to add


def test_a_name_with_spaces_around_it_is_the_same_name(write):
    # a reference strips its parts (${segments. 新客 .share} is ${segments.新客.share}): ' 新客 ' is 新客
    text = varied(CLEAN_PROFILE, ("{name: 老客, share: 0.5}", "{name: ' 新客 ', share: 0.5}"))
    (finding,) = findings_of(write("shop.yaml", text))
    assert finding.rule == "OPS112" and finding.field == "users.segments[1].name"


@pytest.mark.parametrize(
    "edits",
    [
        # one name in two different lists: a budget line and a channel, a pillar and a segment, a stage and a role
        (("    - {name: 投放, share: 0.5}", "    - {name: 千川, share: 0.5}"),),
        (("{name: 故事, share: 0.3}", "{name: 新客, share: 0.3}"),),
        (("{stage: 支付, rate: 0.02}", "{stage: 运营, rate: 0.02}"),),
        # alike as written, not as shown: ${shop.name}投放 is 花间投放, not 投放
        (("    - {name: 内容, share: 0.5}", "    - {name: '${shop.name}投放', share: 0.5}"),),
        # a written title that is no other chapter's
        (("content:\n  pillars:", "sections:\n  goals: {title: '${shop.name}的目标'}\ncontent:\n  pillars:"),),
    ],
    ids=["budget-and-channel", "pillar-and-segment", "stage-and-role", "resolved-differently", "own-title"],
)
def test_what_is_not_a_duplicate_passes(write, edits):
    assert findings_of(write("shop.yaml", varied(CLEAN_PROFILE, *edits))) == []


@pytest.mark.parametrize(
    ("chapter", "title", "first"),
    [
        ("users", "内容矩阵", "content"),  # another chapter's own title, written plainly
        ("users", "内容 矩陣！", "content"),  # spaces, punctuation and traditional characters, as OPS301 ignores them
        ("users", "运营目标", "goals"),  # the chapter before's own title
        ("goals", "运营目标", None),  # a chapter's own title written out is no second one
    ],
    ids=["plain", "traditional", "earlier", "own"],
)
def test_a_written_title_is_compared_as_a_document_check_compares_headings(write, monkeypatch, chapter, title, first):
    monkeypatch.setenv("OPSPLAN_LANG", "zh-CN")
    new = f"sections:\n  {chapter}: {{title: '{title}'}}\ncontent:\n  pillars:"
    text = varied(CLEAN_PROFILE, ("content:\n  pillars:", new))
    findings = findings_of(write("shop.yaml", text))
    if first is None:
        assert findings == []
        return
    (finding,) = findings
    assert finding.rule == "OPS303"
    assert finding.line == line_of(text, f"  {chapter}: {{title")
    assert f"和「{first}」这一章（它本来的标题）相同" in finding.message


def test_both_titles_written_and_said_in_english(write, runner):
    text = varied(
        CLEAN_PROFILE,
        ("content:\n  pillars:", "sections:\n  goals: {title: Growth}\n  users: {title: growth}\ncontent:\n  pillars:"),
    )
    path = write("shop.yaml", text)
    done = runner.invoke(app, ["check", str(path), "--lang", "en", "--format", "json"])
    assert done.exit_code == 1
    assert '"rule": "OPS303"' in done.output
    assert (
        "chapter 'users' is titled 'growth', as chapter 'goals' is (line "
        f"{line_of(text, '  goals: {title')}); the plan would hold two chapters titled 'growth'"
    ) in done.output
    assert f'"line": {line_of(text, "  users: {title")}' in done.output


def test_what_ops303_reports_is_what_the_rendered_plan_fails_on(write, runner):
    # the reviewer's second case rendered anyway (--draft): the plan's own check finds the two chapters (OPS301)
    path = write("shop.yaml", varied(EXAMPLE.read_text(encoding="utf-8"), *DUPLICATE_TITLE))
    out = path.parent / "out"
    assert runner.invoke(app, ["render", str(path), "-f", "md", "-o", str(out), "--draft"]).exit_code == 0
    (plan,) = out.glob("*.md")
    rules = [f.rule for f in findings_of(plan)]
    assert rules == ["OPS301"], rules


# OPS113: two KPIs on one metric. CLEAN_PROFILE's short horizon targets followers 90,000 and monthly GMV 300,000;
# the KPIs go before team:, one a line, so each row's line is known
def kpi_profile(*rows: str) -> str:
    return varied(CLEAN_PROFILE, ("team:\n", "kpis:\n" + "".join(f"  - {row}\n" for row in rows) + "team:\n"))


def test_two_kpis_alike_on_one_metric_are_an_error_naming_both_lines(write, runner):
    # the first takes the goal's 90,000 (no target of its own), the second writes 90,000: alike as the plan shows them,
    # both weekly (the second by default), both owned by 运营
    text = kpi_profile(
        "{metric: followers, cadence: weekly, owner: 运营}",
        "{metric: monthly_gmv, owner: 运营}",
        "{metric: followers, target: 90000, owner: 运营}",
    )
    path = write("shop.yaml", text)
    (finding,) = findings_of(path)
    first, second = line_of(text, "{metric: followers, cadence"), line_of(text, "{metric: followers, target")
    assert (finding.rule, finding.level, finding.field) == ("OPS113", Severity.ERROR, "kpis[2].metric")
    assert (finding.line, finding.column, finding.chapter) == (second, 14, "data")
    assert finding.message == (
        f"KPI followers (followers) is listed twice: kpis[0] ({path}:{first}) and kpis[2] ({path}:{second}), alike "
        "in target, cadence and owner; the dashboard shows two rows for one metric, and ${kpis.followers} names "
        "only the first"
    )
    assert finding.hint == "delete one of the two rows"
    done = runner.invoke(app, ["check", str(path), "--lang", "zh-CN"])
    assert done.exit_code == 1
    assert (
        f"KPI「粉丝数」（followers）列了两次：kpis[0]（{path}:{first}）和 kpis[2]（{path}:{second}），"
        "目标、复盘频率和负责人都一样" in done.output.replace("\n", "")
    )


@pytest.mark.parametrize(
    ("rows", "en", "zh"),
    [
        # one metric watched daily by the anchor and weekly by operations: meant, perhaps
        (
            ("{metric: followers, owner: 运营}", "{metric: followers, cadence: daily, owner: 主播}"),
            "with different cadences (weekly and daily) and owners (运营 and 主播)",
            "复盘频率（每周 / 每日）和负责人（运营 / 主播）不同",
        ),
        # AOV has no goal: two targets, 220 and 240 yuan, the second row with no owner
        (
            ("{metric: aov, target: 220, owner: 运营}", "{metric: aov, target: 240}"),
            "with different targets (CNY 220 and CNY 240) and owners (运营 and none)",
            "目标（220元 / 240元）和负责人（运营 / 无）不同",
        ),
        # the goal's 300,000 (no target written) against 250,000 written, which OPS620 reports as well
        (
            ("{metric: monthly_gmv}", "{metric: monthly_gmv, target: 250000}"),
            "with different targets (CNY 300,000 and CNY 250,000)",
            "目标（30万元 / 25万元）不同",
        ),
        # a target of 0 is a target: 0% against 5%
        (
            ("{metric: refund_rate, target: 0}", "{metric: refund_rate, target: 0.05}"),
            "with different targets (0% and 5%)",
            "目标（0% / 5%）不同",
        ),
    ],
    ids=["cadence-and-owner", "targets-without-goal", "target-against-goal", "zero-target"],
)
def test_two_kpis_that_differ_on_one_metric_are_a_warning(write, runner, rows, en, zh):
    text = kpi_profile(*rows)
    path = write("shop.yaml", text)
    (finding,) = [f for f in findings_of(path) if f.rule == "OPS113"]
    assert finding.level is Severity.WARNING
    assert finding.line == line_of(text, rows[1])
    assert f"kpis[0] ({path}:{line_of(text, rows[0])}) and kpis[1] ({path}:{line_of(text, rows[1])}), {en};" in (
        finding.message
    )
    assert finding.hint.startswith("keep one KPI per metric")
    zh_output = runner.invoke(app, ["check", str(path), "--lang", "zh-CN"]).output.replace("\n", "")
    assert zh in zh_output


def test_a_warning_for_two_kpis_fails_only_with_strict(write, runner):
    path = write("shop.yaml", kpi_profile("{metric: followers}", "{metric: followers, cadence: daily}"))
    assert runner.invoke(app, ["check", str(path)]).exit_code == 0
    strict = runner.invoke(app, ["check", str(path), "--strict"])
    assert strict.exit_code == 1 and "OPS113" in strict.output


def test_kpis_on_different_metrics_pass(write):
    path = write("shop.yaml", kpi_profile("{metric: followers}", "{metric: monthly_gmv}", "{metric: aov, target: 220}"))
    assert findings_of(path) == []
