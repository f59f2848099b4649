"""A document's findings past the cap of a rule are counted, never worded, and the kept ones are the same.

``document_rules`` keeps each rule's first ``MAX_FINDINGS_PER_RULE`` findings in document order (the next one
says how many more there are) and builds the message of those only. These tests check that the findings kept
are exactly those a check that worded every finding and then cut the list would keep, on the examples, on
mutated examples and on a document whose rules meet their findings interleaved (sums in text and in tables).
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from opsplan.check import document_rules, messages
from opsplan.check.docread import PlanDocument, read_markdown
from opsplan.check.document_rules import check_document
from opsplan.check.docxread import read_docx
from opsplan.check.findings import Finding
from opsplan.check.messages import msg
from opsplan.i18n import EN, ZH, use
from tests._fuzz_check import EXAMPLES, mutate_docx, mutate_markdown

# a document where every rule finds something several times, the sum rules in text and tables in turn
_BLOCK = """\
## 一、背景

渠道占比：自然40%，付费40%。总预算100万元，其中内容50万元、投放40万元。XXXXX 待补充。

| 渠道 | 占比 | 金额 |
|---|---|---|
| 自然 | 40% | 50万元 |
| 付费 | 40% | 40万元 |
| 合计 | 80% | 100万元 |

## 三、背景

### 3.1 市场

### 3.1 市场

预算占比：内容30%，投放30%。

"""
_INTERLEAVED = "# 方案\n\n## 目录\n\n- 一、背景\n- 九、缺失\n\n" + _BLOCK * 6


def _all_then_cut(document: PlanDocument, keep: int) -> list[Finding]:
    """What the check said before it counted: every finding worded, then each rule's first ``keep`` kept."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(document_rules, "MAX_FINDINGS_PER_RULE", 10**9)
        every = check_document(document)
    counts: dict[str, int] = {}
    for finding in every:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    seen: dict[str, int] = {}
    kept = []
    for finding in every:
        seen[finding.rule] = seen.get(finding.rule, 0) + 1
        if seen[finding.rule] <= keep:
            kept.append(finding)
        elif seen[finding.rule] == keep + 1:
            more = counts[finding.rule] - keep
            message = msg("more", message=finding.message, more=f"{more - 1:,}", rule=finding.rule)
            kept.append(finding._replace(message=message) if more > 1 else finding)
    return kept


def _documents(tmp_path: Path) -> list[tuple[str, PlanDocument]]:
    path = tmp_path / "interleaved.md"
    path.write_text(_INTERLEAVED, encoding="utf-8")
    documents: list[tuple[str, PlanDocument]] = [("interleaved", read_markdown(path))]
    rng = random.Random(8)
    for source in sorted(EXAMPLES.glob("*.zh-CN.md")) + sorted(EXAMPLES.glob("*.en.docx")):
        documents.append((source.name, (read_markdown if source.suffix == ".md" else read_docx)(source)))
        for number in range(3):
            mutated = tmp_path / f"{number}-{source.name}"
            mutate = mutate_markdown if source.suffix == ".md" else mutate_docx
            mutated.write_bytes(mutate(source.read_bytes(), rng))
            try:
                documents.append((mutated.name, (read_markdown if source.suffix == ".md" else read_docx)(mutated)))
            except Exception as error:  # a mutation the reader refuses (exit 2) holds nothing to check here
                assert type(error).__name__ == "InputError", error
    return documents


@pytest.mark.parametrize("lang", [EN, ZH])
@pytest.mark.parametrize("keep", [1, 2])
def test_the_findings_kept_are_each_rules_first_in_document_order(tmp_path, monkeypatch, keep, lang):
    with use(lang):
        cut = 0
        for name, document in _documents(tmp_path):
            expected = _all_then_cut(document, keep)
            monkeypatch.setattr(document_rules, "MAX_FINDINGS_PER_RULE", keep)
            assert check_document(document) == expected, name
            monkeypatch.undo()
            cut += any("(and " in f.message or "不再列出" in f.message for f in expected)
        assert cut >= 5  # the cut is met, not only documents under it


def test_the_interleaved_document_meets_every_rule_more_than_twice(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(_INTERLEAVED, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(document_rules, "MAX_FINDINGS_PER_RULE", 10**9)
        every = check_document(read_markdown(path))
    rules = [finding.rule for finding in every]
    for rule in ("OPS104", "OPS105", "OPS203", "OPS301", "OPS302", "OPS401", "OPS402", "OPS510", "OPS511"):
        assert rules.count(rule) >= (1 if rule == "OPS104" else 3), rule
    # the sum rules meet text and tables in turn: a table's OPS510 comes between two paragraphs' ones
    shares = [f.message for f in every if f.rule == "OPS510"]
    assert any("column" in a and "column" not in b for a, b in itertools.pairwise(shares))


def test_a_finding_past_the_cap_is_never_worded(tmp_path, monkeypatch):
    # 2,000 chapters of one title: 1,999 OPS301, 1,999 OPS402 and 2,000 OPS105, of which 201 each are kept
    path = tmp_path / "plan.md"
    path.write_text("## 一、背景\n\n" * 2_000, encoding="utf-8")
    document = read_markdown(path)
    said: list[str] = []
    wording = messages.msg

    def counting(key: str, /, **params: object) -> str:
        said.append(key)
        return wording(key, **params)

    monkeypatch.setattr(messages, "msg", counting)
    with use(EN):
        findings = check_document(document)
    duplicates = [f.message for f in findings if f.rule == "OPS301"]
    assert len(duplicates) == document_rules.MAX_FINDINGS_PER_RULE + 1
    assert duplicates[-1].endswith(
        "(line 1 and line 403), ignoring numbers (and 1,798 more OPS301 findings in this document, not listed)"
    )
    # each kept finding: its message, its hint, and for a duplicate "line a and line b"; the three "more"
    assert len(said) <= len(findings) * 5 + 3
    assert said.count("OPS301") == document_rules.MAX_FINDINGS_PER_RULE + 1
