"""Every message catalogue holds each message in both languages, and no message is written as a bare literal.

The catalogues are found in the source (``NAME: Catalogue = …``), so a new one is walked without being listed
here. The second test reads the source of every module: a call that raises an error, makes a finding or prints
to the user must not pass English text written in place; such text goes in a catalogue. The few errors in
``INTERNAL`` report a programming mistake, never a user's input, and stay in English.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from opsplan.i18n import placeholders

SOURCE = Path(__file__).resolve().parents[1] / "src" / "opsplan"
_DECLARED = re.compile(r"^(\w+): Catalogue = ", re.M)


def _catalogues() -> dict[str, dict[str, tuple[str, str]]]:
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        names = _DECLARED.findall(path.read_text(encoding="utf-8"))
        if names:
            module = importlib.import_module(".".join(("opsplan", *path.relative_to(SOURCE).with_suffix("").parts)))
            found |= {f"{module.__name__}.{name}": getattr(module, name) for name in names}
    return found


CATALOGUES = _catalogues()


def test_the_catalogues_are_found():
    names = {name.rsplit(".", 1)[-1] for name in CATALOGUES}
    assert {"LOAD", "PROFILE", "IO", "MESSAGES", "ENGINE", "TITLES", "RENDER", "TRACK", "PREVIEW"} <= names
    assert {"HELP", "WORDS", "USAGE", "SAID"} <= names  # --help and its words, usage errors, the error: prefix


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_every_message_has_both_languages_with_the_same_placeholders(name):
    for key, (en, zh) in CATALOGUES[name].items():
        assert en.strip() and zh.strip(), f"{name}[{key!r}] lacks a language"
        assert placeholders(en) == placeholders(zh), f"{name}[{key!r}]: placeholders differ"
        if en == zh:
            assert zh.isascii(), f"{name}[{key!r}]: the same text in both languages, and not code"
            continue  # code or a name, the same in both (--reference-pptx)
        words = re.sub(r"\{[^{}]*\}", "", zh)
        if re.search(r"[A-Za-z]", words) and not re.search(r"[\u4e00-\u9fff]", words):
            raise AssertionError(f"{name}[{key!r}]: the Chinese text {zh!r} has no Chinese")


# calls whose text reaches the user: errors, findings, what the CLI prints
_ERRORS = {
    "InputError", "OutputError", "OpsplanError", "ProfileError", "PlanError", "TemplateError", "RenderError",
    "RefusedError", "UsageError", "ConversionError", "LayoutError", "SecurityError", "ChartsUnavailable",
    "ToolMissing", "ValueError", "BadParameter",
}  # fmt: skip
_SAYING = {"finding", "Finding", "EngineFinding", "Problem", "echo", "print"}
_WORDS = re.compile(r"[A-Za-z]{3,}[^{}]*\s[A-Za-z]{2,}")  # two English words, not a format like '{a}: {b}'
INTERNAL = {
    ("fileio.py", "write_set writes into one folder"),
    ("plan/base.py", "unknown horizon "),
    ("render/docx_package.py", "a chart image is not a PNG"),
    ("render/docx_package.py", ": the body could not be placed in the document"),
    ("render/docx_prepared.py", ": larger than a frame part may be"),
    ("render/filters.py", "chapter number  is outside 1–99"),
}


def _literal(node: ast.expr) -> str | None:
    """Return the words written in place in ``node`` (a string, an f-string, a sum of them), if any."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(p.value for p in node.values if isinstance(p, ast.Constant) and isinstance(p.value, str))
    elif isinstance(node, ast.BinOp):
        return _literal(node.left) or _literal(node.right)
    else:
        return None
    return text if _WORDS.search(text) else None


def _said_in_place(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in _ERRORS or name in _SAYING:
            for argument in [*node.args, *(k.value for k in node.keywords if k.arg in (None, "message", "hint"))]:
                text = _literal(argument)
                if text is not None:
                    found.append((node.lineno, text))
    return found


def test_no_message_is_written_in_place():
    said = [
        f"{path.relative_to(SOURCE)}:{line}: {text!r}"
        for path in sorted(SOURCE.rglob("*.py"))
        for line, text in _said_in_place(path)
        if (path.relative_to(SOURCE).as_posix(), text) not in INTERNAL
    ]
    assert not said, "English written in place; put it in a catalogue:\n" + "\n".join(said)


def test_the_scan_sees_a_message_written_in_place(tmp_path):
    path = tmp_path / "sample.py"
    path.write_text('raise InputError(f"{path}: no such file")\nraise InputError(iomsg("in.no_file", path=p))\n')
    assert _said_in_place(path) == [(1, ": no such file")]


# Chinese has no space between Chinese words, nor beside full-width punctuation; a space between Chinese and
# Latin letters or digits is this project's style (任务 id, 35 天) and stays.
_HAN = "\u4e00-\u9fff"
_FULL_WIDTH = "，。；：！？、（）“”「」【】《》"
# (a number with a Chinese unit is spaced as a number: 50万 这样的数字)
_STRAY_SPACE = re.compile(
    f"(?<![0-9])[{_HAN}] +[{_HAN}]|[{_HAN}{_FULL_WIDTH}] +[{_FULL_WIDTH}]|[{_FULL_WIDTH}] +[{_HAN}]"
)


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_no_stray_space_in_chinese(name):
    for key, (_en, zh) in CATALOGUES[name].items():
        found = _STRAY_SPACE.search(zh)
        assert found is None, f"{name}[{key!r}]: stray space in {zh[max(0, found.start() - 10) : found.end() + 10]!r}"


@pytest.mark.parametrize(
    ("key", "params", "said"),
    [
        # a value that ends with full-width punctuation or Chinese: the template's space beside it goes
        ("OPS801", {"name": "风险 R20（主播跳槽）"}, "风险 R20（主播跳槽）没有负责人"),
        ("OPS801", {"name": "主播跳槽"}, "主播跳槽没有负责人"),
        # a value that ends with Latin letters or digits keeps it
        ("OPS801", {"name": "风险 R20"}, "风险 R20 没有负责人"),
    ],
)
def test_a_space_beside_a_chinese_value_is_dropped(key, params, said):
    from opsplan.check.messages_numbers import NUMBER_RULES as NUMBERS
    from opsplan.i18n import say_in

    assert say_in("zh-CN", NUMBERS, key, **params) == said
    assert say_in("en", NUMBERS, key, **params) == f"{params['name']} has no owner"  # English as written


@pytest.mark.parametrize(("what", "said"), [("what.yaml", "不是 YAML 文件"), ("what.document", "不是方案文档")])
def test_a_file_kind_is_spaced_as_chinese_spaces_it(what, said):
    from opsplan.i18n import say_in
    from opsplan.io_messages import IO

    assert say_in("zh-CN", IO, "in.folder", path="x", what=say_in("zh-CN", IO, what)).endswith(said)
