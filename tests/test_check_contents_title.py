"""A chapter titled 目录 or Contents is a chapter: the profile's check and the plan document's check agree.

The table of contents is the heading opsplan writes unnumbered after the title page (and, in a hand-written plan, an
unnumbered heading or a line of its own before the chapters). A chapter of that title (a chapter of the profile's
own, or one of the kind's renamed by ``sections.<key>.title``) is numbered like every chapter (十五、目录, 15 Contents):
its text, lists and sections are the chapter's, and two of them are two chapters of one title (OPS303, OPS301).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypedDict

import pytest

from opsplan.check.docread import read_markdown
from opsplan.check.heading_numbers import is_contents_title
from opsplan.cli import app
from tests._check_helpers import line_of

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class _Words(TypedDict):
    title: str
    items: tuple[str, str]
    text: str
    heading: str


WORDS: dict[str, _Words] = {
    "zh-CN": {"title": "目录", "items": ("玫瑰礼盒", "百合花束"), "text": "本章列出主推的花束。", "heading": "十五、目录"},
    "en": {"title": "Contents", "items": ("Rose box", "Lily bouquet"), "text": "The bouquets we lead with.", "heading": "15 Contents"},
}  # fmt: skip


def _profile(tmp_path: Path, locale: str, sections: str) -> Path:
    """The flowers example in ``locale`` with ``sections`` (YAML under ``sections:``) added at its end."""
    text = (EXAMPLES / f"douyin-flowers.{locale}.yaml").read_text(encoding="utf-8")
    path = tmp_path / f"shop.{locale}.yaml"
    path.write_text(text.rstrip("\n") + "\n" + sections, encoding="utf-8")
    return path


def _findings(runner, path: Path) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(app, ["--lang", "en", "check", "--format", "json", str(path)])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def _own_chapter(locale: str, title: str, body_first: str) -> str:
    words = WORDS[locale]
    first, second = words["items"]
    return (
        f"  catalogue:\n    title: {title}\n    after: outcomes\n    body: |\n      {body_first}\n\n"
        f"      - {first}\n      - {second}\n\n      ### {words['title']}\n\n      {words['text']}\n"
    )


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_a_chapter_titled_contents_passes_both_checks_as_a_chapter(tmp_path, runner, locale):
    words = WORDS[locale]
    path = _profile(tmp_path, locale, _own_chapter(locale, words["title"], words["text"]))
    rendered = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "out"), "-f", "md,docx"])
    assert rendered.exit_code == 0, rendered.output  # render refuses a profile its check fails
    markdown = (tmp_path / "out" / f"{path.stem}.md").read_text(encoding="utf-8")
    assert f"\n## {words['heading']}\n" in markdown and f"\n- {words['heading']}\n" in markdown  # body, contents
    assert _findings(runner, path) == (0, [])
    for suffix in (".md", ".docx"):  # the lists and the section of that chapter are its own, not contents entries
        assert _findings(runner, tmp_path / "out" / f"{path.stem}{suffix}") == (0, []), suffix


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_a_line_reading_contents_inside_a_chapter_is_text(tmp_path, runner, locale):
    words = WORDS[locale]
    title = "主推商品" if locale == "zh-CN" else "Lead products"
    path = _profile(tmp_path, locale, _own_chapter(locale, title, words["title"]))
    rendered = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "out"), "-f", "md,docx"])
    assert rendered.exit_code == 0, rendered.output
    for suffix in (".md", ".docx"):
        assert _findings(runner, tmp_path / "out" / f"{path.stem}{suffix}") == (0, []), suffix


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_two_chapters_titled_contents_are_two_chapters_of_one_title_in_both_checks(tmp_path, runner, locale):
    words = WORDS[locale]
    first, second = words["items"]
    sections = (
        f"  cat1:\n    title: {words['title']}\n    after: outcomes\n    body: {first}\n"
        f"  cat2:\n    title: {words['title']}\n    after: cat1\n    body: {second}\n"
    )
    path = _profile(tmp_path, locale, sections)
    code, found = _findings(runner, path)
    assert code == 1
    text = path.read_text(encoding="utf-8")
    line = line_of(text, "  cat2:") + 1
    assert [(f["rule"], f["line"], f["field"]) for f in found] == [("OPS303", line, "sections.cat2.title")]
    rendered = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "out"), "-f", "md,docx", "--draft"])
    assert rendered.exit_code == 0, rendered.output
    for suffix in (".md", ".docx"):
        code, found = _findings(runner, tmp_path / "out" / f"{path.stem}{suffix}")
        assert (code, [f["rule"] for f in found]) == (1, ["OPS301"]), suffix
        assert f"chapter title '{'十六、' if locale == 'zh-CN' else '16 '}{words['title']}'" in str(found[0]["message"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("目录", True),
        ("目 錄", True),
        ("Contents", True),
        ("十五、目录", False),
        ("15 Contents", False),
        ("1.2 目次", False),
    ],
)
def test_a_numbered_heading_is_no_table_of_contents(text, expected):
    assert is_contents_title(text) is expected


def test_a_hand_written_contents_before_the_chapters_is_still_read(write):
    text = (
        "# 方案\n\n目录\n\n- 一、背景\n- 二、目标\n\n## 一、背景\n\n正文。\n\n## 二、目标\n\n正文。\n\n目录\n\n- 甲\n"
    )
    document = read_markdown(write("plan.md", text))
    assert [entry.text for entry in document.contents] == ["一、背景", "二、目标"]
    assert [h.text for h in document.headings] == ["方案", "目录", "一、背景", "二、目标"]
    assert [item.text for item in document.list_items] == ["甲"]  # the second 目录 is a line of the chapter
