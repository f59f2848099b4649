"""The document reader and rules never crash, whatever the text; engine codes all have rule ids."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opsplan.plan.findings as engine_findings
from opsplan.check.docread import read_markdown
from opsplan.check.document_rules import check_document
from opsplan.check.engine_rules import ENGINE_RULES, parse_field_path
from opsplan.check.findings import RULES

PIECES = st.sampled_from(
    ["# ", "## ", "### ", "一、", "十一、", "貳、", "1.1 ", "2.3.1 ", "（三）", "第五章 ", "目录", "Contents",
     "- ", "1. ", "```", "<!--", "-->", "XXXXX", "待补充", "…… 3", "\t5", "|", "**", "\n", "\n\n", "正文。", "Text"]
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
        "goals", "mid", "targets", "member_repurchase_90d",
    )
    assert parse_field_path("kpis[2].target") == ("kpis", 2, "target")
