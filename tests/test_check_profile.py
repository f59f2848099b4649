"""Profile rules: each one triggered by a minimal change to a clean profile, and the clean profile passing."""

from __future__ import annotations

import pytest

from opsplan.check.rule import Severity
from opsplan.check.rule_table import RULES
from opsplan.cli import app
from tests._check_helpers import CLEAN_PROFILE, findings_of, line_of
from tests._consistency_cases import CONSISTENCY_CASES

CONTENT_BLOCK = """\
content:
  pillars:
    - name: 科普
      share: 0.3
    - name: 场景
      share: 0.4
    - {name: 故事, share: 0.3}
"""


def test_clean_profile_has_no_findings(write):
    assert findings_of(write("shop.yaml", CLEAN_PROFILE)) == []


# (rule, old text, new text, text on the line the finding must point at, words the message must hold)
CASES = [
    ("OPS101", "chapters: [goals,", "chapters: [supply, goals,", "kind: custom", "'supply'"),
    ("OPS102", CONTENT_BLOCK, "content: {pillars: []}\n", "content: {pillars: []}", "'content'"),
    ("OPS103", "positioning: 高端花束", "positioning: ''", "positioning: ''", "shop.positioning is empty"),
    (
        "OPS404",
        "content:\n  pillars:",
        'sections:\n  review: {title: 复盘, after: goals, body: "### 一、问题\\n\\n正文"}\ncontent:\n  pillars:',
        "  review:",
        "carries its own number '一、'",
    ),
    ("OPS201", "positioning: 高端花束", "positioning: XXX品牌", "positioning: XXX", "'XXX'"),
    ("OPS201", "positioning: 高端花束", "positioning: 定位待补充", "positioning: 定位", "'待补充'"),
    ("OPS201", "title: 广告法", "title: 【请填写】", "title: 【请填写】", "'【请填写】'"),
    # the KPI restates goals.short.targets.monthly_gmv (300,000) as 250,000
    (
        "OPS620",
        "baseline: {monthly_gmv",
        "kpis: [{metric: monthly_gmv, target: 250000}]\nbaseline: {monthly_gmv",
        "kpis: [{metric",
        "but goals.short.targets.monthly_gmv (line",
    ),
    (
        "OPS210",
        "positioning: 高端花束",
        "positioning: 预算${budget.totl}",
        "positioning: 预算",
        "unknown reference ${budget.totl}; did you mean ${budget.total}?",
    ),
    # 0.25 + 0.4 + 0.3 = 0.95: the first share (科普) is named by its line
    (
        "OPS501",
        "      share: 0.3\n    - name: 场景",
        "      share: 0.25\n    - name: 场景",
        "share: 0.25",
        "content pillar shares sum to 95%, not 100%: 科普 25%, 场景 40%, 故事 30%",
    ),
    # 0.6 + 0.5 = 1.1
    (
        "OPS502",
        "- {name: 内容, share: 0.5}",
        "- {name: 内容, share: 0.6}",
        "{name: 内容, share: 0.6}",
        "budget item shares sum to 110%",
    ),
    # 0.5 + 0.4 = 0.9
    ("OPS503", "share: 0.6}", "share: 0.5}", "自然流量", "traffic channel shares sum to 90%"),
    # 0.3 + 0.5 = 0.8
    ("OPS504", "{name: 新客, share: 0.5}", "{name: 新客, share: 0.3}", "新客", "user segment shares sum to 80%"),
    # 0.5 + 0.4 = 0.9
    (
        "OPS505",
        "users:\n",
        "live: {evaluation: [{name: GMV, weight: 0.5}, {name: 转化, weight: 0.4}]}\nusers:\n",
        "live: {evaluation",
        "live evaluation weights sum to 90%",
    ),
    (
        "OPS601",
        "mid: {months: 12, targets: {followers: 200000, monthly_gmv: 500000}}",
        "mid: {months: 12}",
        "mid: {months: 12}",
        "goals.mid has no targets",
    ),
    ("OPS602", "churn_rate: 0.08}", "churn_rate: 0.12}", "short: {months: 6", "rises above the baseline"),
    ("OPS603", "followers: 200000", "followers: 80000", "mid: {months: 12", "falls back from the short-term"),
    ("OPS107", "{name: 故事, share: 0.3}", "{name: 故事, share: 30}", "{name: 故事", "read 30 as 30% (0.3)"),
    ("OPS604", "churn_rate: 0.1}", "churn_rate: 10}", "baseline:", "between 0 and 1"),
    # churn, not followers: followers held at 20,000 would then grow 47% a month to the mid target (OPS607)
    ("OPS605", "churn_rate: 0.08}", "churn_rate: 0.1}", "short: {months: 6", "equals the baseline (0.1)"),
    ("OPS606", "churn_rate: 0.08}", "churn_rate: 0.08, koc_count: 50}", "short: {months: 6", "no baseline"),
    (
        "OPS701",
        "{id: hire, name: 招聘, weeks: 2}",
        "{id: hire, name: 招聘, weeks: 2, after: [setup]}",
        "{id: hire, name: 招聘",
        "prep.hire → prep.setup → prep.hire",
    ),
    ("OPS702", "after: [hire]", "after: [hrie]", "after: [hrie]", "unknown task 'hrie'; did you mean 'hire'?"),
    ("OPS703", "after: [launch], criteria", "after: [], criteria", "{id: M1", "milestone M1 (上线) closes no task"),
    ("OPS704", ", criteria: 首月GMV达到15万}", "}", "{id: M1", "milestone M1 (上线) has no acceptance criteria"),
    # 2 + 1 weeks then 30 weeks: 33 weeks = 231 days plus a 10% buffer, past the 184 days to 2027-09-01
    (
        "OPS705",
        "{id: launch, name: 上线, weeks: 3}",
        "{id: launch, name: 上线, weeks: 30}",
        "timeline:",
        "after the short-term goals fall due at the end of month 6 (184 days from the start)",
    ),
    ("OPS801", "owner: 法务, ", "", "{id: R1", "risk R1 (广告法) has no owner"),
    ("OPS802", "mitigation: 审核, ", "", "{id: R1", "risk R1 (广告法) has no mitigation"),
    ("OPS803", ", response: 2小时内下架", "", "{id: R1", "scores 4×4 = 16 (high) but has no response"),
    # 2 people × 60,000 × 6 months = 720,000 > 600,000
    ("OPS901", "monthly_cost: 15000", "monthly_cost: 60000", "team:", "720,000 over the 6-month budget period"),
    ("OPS902", ", roi: 2.5}", "}", "{name: 千川", "paid channel '千川' has no ROI"),
    # 1,000,000 × 0.05 × 0.02 = 1,000 orders × AOV 200 = 200,000 against 300,000: 33% below
    (
        "OPS903",
        "monthly_entry_volume: 1500000",
        "monthly_entry_volume: 1000000",
        "monthly_entry_volume",
        "about 200,000 of monthly GMV, 33% below the short-term goal of 300,000",
    ),
    (
        "OPS109",
        CONTENT_BLOCK,
        "sections:\n  content: {intro: 内容以短视频为主。}\n",
        "  content: {intro",
        "has only free text (sections.content) and no content data",
    ),
    (
        "OPS110",
        "version: 1\n",
        "version: 1\nsections:\n  brand: {title: 品牌建设, after: content}\n",
        "  brand: {title",
        "has no body, so the plan leaves it out",
    ),
    (
        "OPS111",
        "version: 1\n",
        "version: 1\nsections:\n  brand: {title: 品牌建设, after: content, body: '<b>品牌</b>'}\n",
        "  brand: {title",
        "uses raw HTML; the plan shows it as text",
    ),
    # the second segment named as the first: a reference ${segments.新客.share} could mean either
    ("OPS112", "{name: 老客, share: 0.5}", "{name: '新客', share: 0.5}", "{name: '新客'", "'新客' is named twice"),
    # followers on the dashboard twice, alike: the second row's target (the goal's) and cadence are the defaults
    (
        "OPS113",
        "team:\n",
        "kpis:\n  - {metric: followers, owner: 运营}\n  - {metric: followers, owner: 运营, cadence: weekly}\nteam:\n",
        "cadence: weekly}",
        "KPI followers (followers) is listed twice",
    ),
    # the goals chapter titled as the content chapter is: two chapters 内容矩阵 in the plan
    (
        "OPS303",
        "content:\n  pillars:",
        "sections:\n  goals: {title: 内容矩阵}\ncontent:\n  pillars:",
        "  goals: {title",
        "chapter 'goals' is titled '内容矩阵', as chapter 'content' is (its own title)",
    ),
    *CONSISTENCY_CASES,
]


@pytest.mark.parametrize(("rule", "old", "new", "line_text", "words"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_on_a_minimal_change(write, rule, old, new, line_text, words):
    assert old in CLEAN_PROFILE
    text = CLEAN_PROFILE.replace(old, new, 1)
    findings = findings_of(write("shop.yaml", text))
    assert [f.rule for f in findings] == [rule], [f"{f.rule} {f.message}" for f in findings]
    finding = findings[0]
    assert words in finding.message
    assert finding.line == line_of(text, line_text)
    assert finding.file.endswith("shop.yaml")
    assert finding.hint
    assert finding.category is RULES[rule].category


def test_every_profile_rule_has_a_case():
    profile_rules = {rule.id for rule in RULES.values() if rule.applies_to == "profile"}
    assert profile_rules == {case[0] for case in CASES}


def test_share_within_half_a_percent_passes(write):
    # 0.298 + 0.4 + 0.3 = 0.998: 0.2% off, inside the 0.5% tolerance
    text = CLEAN_PROFILE.replace("      share: 0.3\n    - name: 场景", "      share: 0.298\n    - name: 场景", 1)
    assert findings_of(write("shop.yaml", text)) == []


def test_warning_rules_are_warnings_and_errors_errors(write):
    text = CLEAN_PROFILE.replace("churn_rate: 0.08}", "churn_rate: 0.08, koc_count: 50}", 1)
    (finding,) = findings_of(write("shop.yaml", text))
    assert finding.level is Severity.WARNING
    text = CLEAN_PROFILE.replace("monthly_cost: 15000", "monthly_cost: 60000", 1)
    (finding,) = findings_of(write("shop.yaml", text))
    assert finding.level is Severity.ERROR


def test_low_risk_without_response_is_fine(write):
    # R2 scores 2×3 = 6 (low) and has no response: no OPS803
    assert "response" not in CLEAN_PROFILE.splitlines()[line_of(CLEAN_PROFILE, "{id: R2") - 1]
    assert findings_of(write("shop.yaml", CLEAN_PROFILE)) == []


def test_chapter_with_only_free_text_is_reported_not_complete(write):
    text = CLEAN_PROFILE.replace("chapters: [goals,", "chapters: [supply, goals,", 1)
    text += "sections:\n  supply: {intro: 鲜花由本地花农直供，当日配送。}\n"
    (finding,) = findings_of(write("shop.yaml", text))
    assert finding.rule == "OPS109"
    assert finding.line == line_of(text, "  supply: {intro")


def test_a_chapter_is_named_by_the_title_the_plan_gives_it(write):
    # the plan heads the supply chapter 货源保障 (sections.supply.title, a reference resolved): so does OPS109
    text = CLEAN_PROFILE.replace("chapters: [goals,", "chapters: [supply, goals,", 1)
    text += "sections:\n  supply: {title: '${shop.name}货源保障', intro: 鲜花由本地花农直供。}\n"
    (finding,) = findings_of(write("shop.yaml", text))
    assert finding.rule == "OPS109"
    assert "shop:\n  name: 花间\n" in text
    assert "(花间货源保障)" in finding.message


def test_findings_in_an_extended_file_point_at_the_parent(write):
    write("base.yaml", CLEAN_PROFILE.replace("positioning: 高端花束", "positioning: TODO", 1))
    child = write("child.yaml", "extends: base.yaml\nshop: {name: 新店}\n")
    (finding,) = findings_of(child)
    assert finding.rule == "OPS201"
    assert finding.file.endswith("base.yaml")
    assert finding.line == line_of(CLEAN_PROFILE, "positioning:")


def test_findings_carry_field_path_and_chapter(write):
    text = CLEAN_PROFILE.replace("{name: 新客, share: 0.5}", "{name: 新客, share: 0.3}", 1)
    (finding,) = findings_of(write("shop.yaml", text))
    assert finding.field == "users.segments[0].share"
    assert finding.chapter == "users"
    # the `- {name: 新客, share: 0.3}` flow mapping: the share value sits at column 31
    assert finding.column == text.splitlines()[finding.line - 1].index("0.3") + 1


def test_empty_text_covered_by_a_risk_rule_is_reported_once(write):
    text = CLEAN_PROFILE.replace("owner: 法务, ", "owner: '', ", 1)
    assert [f.rule for f in findings_of(write("shop.yaml", text))] == ["OPS801"]


def test_empty_text_in_an_unrelated_risk_is_still_reported(write):
    # R2's owner written empty: OPS801 on risks[1]; nothing else hides behind it
    text = CLEAN_PROFILE.replace("owner: 供应链, ", "owner: '', ", 1).replace("mitigation: 审核", "mitigation: ' '", 1)
    findings = findings_of(write("shop.yaml", text))
    assert [(f.rule, f.field) for f in findings] == [("OPS802", "risks[0]"), ("OPS801", "risks[1]")]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "The critical path takes 3,661 days and the project buffer 367 more, so the work ends on 2038-03-10, "
            "after the short-term goals fall due at the end of month 6 (184 days from the start).",
        ),
        (
            "zh-CN",
            "关键路径要 3,661 天，加上项目缓冲 367 天，到 2038-03-10 才结束，超出了 6 个月的短期目标（184 天）。",
        ),
    ],
)
def test_a_long_timeline_is_said_in_the_languages_number_format(write, runner, lang, said):
    # phases run one after the other: prep is 2 + 1 weeks = 21 days, then launch 520 weeks = 3,640 days,
    # 3,661 days in all; the 10% project buffer is ceil(366.1) = 367; 3,661 + 367 = 4,028 days with 2027-03-01 as
    # day 1: ten years to 2037-03-01 are 3,653 days (3 leap days), one more to 2038-03-01 365, then 9: 2038-03-10
    # the short horizon: 6 months from 2027-03-01 is 2027-09-01, 31+30+31+30+31+31 = 184 days
    text = CLEAN_PROFILE.replace("{id: launch, name: 上线, weeks: 3}", "{id: launch, name: 上线, weeks: 520}", 1)
    path = write("shop.yaml", text)
    result = runner.invoke(app, ["--lang", lang, "check", str(path), "--format", "github", "--strict"])
    assert result.exit_code == 1  # a warning, and --strict fails on warnings
    line = line_of(text, "timeline:")
    assert f"::warning file={path},line={line},col=1,title=OPS705 " in result.output
    assert said in result.output and "3661" not in result.output
    assert result.output.count("shorten") + result.output.count("缩短任务") == 1  # the advice once, in the hint


# A high risk (likelihood 4 × impact 4 = 16 ≥ 15) whose response is only a placeholder: each is OPS201 on the
# response's line, naming the placeholder as it was written (stripped of its closing 。).
@pytest.mark.parametrize(
    ("response", "found"),
    [
        ("暂无", "暂无"),
        ("无", "无"),
        ("无。", "无"),
        ("＿＿＿", "＿＿＿"),
        ("'负责人：____'", "____"),
        ("'...'", "..."),
        ("……", "……"),
        ("待定", "待定"),
        ("N/A", "N/A"),
        ("' None '", "None"),
        ("'-'", "-"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_response_that_is_only_a_placeholder_is_ops201(write, response: str, found: str, lang: str) -> None:
    from opsplan.i18n import use

    text = CLEAN_PROFILE.replace("response: 2小时内下架}", f"response: {response}}}", 1)
    with use(lang):
        (finding,) = findings_of(write("shop.yaml", text))
    assert (finding.rule, finding.field, finding.line) == ("OPS201", "risks[0].response", line_of(text, "id: R1"))
    said = (
        f"placeholder {found!r} in risks[0].response" if lang == "en" else f"risks[0].response 里还有占位符「{found}」"
    )
    assert said in finding.message


# the words count only as the whole value: a sentence that holds 无, none or a dash is text
@pytest.mark.parametrize(
    "response",
    [
        "无责任方时由店长在2小时内下架",
        "暂无库存时2小时内退款",
        "None of the posts stay up: 2 hours",
        "2小时内下架 - 通报",
    ],
)
def test_a_sentence_holding_a_placeholder_word_passes(write, response: str) -> None:
    text = CLEAN_PROFILE.replace("response: 2小时内下架}", f"response: '{response}'}}", 1)
    assert findings_of(write("shop.yaml", text)) == []


# A rate typed as a percentage (3 for 3%, 2 for 2%) is refused once, as out of range (OPS604); the findings that
# would compare other numbers with it (3 is 300%: above the 10% conversion ceiling, OPS608; the mid-term 3.5%
# "below" the short-term 3, OPS603; a short-term 3% "below" a baseline of 2, OPS602) are not made.
@pytest.mark.parametrize(
    ("base", "short", "mid"),
    [("0.02", "3", "0.035"), ("2", "0.03", "0.035")],
    ids=["target-typed-as-percent", "baseline-typed-as-percent"],
)
def test_a_rate_out_of_range_is_reported_once(write, base: str, short: str, mid: str) -> None:
    text = (
        CLEAN_PROFILE.replace("churn_rate: 0.1}", f"churn_rate: 0.1, conversion_rate: {base}}}", 1)
        .replace("churn_rate: 0.08}", f"churn_rate: 0.08, conversion_rate: {short}}}", 1)
        .replace("monthly_gmv: 500000}", f"monthly_gmv: 500000, conversion_rate: {mid}}}", 1)
    )
    assert text.count("conversion_rate") == 3
    (finding,) = findings_of(write("shop.yaml", text))
    where = "baseline.conversion_rate" if base == "2" else "goals.short.targets.conversion_rate"
    assert (finding.rule, finding.field) == ("OPS604", where)
