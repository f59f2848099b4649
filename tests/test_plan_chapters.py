"""Chapters without data are left out of the plan and reported, never filled with a note (issue 12.6)."""

from __future__ import annotations

from tests._plan_helpers import BASE, plan

BASE_CHAPTERS = ["goals", "supply", "outcomes"]


def test_chapter_without_data_is_left_out_and_reported() -> None:
    p = plan(
        plan={**BASE["plan"], "chapters": BASE_CHAPTERS},
        goals={"short": {"months": 6, "targets": {"followers": 10}}},
        baseline={"followers": 5},
    )
    assert [c.key for c in p.chapters] == ["goals", "outcomes"]
    (omitted,) = [f for f in p.findings if f.code == "chapter-omitted"]
    assert (omitted.severity, omitted.path) == ("error", "supply")
    assert "'supply'" in omitted.message


def test_free_text_alone_does_not_keep_a_chapter() -> None:
    p = plan(
        plan={**BASE["plan"], "chapters": BASE_CHAPTERS},
        goals={"short": {"months": 6, "targets": {"followers": 10}}},
        baseline={"followers": 5},
        sections={"supply": {"intro": "Local growers deliver every morning."}},
    )
    assert "supply" not in [c.key for c in p.chapters]


def test_chapter_with_data_is_kept() -> None:
    p = plan(
        plan={**BASE["plan"], "chapters": BASE_CHAPTERS},
        goals={"short": {"months": 6, "targets": {"followers": 10}}},
        baseline={"followers": 5},
        supply={"strategy": "Local growers deliver every morning."},
    )
    assert [c.key for c in p.chapters] == BASE_CHAPTERS
    assert not [f for f in p.findings if f.code == "chapter-omitted"]
