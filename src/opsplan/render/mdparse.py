"""Parse the Markdown subset opsplan renders into a small block tree (the DOCX writer's input).

The subset is the contract in the team notes: one ``# title`` followed by an ``opsplan:meta`` comment,
a ``## 目录``/``## Contents`` heading with a bullet list of the chapter titles, ``##``–``####`` headings,
paragraphs, ``- `` and ``1. `` lists, GFM pipe tables (one marked as the Gantt chart by an
``<!-- opsplan:gantt -->`` line before it), ``**bold**`` and fenced code blocks. Anything else is kept
as paragraph text, so nothing a template writes is lost. The parser makes one pass over the lines and
one pass over each line's characters: its time is linear in the size of the text.
"""

from __future__ import annotations

import re

from opsplan.render.mdblocks import (
    Block,
    BulletList,
    CodeBlock,
    Heading,
    Inline,
    ListItem,
    Meta,
    NumberedList,
    Paragraph,
    Run,
    Table,
    Title,
    Toc,
)
from opsplan.render.mdinline import inline_text, parse_inline

CONTENTS_TITLES = frozenset({"目录", "目 录", "Contents", "Table of contents", "Table of Contents"})

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)")
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+(.*)$")
_NUMBERED = re.compile(r"^([ \t]*)(\d{1,9})[.)][ \t]+(.*)$")
_TITLE_PAGE_END = "<!-- opsplan:end-title-page -->"
_COMMENT = re.compile(r"^<!--\s*+opsplan:([\w-]++)(.*?)-->\s*$")
_SEPARATOR_CELL = re.compile(r"^\s*(:?)-{1,}(:?)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?(.*)$")


class _State:
    """Where the parser is: its lines, the next one's index, the blocks so far and a Gantt comment's attributes."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.pos = 0
        self.gantt_pending = False
        self.gantt: tuple[tuple[str, str], ...] = ()
        self.blocks: list[Block] = []


def _unescaped(value: str) -> str:
    """Return ``value`` with its character references (``&quot;``) replaced, as ``html.unescape`` does.

    ``html`` is imported only for a value holding one: importing it (and its table of entities) was 1.5 ms of
    a cold render, whose comments hold none unless a name has ``&``, ``"`` or ``--``.
    """
    if "&" not in value:
        return value
    import html

    return html.unescape(value)


def split_lines(text: str) -> list[str]:
    r"""Split ``text`` into lines as the parser numbers them (``\n``, ``\r\n`` or ``\r`` ends a line)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_markdown(text: str) -> list[Block]:
    """Parse ``text`` (the contract's Markdown subset) into a list of blocks, in order."""
    return _mark_toc(parse_blocks(text))


def parse_blocks(text: str) -> list[Block]:
    """Parse ``text`` into blocks without picking out the contents list (``opsplan check`` finds it itself)."""
    state = _State(split_lines(text))
    lines = state.lines
    while state.pos < len(lines):
        line = lines[state.pos]
        stripped = line.strip()
        if not stripped:
            state.pos += 1
            continue
        if _parse_special(state, line, stripped):
            continue
        if _RULE.match(line):
            state.pos += 1
            continue
        if stripped.startswith("|") and _is_separator(lines, state.pos + 1):
            _parse_table(state)
            continue
        if _BULLET.match(line) or _NUMBERED.match(line):
            _parse_list(state)
            continue
        _parse_paragraph(state)
    return state.blocks


def _parse_special(state: _State, line: str, stripped: str) -> bool:
    """Comments, fences, headings and quotes; return True when the line was consumed."""
    comment = _COMMENT.match(stripped)
    if comment:
        name, rest = comment.group(1), comment.group(2)
        if name == "meta":
            state.blocks.append(Meta({k: _unescaped(v) for k, v in attributes(rest)}))
        elif name == "gantt":
            state.gantt_pending = True
            state.gantt = tuple((k, _unescaped(v)) for k, v in attributes(rest))
        elif name == "title-page":  # the title page's lines: the DOCX draws its own from the plan's data
            end = next((i for i in range(state.pos + 1, len(state.lines)) if _TITLE_PAGE_END in state.lines[i]), None)
            state.pos = end if end is not None else state.pos
        state.pos += 1
        return True
    if stripped.startswith("<!--"):  # a comment, to the line that closes it
        closed = "-->" in stripped[4:]
        state.pos += 1
        while not closed and state.pos < len(state.lines):
            closed = "-->" in state.lines[state.pos]
            state.pos += 1
        return True
    fence = _FENCE.match(line)
    if fence:
        _parse_fence(state, fence.group(1), fence.group(2))
        return True
    heading = atx_heading(line)
    if heading:
        level, text = heading[0], _plain(heading[1])
        line_number = state.pos + 1
        state.blocks.append(Title(text, line_number) if level == 1 else Heading(level, text, line_number))
        state.pos += 1
        return True
    if _QUOTE.match(line):
        start = state.pos + 1
        parts: list[str] = []
        while state.pos < len(state.lines):
            quoted = _QUOTE.match(state.lines[state.pos])
            if not quoted:
                break
            parts.append(quoted.group(1).strip())
            state.pos += 1
        state.blocks.append(Paragraph(parse_inline(_join(parts)), quote=True, line=start, end=state.pos + 1))
        return True
    return False


def atx_heading(line: str) -> tuple[int, str] | None:
    """Return the level and raw text of a ``#`` heading line (``## 一、背景 ##`` → 2, ``一、背景``), else None.

    Up to three spaces may come before the marks, a space or tab must follow them, and a closing run of
    ``#`` counts only after a space. Written with string methods: linear in the line, where a regular
    expression for the same rule backtracks on long runs of spaces.
    """
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3:
        return None
    marks = len(stripped) - len(stripped.lstrip("#"))
    rest = stripped[marks:]
    if not 1 <= marks <= 6 or rest[:1] not in (" ", "\t"):
        return None
    text = rest.strip(" \t")
    unclosed = text.rstrip("#")
    if unclosed != text and (not unclosed or unclosed[-1] in " \t"):
        text = unclosed.rstrip(" \t")
    return marks, text


def attributes(text: str) -> list[tuple[str, str]]:
    """Return the ``name="value"`` pairs in ``text`` in order (values still HTML-escaped).

    Splits at the quotes once instead of searching with a pattern, which would rescan the rest of the
    text from every unclosed ``name="``: linear in the text.
    """
    pairs: list[tuple[str, str]] = []
    pieces = text.split('"')
    for index in range(0, len(pieces) - 1, 2):
        before = pieces[index]
        if not before.endswith("="):
            continue
        start = end = len(before) - 1
        while start > 0 and (before[start - 1].isalnum() or before[start - 1] in "_-"):
            start -= 1
        if start < end:
            pairs.append((before[start:end], pieces[index + 1]))
    return pairs


def _parse_fence(state: _State, marker: str, lang: str) -> None:
    body: list[str] = []
    start = state.pos + 1
    state.pos += 1
    closing = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}\s*$")
    while state.pos < len(state.lines) and not closing.match(state.lines[state.pos]):
        body.append(state.lines[state.pos])
        state.pos += 1
    state.pos += 1  # the closing fence (or past the end)
    state.blocks.append(CodeBlock(lang.lower(), "\n".join(body), start))


def _is_separator(lines: list[str], index: int) -> bool:
    if index >= len(lines):
        return False
    cells = split_row(lines[index])
    return bool(cells) and all(_SEPARATOR_CELL.match(c) for c in cells)


def split_row(line: str) -> list[str]:
    r"""Split a pipe-table row into raw cell texts, honouring ``\|`` escapes."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    if "\\|" not in text:  # no escaped pipes (most rows): every ``|`` separates cells
        return [cell.strip() for cell in text.split("|")]
    cells: list[str] = []
    current: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] == "|":
            current.append("|")
            i += 2
            continue
        if ch == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    cells.append("".join(current).strip())
    return cells


def _parse_table(state: _State) -> None:
    lines = state.lines
    start = state.pos + 1
    header = split_row(lines[state.pos])
    aligns = tuple(_align(c) for c in split_row(lines[state.pos + 1]))
    state.pos += 2
    width = len(header)
    rows: list[tuple[Inline, ...]] = []
    parsed: dict[str, Inline] = {}  # cells repeat (a Gantt chart is mostly empty and shaded cells)
    while state.pos < len(lines) and lines[state.pos].strip().startswith("|"):
        cells = split_row(lines[state.pos])[:width]
        cells += [""] * (width - len(cells))
        row = []
        for cell in cells:
            runs = parsed.get(cell)
            if runs is None:
                runs = parsed[cell] = parse_inline(cell)
            row.append(runs)
        rows.append(tuple(row))
        state.pos += 1
    aligns = (aligns + ("",) * width)[:width]
    state.blocks.append(
        Table(
            tuple(parse_inline(c) for c in header),
            tuple(rows),
            aligns,
            is_gantt=state.gantt_pending,
            line=start,
            gantt=state.gantt if state.gantt_pending else (),
        )
    )
    state.gantt_pending = False


def _align(cell: str) -> str:
    match = _SEPARATOR_CELL.match(cell)
    if not match or not (match.group(1) or match.group(2)):
        return ""  # no alignment given
    left, right = bool(match.group(1)), bool(match.group(2))
    return "center" if left and right else "right" if right else "left"


def _parse_list(state: _State) -> None:
    lines = state.lines
    numbered = _NUMBERED.match(lines[state.pos]) is not None and _BULLET.match(lines[state.pos]) is None
    pattern = _NUMBERED if numbered else _BULLET
    start = int(_NUMBERED.match(lines[state.pos]).group(2)) if numbered else 1  # type: ignore[union-attr]
    items: list[tuple[int, list[str], int]] = []  # (nesting, text lines, line number)
    while state.pos < len(lines):
        line = lines[state.pos]
        if not line.strip():
            break
        match = pattern.match(line)
        other = (_BULLET if numbered else _NUMBERED).match(line)
        if match:
            indent = len(match.group(1).expandtabs(4))
            items.append((indent // 2, [match.group(match.lastindex or 2).strip()], state.pos + 1))
        elif other and other.group(1):
            indent = len(other.group(1).expandtabs(4))
            items.append((indent // 2, [other.group(other.lastindex or 2).strip()], state.pos + 1))
        elif line[:1] in (" ", "\t") and items:
            items[-1][1].append(line.strip())
        else:
            break
        state.pos += 1
    built = tuple(ListItem(parse_inline(_join(parts)), min(level, 2), line) for level, parts, line in items)
    state.blocks.append(NumberedList(built, start) if numbered else BulletList(built))


def _starts_block(line: str) -> bool:
    stripped = line.strip()
    return (
        not stripped
        or stripped.startswith(("|", "<!--"))
        or bool(atx_heading(line) or _FENCE.match(line) or _BULLET.match(line) or _NUMBERED.match(line))
        or bool(_QUOTE.match(line) or _RULE.match(line))
    )


def _parse_paragraph(state: _State) -> None:
    start = state.pos + 1
    parts = [state.lines[state.pos].strip()]
    state.pos += 1
    while state.pos < len(state.lines) and not _starts_block(state.lines[state.pos]):
        parts.append(state.lines[state.pos].strip())
        state.pos += 1
    state.blocks.append(Paragraph(parse_inline(_join(parts)), line=start, end=state.pos + 1))


def _is_wide(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"


def _join(parts: list[str]) -> str:
    """Join soft-wrapped lines: a space between Latin words, nothing next to Chinese characters."""
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if out and not (_is_wide(out[-1][-1]) or _is_wide(part[0])):
            out.append(" ")
        out.append(part)
    return "".join(out)


def _plain(text: str) -> str:
    return inline_text(parse_inline(text))


def _mark_toc(blocks: list[Block]) -> list[Block]:
    """Replace the first contents heading and the bullet list after it by a ``Toc`` block."""
    for index, block in enumerate(blocks):
        if isinstance(block, Heading) and block.level == 2 and block.text.strip() in CONTENTS_TITLES:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            items: tuple[str, ...] = ()
            end = index + 1
            if isinstance(following, BulletList):
                items = tuple(inline_text(item.runs) for item in following.items)
                end += 1
            return [*blocks[:index], Toc(block.text.strip(), items), *blocks[end:]]
        if isinstance(block, Heading):
            break
    return blocks


# the blocks (mdblocks) and the inline parser (mdinline) are re-exported: the DOCX writer imports them from here
__all__ = [
    "Block",
    "BulletList",
    "CodeBlock",
    "Heading",
    "Inline",
    "ListItem",
    "Meta",
    "NumberedList",
    "Paragraph",
    "Run",
    "Table",
    "Title",
    "Toc",
    "attributes",
    "atx_heading",
    "inline_text",
    "parse_blocks",
    "parse_inline",
    "parse_markdown",
    "split_lines",
    "split_row",
]
