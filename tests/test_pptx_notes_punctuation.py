"""The deck's speaker notes write labels and asides with the language's own punctuation (issue 15's leftovers).

zh-CN: 筹备：3月1日 – 3月14日, 里程碑（日期）; en: Prep: 1 March – 14 March, milestone (date). Every notes line is
built with ``pptx_words.labelled`` / ``bracketed``; a part that ends a sentence is followed by the next without a
separator (不到0.3%。影响：…, not 0.3%。；影响：…).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from opsplan.render.outputs import load_plan
from opsplan.render.pptx import build_pptx
from opsplan.render.pptx_slides import sentence
from tests._plan_helpers import BASE, goals, plan, task, timeline
from tests._pptx_helpers import notes_text, open_pptx, slide_title

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _notes(locale: str) -> dict[str, list[str]]:
    """The notes of a small plan's deck by slide title: a 2-week task A, then B (1 week), milestone M1 after B."""
    computed = plan(
        plan={**BASE["plan"], "locale": locale, "chapters": ["goals", "timeline"]},
        baseline={"followers": 1_000},
        goals=goals({"followers": 5_000}),
        timeline=timeline(
            ("prep", [task("a", 2), task("b", 1, "a")]),
            milestones=[{"id": "M1", "name": "go", "after": ["prep.b"], "criteria": "done"}],
        ),
    )
    return {slide_title(s): notes_text(s).splitlines() for s in open_pptx(build_pptx(computed)).slides}


@pytest.mark.parametrize(
    ("locale", "timeline_title", "critical", "summary_title", "milestone", "horizon"),
    [
        (
            "zh-CN",
            "时间规划：关键路径21天",
            ["A：2027年3月1日 – 2027年3月14日", "B：2027年3月15日 – 2027年3月21日"],
            "一页看懂：目标、预算、团队与节奏",
            "M1 go（2027年3月21日）：done",
            "短期（6个月）：粉丝数 5,000",
        ),
        (
            "en",
            "Timeline: a 21-day critical path",
            ["A: 1 March 2027 – 14 March 2027", "B: 15 March 2027 – 21 March 2027"],
            "The plan on one page",
            "M1 go (21 March 2027): done",
            "Short-term (6 months): Followers 5,000",
        ),
    ],
    ids=["zh-CN", "en"],
)
def test_notes_lines_use_the_languages_colon_and_brackets(
    locale: str, timeline_title: str, critical: list[str], summary_title: str, milestone: str, horizon: str
) -> None:
    notes = _notes(locale)
    # the plan starts 2027-03-01: A takes 2 weeks, days 0-13 (1-14 March); B 1 week after it, days 14-20 (15-21 March)
    assert notes[timeline_title][:2] == critical
    assert milestone in notes[summary_title]  # M1 closes B, on 21 March
    assert horizon in next(lines for title, lines in notes.items() if title.startswith(("目标路径", "The path")))


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_no_notes_line_mixes_the_other_languages_punctuation(locale: str) -> None:
    deck: Any = open_pptx(build_pptx(load_plan(EXAMPLES / f"douyin-flowers.{locale}.yaml")))
    lines = [line for slide in deck.slides for line in notes_text(slide).splitlines()]
    assert len(lines) > 100
    foreign = (": ", " (", "; ") if locale == "zh-CN" else ("：", "（", "）", "；")
    assert [line for line in lines if any(mark in line for mark in foreign)] == []
    assert [line for line in lines if "。；" in line or ".; " in line] == []


def test_a_sentence_that_ends_is_followed_without_a_separator() -> None:
    assert sentence("zh-CN", "标题", "依据：不到0.3%。", "影响：增长停滞。") == "标题；依据：不到0.3%。影响：增长停滞。"
    assert sentence("en", "Title", "Evidence: below 0.3%.", "", "Impact: stalled.") == (
        "Title; Evidence: below 0.3%. Impact: stalled."
    )
