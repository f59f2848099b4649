"""Profile text is escaped for where it lands: the plan keeps exactly the structure its templates wrote.

Every prose field of a full profile is filled with Markdown that would open a code block, a heading, a
list, a quote, a rule, a table column, emphasis, a link or raw HTML. The Markdown (read by the renderer's
parser), the DOCX and ``opsplan check``'s reading of both must have the same headings, tables and code
blocks as the same plan with harmless text, and the text must read back as written.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from opsplan.check.docread import read_markdown
from opsplan.check.docxread import read_docx
from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.render.docx import build_docx
from opsplan.render.environment import finalize
from opsplan.render.markdown import render_markdown
from opsplan.render.markup import cell, code_span, escape_inline
from opsplan.render.mdparse import CodeBlock, Heading, Table, inline_text, parse_inline, parse_markdown
from tests._docx_helpers import docx_headings, open_docx

REPO = Path(__file__).resolve().parents[1]
HOSTILE = [
    "```",
    "~~~ x",
    "（九）x",
    "# x",
    "1. x",
    "2) x",
    "> x",
    "- x",
    "+ x",
    "a | b",
    "| a |",
    "---",
    "===",
    "**x",
    "*x*",
    "_x_",
    "`x`",
    "<b>x</b>",
    "[x](http://example.com)",
    "&copy;",
    "x\\",
    "x\n# y\n\n```",
]
Render = Callable[[str, list[str]], tuple[str, bytes]]
STRUCTURAL_KEYS = frozenset(
    {
        "id",
        "after",
        "metric",
        "category",
        "kpis",
        "cadence",
        "type",
        "locale",
        "currency",
        "kind",
        "platform",
        "unit",
        "version",
        "extends",
        "start",
        "end",
        "on",
        "before",
        "horizon",
    }
)


def fill_prose(node: Any, texts: list[str], key: str | None = None) -> Any:
    """Replace every prose string under ``node`` by the next of ``texts`` (cycling), keeping structural values."""
    if isinstance(node, dict):
        return {k: fill_prose(v, texts, k) for k, v in node.items()}
    if isinstance(node, list):
        return [fill_prose(v, texts, key) for v in node]
    if isinstance(node, str) and key not in STRUCTURAL_KEYS:
        text = texts.pop(0)
        texts.append(text)
        return text
    return node


@pytest.fixture(scope="module")
def render(tmp_path_factory: pytest.TempPathFactory) -> Render:
    """Render ``example`` with its prose replaced by ``texts``: (Markdown, DOCX), made once per module for each pair."""
    made: dict[tuple[str, tuple[str, ...]], tuple[str, bytes]] = {}
    folder = tmp_path_factory.mktemp("escaping")

    def _render(example: str, texts: list[str]) -> tuple[str, bytes]:
        key = (example, tuple(texts))
        if key not in made:
            made[key] = _render_once(folder / str(len(made)), example, texts)
        return made[key]

    return _render


def _render_once(folder: Path, example: str, texts: list[str]) -> tuple[str, bytes]:
    data = yaml.safe_load((REPO / "examples" / f"{example}.yaml").read_text(encoding="utf-8"))
    data.setdefault("sections", {}).setdefault("goals", {})["intro"] = "x"
    data = fill_prose(data, list(texts))
    folder.mkdir()
    path = folder / f"{len(texts)}-{example}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    markdown = render_markdown(build_plan(load_profile(path)))
    return markdown, build_docx(markdown)


def structure(markdown: str) -> list[tuple[str, int]]:
    """Headings (level), tables (columns, rows) and code blocks of the renderer's reading of the Markdown."""
    shape: list[tuple[str, int]] = []
    for block in parse_markdown(markdown):
        if isinstance(block, Heading):
            shape.append(("heading", block.level))
        elif isinstance(block, Table):
            shape.append(("table", len(block.header)))
            shape.append(("rows", len(block.rows)))
            assert all(len(row) == len(block.header) for row in block.rows)
        elif isinstance(block, CodeBlock):
            shape.append(("code", len(block.text.splitlines())))
    return shape


@pytest.mark.parametrize("example", ["douyin-flowers.zh-CN", "livestream-store.en"])
def test_hostile_prose_keeps_the_structure_the_templates_wrote(tmp_path: Path, render: Render, example: str) -> None:
    plain_md, plain_docx = render(example, [f"text{i}" for i in range(len(HOSTILE))])
    hostile_md, hostile_docx = render(example, HOSTILE)
    assert structure(hostile_md) == structure(plain_md)
    # the DOCX: the same Heading 1–3 paragraphs, and no code paragraph other than what the plan had
    plain_doc, hostile_doc = open_docx(plain_docx), open_docx(hostile_docx)
    assert [level for level, _ in docx_headings(hostile_doc)] == [level for level, _ in docx_headings(plain_doc)]

    def code_paragraphs(doc: Any) -> int:
        return sum(1 for p in doc.paragraphs if p.style is not None and p.style.style_id == "OpsplanCode")

    assert code_paragraphs(hostile_doc) == code_paragraphs(plain_doc)
    if example.endswith(".en"):
        return  # see the next test
    # opsplan check reads the same headings from the Markdown
    (tmp_path / "plain.md").write_text(plain_md, encoding="utf-8")
    (tmp_path / "hostile.md").write_text(hostile_md, encoding="utf-8")
    plain_levels = [h.level for h in read_markdown(tmp_path / "plain.md").headings]
    assert [h.level for h in read_markdown(tmp_path / "hostile.md").headings] == plain_levels


@pytest.mark.parametrize("example", ["douyin-flowers.zh-CN", "livestream-store.en"])
@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_check_reads_the_headings_the_templates_wrote(
    tmp_path: Path, render: Render, example: str, suffix: str
) -> None:
    plain_md, plain_docx = render(example, [f"text{i}" for i in range(len(HOSTILE))])
    hostile_md, hostile_docx = render(example, HOSTILE)
    reader = read_docx if suffix == ".docx" else read_markdown
    for name, md, docx in (("plain", plain_md, plain_docx), ("hostile", hostile_md, hostile_docx)):
        if suffix == ".docx":
            (tmp_path / f"{name}.docx").write_bytes(docx)
        else:
            (tmp_path / f"{name}.md").write_text(md, encoding="utf-8")
    plain_levels = [h.level for h in reader(tmp_path / f"plain{suffix}").headings]
    assert [h.level for h in reader(tmp_path / f"hostile{suffix}").headings] == plain_levels


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_reads_back_as_written(text: str) -> None:
    one_line = " ".join(text.split("\n")).replace("  ", " ")
    escaped = escape_inline(text)
    assert "\n" not in escaped
    assert inline_text(parse_inline(escaped)).split() == one_line.split()
    # at the start of a line, after a list mark and in a cell, it opens nothing
    for line in (escaped, f"- {escaped}", f"| {escaped} |\n|---|"):
        blocks = parse_markdown("para\n\n" + line)
        assert not any(isinstance(b, Heading | CodeBlock) for b in blocks), line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# x", "\\# x"),  # a heading mark
        ("1. x", "1\\. x"),  # a numbered list: the dot is escaped
        ("- x", "\\- x"),
        ("---", "\\---"),  # a rule or a setext underline
        ("-5%", "-5%"),  # a negative number stays as it is
        ("a | b", "a \\| b"),
        ("```", "\\`\\`\\`"),
        ("R&D", "R&D"),  # only what looks like an entity is escaped
        ("&copy;", "\\&copy;"),
        ("a_b *c*", "a\\_b \\*c\\*"),
        ("two\nlines", "two lines"),
    ],
)
def test_escape_inline_examples(text: str, expected: str) -> None:
    assert escape_inline(text) == expected


@pytest.mark.parametrize("lead", ["", "  ", "\t", "\u3000", " \n"])
@pytest.mark.parametrize("text", [*HOSTILE, "-5%", "R&D", "1.5 x", "x -", "plain 中文", "2026年", ""])
def test_finalize_and_cell_escape_every_value_escape_inline_would_change(lead: str, text: str) -> None:
    # finalize and cell tell the values needing no escape by one match of their own; they must never pass one
    # escape_inline changes
    value = lead + text
    assert finalize(value) == escape_inline(value)
    assert cell(value) == escape_inline(" ".join(value.split()))


def test_code_span_is_longer_than_any_backtick_run_inside() -> None:
    assert code_span("a`b") == "``a`b``"
    assert code_span("``x") == "``` ``x ```"
    assert code_span("plain") == "`plain`"


def test_markup_from_filters_is_not_escaped_twice(render: Render) -> None:
    # the cell filter's escaping reaches the Markdown once: a|b is written a\|b, never a\\\|b
    md, _ = render("douyin-flowers.zh-CN", ["a|b"])
    assert "a\\|b" in md
    assert "a\\\\\\|b" not in md
    assert io.StringIO(md).read().count("\\\\") == 0
