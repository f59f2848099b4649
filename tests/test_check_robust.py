"""The document reader and rules never crash, whatever the text; engine codes all have rule ids."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opsplan.plan.findings as engine_findings
from opsplan.check.docread import read_markdown
from opsplan.check.document_rules import check_document
from opsplan.check.engine_rules import ENGINE_RULES, parse_field_path
from opsplan.check.rule_table import RULES

PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "### ",
        "一、",
        "十一、",
        "貳、",
        "1.1 ",
        "2.3.1 ",
        "（三）",
        "第五章 ",
        "目录",
        "Contents",
        "- ",
        "1. ",
        "```",
        "<!--",
        "-->",
        "XXXXX",
        "待补充",
        "…… 3",
        "\t5",
        "|",
        "**",
        "\n",
        "\n\n",
        "正文。",
        "Text",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40))
def test_any_markdown_gives_findings_not_exceptions(tmp_path, pieces):
    path = tmp_path / "fuzz.md"
    text = "".join(pieces).replace("\r", "")
    path.write_text(text, encoding="utf-8", errors="replace")
    try:
        document = read_markdown(path)
    except Exception as error:  # only the loader's own error type is allowed: control characters
        assert type(error).__name__ == "InputError", error
        return
    for finding in check_document(document):
        assert finding.rule in RULES
        assert finding.message


def test_every_engine_code_has_a_rule():
    codes = set(re.findall(r"``([a-z]+(?:-[a-z]+)+)``", engine_findings.__doc__ or ""))
    assert codes, "the engine documents its codes in opsplan.plan.findings"
    assert codes <= set(ENGINE_RULES)
    assert set(ENGINE_RULES.values()) <= set(RULES)


def test_field_paths_with_digits_in_metric_keys():
    assert parse_field_path("goals.mid.targets.member_repurchase_90d") == (
        "goals",
        "mid",
        "targets",
        "member_repurchase_90d",
    )
    assert parse_field_path("kpis[2].target") == ("kpis", 2, "target")


BIG_NUMBERS = ["（2024）回顾", "第1000章 总结", "1000.1 结论", "第十十十十十十十十十十十章 重复", "（一千）千位"]


@pytest.mark.parametrize("heading", BIG_NUMBERS)
def test_heading_numbers_of_a_thousand_or_more_do_not_crash(write, heading):
    # each as a # heading and as a plain paragraph, after chapters 一 and 二
    text = f"## 一、背景\n\n正文。\n\n## 二、目标\n\n正文。\n\n## {heading}\n\n正文。\n\n{heading}\n\n正文。\n"
    findings = check_document(read_markdown(write("plan.md", text)))
    assert all(f.rule in RULES for f in findings)


def test_numerals_past_the_hundreds_are_shown_in_digits():
    from opsplan.check.heading_numbers import chinese_to_int, int_to_chinese, show_number

    assert int_to_chinese(999) == "九百九十九"
    assert int_to_chinese(1000) == "1000"
    assert show_number((2024,), "paren") == "（2024）"
    assert chinese_to_int("十" * 9) is None  # not a heading number


def test_opsplan_output_with_big_numbers_in_profile_text_checks_cleanly(tmp_path, runner):
    from opsplan.cli import app
    from tests.conftest import RENDERABLE_PROFILE

    notes = "".join(f"\n      - {text}" for text in BIG_NUMBERS)
    profile = tmp_path / "shop.yaml"
    profile.write_text(
        RENDERABLE_PROFILE + f"sections:\n  goals:\n    intro: {BIG_NUMBERS[0]}\n    notes:{notes}\n", encoding="utf-8"
    )
    rendered = runner.invoke(app, ["render", str(profile), "-o", str(tmp_path), "-f", "md,docx"])
    assert rendered.exit_code == 0, rendered.output
    for name in ("shop.md", "shop.docx"):
        result = runner.invoke(app, ["check", "--format", "json", str(tmp_path / name)])
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
