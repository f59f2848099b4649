"""The same sentence gets the same verdict on a profile and on the plan rendered from it (OPS510, OPS511).

Shares that miss 100% (``占比 30%、40%``) or a total its parts do not add up to, written in a profile's text, passed
``check`` of the profile and failed ``check`` of its rendered Markdown and DOCX. Each case puts one sentence in
a paragraph's text (a pillar's description), a numbered list item (a workflow step), a bullet item (a channel's
tactics) and a chapter note, checks the profile, renders it and checks both documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from opsplan.check.run import check_file
from opsplan.render.loaded import load_profile_plan
from opsplan.render.markdown import render_markdown
from opsplan.render.options import RenderOptions
from opsplan.render.outputs import plan_docx
from tests._check_helpers import line_of

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "douyin-flowers.zh-CN.yaml"
# where the sentence goes: the start of each of these texts
PLACES = (
    "description: 用通俗的方式讲清楚花材挑选",
    "- 每周一召开选题会",
    "tactics: 依靠三大内容栏目持续输出",
    "- 止损线按花束毛利测算",
)


def _verdicts(tmp_path: Path, sentence: str) -> dict[str, list[tuple[str, int]]]:
    """Return the (rule, line) of each sum finding on the sentence, put in each place: profile, Markdown, DOCX."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for place in PLACES:
        head, _, rest = place.partition(" ")
        assert text.count(place) == 1
        text = text.replace(place, f"{head} {sentence}{rest}")
    profile = tmp_path / "shop.yaml"
    profile.write_text(text, encoding="utf-8")
    loaded = load_profile_plan(profile)
    markdown = render_markdown(loaded.plan, None, draft=False)
    (tmp_path / "shop.md").write_text(markdown, encoding="utf-8")
    (tmp_path / "shop.docx").write_bytes(plan_docx(loaded.plan, markdown, RenderOptions()))
    found = {}
    opening = sentence.partition("$")[0][:6]  # a finding quotes the sentence with its references resolved
    for name in ("shop.yaml", "shop.md", "shop.docx"):
        findings = check_file(tmp_path / name).findings
        found[name] = [(f.rule, f.line) for f in findings if f.rule in ("OPS510", "OPS511") and opening in f.message]
    found["where"] = sorted(("", line_of(text, sentence + p.partition(" ")[2])) for p in PLACES)
    return found


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("栏目占比 30%、40%。", "OPS510"),
        ("总预算100万元，其中内容60万元、投放50万元。", "OPS511"),
        # 花艺科普 30% + 生活场景 40% = 70%
        ("栏目占比 ${content.pillars.花艺科普.share}、${content.pillars.生活场景.share}。", "OPS510"),
        # budget.total 4,000,000 = 400万元; 250万 + 200万 = 450万
        ("总预算${budget.total}，其中内容250万元、投放200万元。", "OPS511"),
    ],
    ids=["shares", "total", "shares-by-reference", "total-by-reference"],
)
def test_a_sentence_that_does_not_add_up_fails_the_profile_and_its_plan(
    tmp_path: Path, sentence: str, rule: str
) -> None:
    found = _verdicts(tmp_path, sentence)
    assert sorted(found["shop.yaml"]) == [(rule, line) for _, line in found["where"]]  # at each text's line
    # each place's text, and the plan may quote it again (the workflow's first step in the chapter's summary)
    assert [r for r, _ in found["shop.md"]] == [r for r, _ in found["shop.docx"]]
    assert set(found["shop.md"]) == {(rule, line) for _, line in found["shop.md"]}
    assert len(found["shop.md"]) >= len(PLACES)


@pytest.mark.parametrize(
    "sentence",
    [
        "栏目占比 30%、70%。",
        "栏目占比从30%提升到40%。",
        "总预算100万元，其中内容60万元、投放40万元。",
        # 30% + 40% + 30% = 100%
        "栏目占比 ${content.pillars.花艺科普.share}、${content.pillars.生活场景.share}、${content.pillars.花艺师故事.share}。",
        # 400万元 = 250万 + 150万
        "总预算${budget.total}，其中内容250万元、投放150万元。",
    ],
    ids=["shares-add-up", "before-and-after", "total-adds-up", "shares-by-reference", "total-by-reference"],
)
def test_a_sentence_that_adds_up_passes_the_profile_and_its_plan(tmp_path: Path, sentence: str) -> None:
    found = _verdicts(tmp_path, sentence)
    assert found["shop.yaml"] == found["shop.md"] == found["shop.docx"] == []
