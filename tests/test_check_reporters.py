"""Reporters: text, JSON, GitHub workflow commands and SARIF 2.1.0."""

from __future__ import annotations

import json

from opsplan.check.findings import FileReport, Finding
from opsplan.check.reporters import render_github, render_json, render_sarif, render_text, summary_line
from opsplan.check.rule_table import RULES

PROFILE_FINDING = Finding(
    "OPS501",
    "content pillar shares sum to 95%, not 100%: 科普 25%, 场景 40%, 故事 30%",
    "plans/shop.yaml",
    line=19,
    column=14,
    field="content.pillars[0].share",
    chapter="content",
    hint="add 5% so they sum to 100% (1.0)",
)
WARNING_FINDING = Finding(
    "OPS606",
    "KOC count (koc_count) has a target but no baseline",
    "plans/shop.yaml",
    line=14,
    column=3,
    field="goals.short.targets.koc_count",
    chapter="goals",
    hint="add today's value under baseline:",
)
DOCX_FINDING = Finding(
    "OPS104",
    "the contents list '三、风险管控' but the body has no such heading, 100% sure",
    "plans/old.docx",
    headings=("目录",),
    chapter="三、风险管控",
    hint="write the missing chapter",
)
REPORTS = [
    FileReport(
        "plans/shop.yaml",
        "profile",
        [("goals", "运营目标 (goals)"), ("content", "内容矩阵 (content)")],
        {"goals": "ok", "content": "ok"},
        [WARNING_FINDING, PROFILE_FINDING],
    ),
    FileReport(
        "plans/old.docx", "docx", [("三、风险管控", "三、风险管控")], {"三、风险管控": "missing"}, [DOCX_FINDING]
    ),
]


def test_json_is_a_list_of_documented_objects():
    data = json.loads(render_json(REPORTS))
    assert [d["rule"] for d in data] == ["OPS606", "OPS501", "OPS104"]
    assert data[1] == {
        "rule": "OPS501",
        "category": "sum",
        "severity": "error",
        "message": PROFILE_FINDING.message,
        "file": "plans/shop.yaml",
        "line": 19,
        "column": 14,
        "field": "content.pillars[0].share",
        "headings": [],
        "chapter": "content",
        "hint": "add 5% so they sum to 100% (1.0)",
    }
    assert data[0]["severity"] == "warning"
    assert data[2]["headings"] == ["目录"]
    assert data[2]["line"] == 0


def test_github_annotations_escape_and_carry_rule_and_line():
    lines = render_github(REPORTS).splitlines()
    assert lines[0].startswith(
        "::warning file=plans/shop.yaml,line=14,col=3,title=OPS606 A target without a baseline::"
    )
    assert lines[1].startswith(
        "::error file=plans/shop.yaml,line=19,col=14,title=OPS501 Content pillar shares do not sum to 100%25::"
        "content pillar shares sum to 95%25, not 100%25"
    )
    # a DOCX finding has no line: the heading path goes into the message
    assert lines[2].startswith(
        "::error file=plans/old.docx,title=OPS104 The contents list a heading the body lacks::目录: "
    )
    assert "100%25 sure" in lines[2]


def test_sarif_has_the_required_structure():
    log = json.loads(render_sarif(REPORTS))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "opsplan"
    assert [r["id"] for r in rules] == list(RULES)
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["OPS606", "OPS501", "OPS104"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning")
        assert result["message"]["text"]
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"].startswith("plans/")
        assert physical["region"]["startLine"] >= 1
    assert results[1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 19, "startColumn": 14}
    assert results[2]["locations"][0]["logicalLocations"] == [{"fullyQualifiedName": "目录"}]


def test_text_groups_by_chapter_and_ends_with_table_and_summary():
    text = render_text(REPORTS, strict=False, width=200)
    lines = text.splitlines()
    goals = next(i for i, line in enumerate(lines) if line.strip() == "运营目标 (goals)")
    content = next(i for i, line in enumerate(lines) if line.strip() == "内容矩阵 (content)")
    assert goals < content  # plan order, not finding order
    assert "error   OPS501 sum" in text
    assert "plans/shop.yaml:19:14" in text
    assert "hint: add 5% so they sum to 100% (1.0)" in text
    assert "completeness: plans/shop.yaml" in text
    table_row = next(line for line in lines if "内容矩阵 (content)" in line and "│" in line)
    assert table_row.split("│")[2].strip() == "has findings"
    assert table_row.split("│")[3].strip() == "1"  # one error
    missing_row = next(line for line in lines if "三、风险管控" in line and "│" in line)
    assert missing_row.split("│")[2].strip() == "missing"
    assert lines[-1] == "FAILED: 2 files checked, 2 errors, 1 warning"


def test_text_keeps_brackets_as_text():
    finding = Finding("OPS201", "placeholder '[请填写]' in shop.name: '[请填写]'", "a.yaml", line=3, column=9)
    text = render_text([FileReport("a.yaml", "profile", [], {}, [finding])], strict=False, width=200)
    assert "'[请填写]' in shop.name" in text


def test_summary_line_verdicts():
    warning_only = [FileReport("a.yaml", "profile", [], {}, [WARNING_FINDING])]
    assert summary_line(warning_only, strict=False) == "passed: 1 file checked, 0 errors, 1 warning"
    assert summary_line(warning_only, strict=True) == (
        "FAILED: 1 file checked, 0 errors, 1 warning (--strict: warnings fail)"
    )
    assert (
        summary_line([FileReport("a.yaml", "profile")], strict=True) == "passed: 1 file checked, 0 errors, 0 warnings"
    )


def test_a_paragraph_styled_as_a_heading_is_shown_cut_to_a_line(write, runner):
    # a 3,000-character paragraph marked as a heading by mistake was repeated whole in every finding under it
    from opsplan.cli import app

    long = "二、" + "很长的段落" * 600
    text = f"# 方案\n\n## 一、背景\n\n正文。\n\n## {long}\n\n### 2.1 市场\n\n### 2.3 TODO\n\n正文 TODO。\n"
    path = write("plan.md", text)
    for output_format in ("text", "github", "sarif"):
        result = runner.invoke(app, ["check", str(path), "--format", output_format])
        assert result.exit_code == 1, result.output
        assert "很长的段落" * 12 not in result.output, output_format
        assert output_format == "sarif" or len(result.output) < 12_000, output_format  # sarif holds every rule
    shown = "二、" + "很长的段落" * 11 + "…"  # the first 57 characters and …
    text_report = runner.invoke(app, ["check", str(path)]).output
    assert f"plan.md:9 › {shown} › 2.1 市场" in text_report


def test_the_chapter_table_and_groups_show_the_profiles_own_chapter_titles(write, runner):
    # the table showed the standard titles (内容矩阵, 风险管控) while the plan's headings were sections.<key>.title
    from opsplan.cli import app
    from opsplan.load import load_profile
    from opsplan.plan import build_plan
    from tests._check_helpers import CLEAN_PROFILE

    text = CLEAN_PROFILE.replace(", owner: 供应链, mitigation: 备货}", ", owner: 供应链}")  # OPS802 in risks
    text += "sections:\n  content: {title: '${shop.name}的内容打法'}\n  risks: {title: 风险与应对}\n"
    path = write("shop.yaml", text)
    output = runner.invoke(app, ["check", str(path)]).output
    lines = output.splitlines()
    rows = [line.split("│")[1].strip() for line in lines if line.startswith("│")]
    assert rows == [
        "运营目标 (goals)",
        "花间的内容打法 (content)",  # ${shop.name} is 花间
        "流量获取与转化 (traffic)",
        "用户运营 (users)",
        "风险与应对 (risks)",
        "组织与资源 (organization)",
        "时间规划 (timeline)",
    ]
    assert lines[lines.index("  风险与应对 (risks)") + 1].split()[:2] == ["error", "OPS802"]
    # the plan's headings, by the same titles
    plan = build_plan(load_profile(path))
    assert [f"{c.title} ({c.key})" for c in plan.chapters] == rows


def test_a_chapter_left_out_is_named_by_the_title_the_plan_would_give_it(write):
    from opsplan.load import load_profile
    from opsplan.plan import build_plan
    from tests._check_helpers import CLEAN_PROFILE

    text = CLEAN_PROFILE.replace("chapters: [goals, content,", "chapters: [goals, problems, content,")
    path = write("shop.yaml", text + "sections:\n  problems: {title: '${shop.name}的痛点'}\n")
    plan = build_plan(load_profile(path))
    messages = [f.message for f in plan.findings if f.code == "chapter-omitted"]
    assert messages == ["chapter 'problems' (花间的痛点) has no problems data, so the plan leaves it out"]
