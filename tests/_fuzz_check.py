"""Mutated plan documents for fuzzing ``opsplan check``: the examples' Markdown and DOCX, damaged at random.

Shared by ``tests/test_check_fuzz.py`` (a few hundred cases) and ``bench/fuzz_check.py`` (10,000). A case
is built from a seeded ``random.Random``, so a failing case number reproduces.
"""

from __future__ import annotations

import io
import random
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from opsplan.check.run import check_file
from opsplan.errors import OpsplanError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# text that has broken a reader before, or could: big heading numbers, long runs, Markdown syntax, sums
PIECES = [
    "（2024）回顾", "第1000章 总结", "1000.1 结论", "## 第十十十十十十十十十章", "## （一千）", "# ", "###### x ######",
    "## 一、", "一、行业背景", "壹、行業", "1.1 ", "9.9.9 x", "（三）", "Chapter 999: x", "目录", "## 目錄", "Contents",
    "- ", "1. ", "* ", "> ", "```", "~~~", "<!--", "-->", "<!-- opsplan:meta a=\"", "| a | b |", "|---|", "|", "**",
    "\\", "\\|", "XXXXX", "待补充", "TODO", "……", "…… 3", "\t5", "占比：甲50%，乙30%。", "总预算100万元，其中甲60万元、乙50万元。",
    "| 合计 | 100% |", "| 占比 |", "，", "。", "\u2028", "\u00a0", "\ufeff", "𠀀", "😀", "\u200b", "&amp;", "<br>",
    "<h2>一、行业背景</h2>", "<h3 id=\"a\">1.1 <b>x</b></h3>", "<h2>", "</h2>",
]  # fmt: skip
_RUNS = [".", " ", "…", "-", "#", "*", "_", "|", "[", "1", "一", "%", "\t", "`"]


def _run(rng: random.Random) -> str:
    return rng.choice(_RUNS) * rng.choice([2, 100, 5_000, 50_000])


def mutate_text(text: str, rng: random.Random) -> str:
    """Apply one to five random edits to ``text``: delete, duplicate, swap, insert, cut, long runs."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 5)):
        if not lines:
            lines = [""]
        at = rng.randrange(len(lines))
        choice = rng.randrange(8)
        if choice == 0:
            del lines[at : at + rng.randint(1, 40)]
        elif choice == 1:
            lines[at:at] = lines[at : at + rng.randint(1, 20)]
        elif choice == 2:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif choice == 3:
            lines.insert(at, "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 4))))
        elif choice == 4:
            line = lines[at]
            cut = rng.randint(0, len(line))
            lines[at] = line[:cut] + rng.choice(PIECES) + line[cut:]
        elif choice == 5:
            lines = lines[: at + 1]  # the plan cut off
        elif choice == 6:
            lines.insert(at, _run(rng))
        else:
            lines[at] = lines[at][::-1]
    return "\n".join(lines)


def mutate_markdown(source: bytes, rng: random.Random) -> bytes:
    """A Markdown example mutated as text, sometimes with a few bytes flipped afterwards."""
    data = mutate_text(source.decode("utf-8"), rng).encode("utf-8")
    if rng.random() < 0.1 and data:
        raw = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        data = bytes(raw)
    return data


def mutate_docx(source: bytes, rng: random.Random) -> bytes:
    """A DOCX example with paragraphs edited, its styles XML mutated as text, or its ZIP bytes damaged.

    Most cases edit whole paragraphs and the text inside ``w:t`` elements, so the XML stays well-formed
    and the case reaches the rules; one in five damages the package or the styles part instead.
    """
    choice = rng.randrange(10)
    if choice == 0:  # truncated or with flipped bytes
        raw = bytearray(source[: rng.randint(0, len(source))] if rng.random() < 0.5 else source)
        for _ in range(rng.randint(0, 8)):
            if raw:
                raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in original.infolist():
            content = original.read(info.filename)
            if info.filename == "word/styles.xml" and choice == 1:
                content = mutate_text(content.decode("utf-8"), rng).encode("utf-8")
            elif info.filename == "word/document.xml" and choice > 1:
                content = _mutate_paragraphs(content.decode("utf-8"), rng).encode("utf-8")
            target.writestr(info.filename, content, compresslevel=1)
    return out.getvalue()


_STRUCTURE = ("<w:tbl", "</w:tbl>", "<w:tr", "</w:tr>", "<w:tc", "</w:tc>", "<w:sdt", "</w:sdt>")


def _mutate_paragraphs(xml: str, rng: random.Random) -> str:
    """Delete, repeat, swap or cut whole ``w:p`` paragraphs, or put hostile text inside a ``w:t``.

    Only chunks that are one whole paragraph move, and the document is cut only outside tables and
    content controls, so the XML stays well-formed.
    """
    head, _, rest = xml.partition("<w:body>")
    chunks = [chunk + "</w:p>" for chunk in rest.split("</w:p>")]
    tail = chunks.pop()[: -len("</w:p>")]
    for _ in range(rng.randint(1, 6)):
        movable = [i for i, c in enumerate(chunks) if c.lstrip().startswith("<w:p") and not _has_structure(c)]
        if not movable:
            break
        at = rng.choice(movable)
        choice = rng.randrange(5)
        if choice == 0:
            del chunks[at]
        elif choice == 1:
            chunks.insert(at, chunks[at])
        elif choice == 2:
            other = rng.choice(movable)
            chunks[at], chunks[other] = chunks[other], chunks[at]
        elif choice == 3:
            depth, cuts = 0, []
            for index, chunk in enumerate(chunks):
                depth += sum(chunk.count(t) for t in ("<w:tbl>", "<w:tbl ", "<w:sdt>", "<w:sdt "))
                depth -= sum(chunk.count(t) for t in ("</w:tbl>", "</w:sdt>"))
                cuts += [index + 1] if depth == 0 else []
            del chunks[rng.choice(cuts) :]  # the plan cut off
        else:
            text = _escape(rng.choice(PIECES) if rng.random() < 0.7 else _run(rng))
            opening = chunks[at].rfind("<w:t")
            close = chunks[at].find(">", opening)
            if opening >= 0 and close > 0:
                chunks[at] = chunks[at][: close + 1] + text + chunks[at][close + 1 :]
    body = "".join(chunks)
    cells = body.split("<w:tc>")
    for _ in range(rng.randint(0, 6) if len(cells) > 1 else 0):  # cells merged down, or merged wrongly
        at = rng.randrange(1, len(cells))
        cells[at] = rng.choice(_MERGES) + cells[at]
    return head + "<w:body>" + "<w:tc>".join(cells) + tail


_MERGES = ("<w:tcPr><w:vMerge/></w:tcPr>", "<w:tcPr><w:vMerge w:val='restart'/></w:tcPr>",
           "<w:tcPr><w:vMerge w:val='x'/><w:gridSpan w:val='3'/></w:tcPr>")  # fmt: skip


def _has_structure(chunk: str) -> bool:
    return any(tag in chunk for tag in _STRUCTURE)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


SOURCES: list[tuple[str, Callable[[bytes, random.Random], bytes]]] = [(".md", mutate_markdown), (".docx", mutate_docx)]


@dataclass
class Outcome:
    """What checking one case did: ``findings`` (exit 0 or 1), ``refused`` (a clean error) or ``crash``."""

    kind: str
    seconds: float
    detail: str = ""


def run_case(number: int, folder: Path, seed: int = 0) -> tuple[str, Outcome]:
    """Build case ``number`` (a mutated example), check it in this process and say how it ended."""
    rng = random.Random(f"{seed}-{number}")
    suffix, mutate = SOURCES[number % len(SOURCES)]
    examples = sorted(EXAMPLES.glob(f"*{suffix}"))
    source = rng.choice(examples)
    path = folder / f"case{number}{suffix}"
    path.write_bytes(mutate(source.read_bytes(), rng))
    started = time.perf_counter()
    try:
        check_file(path)
        outcome = Outcome("findings", 0.0)
    except OpsplanError as error:
        outcome = Outcome("refused", 0.0, str(error)[:200])
    except Exception:  # any other exception is what the fuzzer looks for
        outcome = Outcome("crash", 0.0, traceback.format_exc())
    outcome.seconds = time.perf_counter() - started
    path.unlink()
    return f"{source.name} case {number}", outcome
