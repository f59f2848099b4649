"""The profile check's shortcuts give the answers of the long way, and a render's check does its work once.

A render checks the plan it built (``render.outputs.checked_plan``): the check reads that plan and does not make its
profile again, reads each chapter's status once, and skips texts with nothing for a rule to find.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsplan.check import engine_rules, profile_rules, textutil
from opsplan.check.profile_rules import Locator, profile_strings
from opsplan.check.run import profile_report
from opsplan.check.text_rules import _BUDGET_WORD, AllowedValues
from opsplan.render.loaded import load_profile_plan

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "douyin-flowers.zh-CN.yaml"


def _says_nothing_the_long_way(text: str) -> str | None:
    """``find_profile_placeholder`` as it was: every value that does not start wordy normalized."""
    found = textutil.find_placeholder(text)
    if found:
        return found
    blank = textutil._BLANK.search(text)
    if blank:
        return blank.group()
    stripped = text.strip().rstrip(textutil._CLOSING) or text.strip()
    if textutil.starts_wordy(stripped):
        return None
    if unicodedata.normalize("NFKC", stripped).replace(" ", "").casefold() in textutil._SAYS_NOTHING:
        return stripped
    return None


NOTHING_PIECES = st.sampled_from(
    ["n", "N", "/", "a", "Ａ", "／", "none", "N/A", "无", "暂无", "-", "—", "。", ".", "…", " ", "\u3000", "\u00a0",
     "\u2003", "\t", "\u0301", "\u1100", "\u1161", "\u11a8", "ﬁ", "㈠", "1", "xxxx", "计划", "_", "，"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(NOTHING_PIECES, st.text(max_size=3)), max_size=30))
def test_a_value_saying_nothing_is_found_as_the_long_way_finds_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert textutil.find_profile_placeholder(text) == _says_nothing_the_long_way(text)


@pytest.mark.parametrize("text", ["n" + " " * 30 + "/a", "无" + "\u3000" * 20, "N\u00a0/\u2003A" + "\u3000" * 20])
def test_a_word_of_nothing_spaced_out_long_is_still_found(text: str) -> None:
    assert textutil.find_profile_placeholder(text) == text.strip()


def test_normalizing_shortens_a_value_by_no_more_than_the_shortcut_allows() -> None:
    # what the length test stands on: NFKC composes at most four characters into one, and only non-printable
    # characters (besides the space) normalize to nothing but spaces
    longest = max(len(unicodedata.normalize("NFD", chr(c))) for c in range(sys.maxunicode + 1))
    assert longest <= 4 == textutil._LONGEST_SAID // max(map(len, textutil._SAYS_NOTHING))
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if not unicodedata.normalize("NFKC", chr(c)).strip(" ")]
    assert all(char == " " or not char.isprintable() for char in spaces)


def test_no_character_but_ascii_letters_matches_the_letters_of_budget_ignoring_case() -> None:
    letters = re.compile("(?i)[udget]")
    assert [chr(c) for c in range(sys.maxunicode + 1) if letters.match(chr(c))] == list("DEGTUdegtu")
    assert _BUDGET_WORD.pattern == r"预算|[Bb](?i:udget)"  # what the texts' quick test stands for


def _strings_the_long_way(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings_the_long_way(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings_the_long_way(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


DATA = st.recursive(
    st.one_of(st.text(max_size=3), st.integers(), st.none(), st.booleans()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=2), inner, max_size=4)),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(DATA)
def test_the_profile_strings_are_those_the_walk_yielded_in_its_order(data: Any) -> None:
    assert profile_strings(data) == list(_strings_the_long_way(data))


def test_a_render_check_does_not_make_the_plan_profile_again(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load_profile_plan(EXAMPLE)
    made: list[object] = []

    def engine_profile(profile: object) -> object:
        made.append(profile)
        return profile

    monkeypatch.setattr(engine_rules, "engine_profile", engine_profile)
    profile_report(EXAMPLE, loaded.document, loaded.profile, loaded.plan)
    assert made == []
    profile_report(EXAMPLE, loaded.document, loaded.profile)  # without a plan the check builds one, as before
    assert made


def test_a_check_reads_each_chapter_status_once(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load_profile_plan(EXAMPLE)
    calls: list[object] = []
    status = profile_rules.chapter_status

    def chapter_status(*args: Any) -> dict[str, str]:
        calls.append(args)
        return status(*args)

    monkeypatch.setattr(profile_rules, "chapter_status", chapter_status)
    report = profile_report(EXAMPLE, loaded.document, loaded.profile, loaded.plan)
    assert len(calls) == 1
    assert report.status == status(loaded.profile, loaded.document)


def test_the_values_a_milestone_or_campaign_text_may_state_are_made_once_for_it() -> None:
    loaded = load_profile_plan(EXAMPLE)
    values = AllowedValues(loaded.plan)
    milestone, campaign = ("timeline", "milestones", 0, "name"), ("campaigns", 0, "name")
    assert values.at(milestone) is values.at((*milestone[:3], "criteria", 0))
    assert values.at(campaign) is values.at((*campaign[:2], "notes"))
    assert values.at(milestone) is not values.at(("timeline", "milestones", 1, "name"))
    assert Locator(loaded.profile, loaded.document).status == profile_rules.chapter_status(
        loaded.profile, loaded.document
    )


def test_the_lines_of_a_purpose_are_those_found_from_the_purposes_read_once() -> None:
    from opsplan.plan.budget import line_purpose, purpose_lines

    budget = load_profile_plan(EXAMPLE).plan.budget
    purposes = [line_purpose(line.name) for line in budget.items]
    for purpose in ("people", "paid", "influencer"):
        assert purpose_lines(budget, purpose, purposes) == purpose_lines(budget, purpose)
    assert purpose_lines(budget, "paid", [None] * len(budget.items)).indexes == ()
