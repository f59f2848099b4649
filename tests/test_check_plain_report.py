"""The text report without colour is written without rich, and reads exactly as rich writes it.

``plain_report.plain_text`` lays out the lines and completeness tables itself (rich costs a cold ``check`` about
25 ms to import); anything it does not lay out as rich does is handed to rich. Both paths are compared on the
examples' reports and on generated reports with hostile text.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opsplan.check.findings import FileReport, Finding
from opsplan.check.plain_report import Grid, plain_text
from opsplan.check.reporters import render_text, rich_text, text_blocks
from opsplan.check.rule_table import RULES
from opsplan.check.run import check_file

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DOCUMENTS = sorted([*EXAMPLES.glob("*.docx"), *EXAMPLES.glob("*.md")])


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_an_example_report_is_plain_text_as_rich_writes_it(path: Path) -> None:
    report = check_file(path)
    for strict in (False, True):
        blocks = text_blocks([report], strict=strict)
        plain = plain_text(blocks, 110)
        assert plain is not None  # written without rich
        assert plain == rich_text(blocks, color=False, width=110)


def test_a_profile_report_with_findings_in_both_languages(tmp_path: Path) -> None:
    reports = []
    for name in ("douyin-flowers.zh-CN.yaml", "wechat-clothing-group.en.yaml"):
        text = (EXAMPLES / name).read_text(encoding="utf-8").replace("version: 1", "version: 1\n# edited", 1)
        profile = tmp_path / name
        profile.write_text(text.replace("share: 0.3", "share: 0.25", 1), encoding="utf-8")
        reports.append(check_file(profile))
    assert any(report.findings for report in reports)
    blocks = text_blocks(reports, strict=True)
    plain = plain_text(blocks, 110)
    assert plain is not None
    assert plain == rich_text(blocks, color=False, width=110)


def test_the_plain_report_imports_no_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    report = check_file(EXAMPLES / "douyin-flowers.zh-CN.docx")
    expected = render_text([report], strict=False)
    for module in ("rich.console", "rich.table", "rich.text", "rich.cells"):
        monkeypatch.setitem(sys.modules, module, None)  # importing it now raises ImportError
    assert render_text([report], strict=False) == expected
    with pytest.raises(ImportError):  # a tab is left to rich, which expands it
        render_text([FileReport("a\tb.md", "markdown", [("一、背景", "一、背景")], {}, [])], strict=False)


_COMMON = st.text(st.sampled_from(list("一、背景完整性　 ab1-_.%（）()|│─━┃👍\u200b\u0301")), max_size=24)
_HOSTILE = st.text(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
        st.sampled_from(list("一、背景 :：\t\r\n\x1b😀🇨🇳")),
    ),
    max_size=30,
)
_TEXT = st.one_of(_COMMON, _COMMON, _COMMON, _HOSTILE)  # mostly text the plain writer lays out


@st.composite
def _reports(draw: st.DrawFn) -> list[FileReport]:
    reports = []
    for _ in range(draw(st.integers(1, 2))):
        chapters = draw(st.lists(st.tuples(_TEXT, _TEXT), max_size=4, unique_by=lambda c: c[0]))
        keys = [key for key, _ in chapters] + [""]
        findings = [
            Finding(
                draw(st.sampled_from(sorted(RULES))),
                draw(_TEXT),
                draw(_TEXT),
                line=draw(st.integers(0, 3)),
                headings=tuple(draw(st.lists(_TEXT, max_size=2))),
                chapter=draw(st.sampled_from(keys)),
                hint=draw(_TEXT),
            )
            for _ in range(draw(st.integers(0, 3)))
        ]
        status = {key: draw(st.sampled_from(["ok", "empty", "missing", "odd"])) for key, _ in chapters}
        kind = draw(st.sampled_from(["profile", "markdown", "docx"]))
        locale = draw(st.sampled_from([None, "zh-CN", "en"]))
        reports.append(FileReport(draw(_TEXT), kind, chapters, status, findings, locale=locale))
    return reports


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_reports(), st.integers(20, 160), st.booleans())
def test_any_report_reads_the_same_either_way(reports: list[FileReport], width: int, strict: bool) -> None:
    blocks = text_blocks(reports, strict=strict)
    plain = plain_text(blocks, width)
    if plain is not None:
        assert plain == rich_text(blocks, color=False, width=width)


@given(st.lists(st.text(st.sampled_from("一、背景 abc完整性1"), min_size=1, max_size=12), min_size=1, max_size=8))
def test_a_table_that_fits_is_plain(labels: list[str]) -> None:
    grid = Grid("完整性：plan.docx", (("章节", "left"), ("错误", "right")), tuple((label, "12") for label in labels))
    plain = plain_text([grid], 110)
    assert plain is not None
    assert plain == rich_text([grid], color=False, width=110)


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_a_cell_with_a_line_separator_reads_as_rich_shows_it(separator: str) -> None:
    # rich breaks a cell at NEL and the Unicode line and paragraph separators (as str.splitlines does); the plain
    # writer leaves such a table to rich (found by the test above: a chapter title "0000000\x85" at width 42)
    grid = Grid("t", (("章节", "left"), ("错误", "right")), (("0000000" + separator, "1"),))
    assert plain_text([grid], 42) is None


def test_the_characters_measured_without_rich_are_as_wide_in_every_unicode_version_rich_knows() -> None:
    from rich._unicode_data._versions import VERSIONS
    from rich.cells import get_character_cell_size

    from opsplan.check.plain_report import _WIDE

    for low, high in _WIDE:
        for code in range(ord(low), ord(high) + 1):
            assert {get_character_cell_size(chr(code), version) for version in VERSIONS} == {2}, hex(code)
    assert {get_character_cell_size(chr(code), version) for code in range(0x20, 0x7F) for version in VERSIONS} == {1}


@given(st.text(st.sampled_from(list("一龻龼、〩〪〰〾〿（）｠｡￠￦￧ aZ~\t\x7f\u00a0é👍\u200d\ufe0f")), max_size=12))
def test_a_text_is_as_wide_as_rich_measures_it(text: str) -> None:
    from rich.cells import cell_len

    from opsplan.check.plain_report import cell_width

    assert cell_width(text) == cell_len(text)


@pytest.mark.parametrize("ending", ["\x80\xa0", "\u200b\xa0", "\u0301\u2003", "\u200d "])
def test_a_cell_ending_in_a_character_of_no_width_and_a_space_is_left_to_rich(ending: str) -> None:
    # rich drops the space that ends a cell as wide as its column ("chapter": 7) after a character of no width;
    # the plain writer kept it (Hypothesis: a chapter title '000000\x80\xa0' at width 42)
    reports = [
        FileReport(
            file="", kind="profile", chapters=[("", "000000" + ending)], status={"": "ok"}, findings=[], labels={}
        )
    ]
    blocks = text_blocks(reports, strict=False)
    assert plain_text(blocks, 42) is None
    assert "000000" in rich_text(blocks, color=False, width=42)
