"""The regular expressions the wheel ships compiled (opsplan.retable): the same patterns as re's, or re compiles."""

from __future__ import annotations

import importlib.util
import json
import marshal
import os
import re
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from re import _compiler  # type: ignore[attr-defined]
from types import ModuleType
from typing import Any

import pytest

from opsplan import retable

REPO = Path(__file__).resolve().parents[1]
# the table is used on CPython 3.11 only (3.12's re looks up another cache first): elsewhere re compiles as before
USED_HERE = pytest.mark.skipif(not retable.supported(), reason="opsplan.retable is used on CPython 3.11 only")
EXAMPLES = REPO / "examples"
SAMPLE = "\n".join(  # short: Jinja's lexer patterns (``(.*?)…``) take time growing with its square
    [
        (EXAMPLES / "douyin-flowers.en.md").read_text(encoding="utf-8")[:800],
        (EXAMPLES / "douyin-flowers.zh-CN.md").read_text(encoding="utf-8")[:800],
        (EXAMPLES / "douyin-flowers.zh-CN.yaml").read_text(encoding="utf-8")[:800],
        "2027-01-05T10:00:00Z 3.5e-2 0x1F true Null ~ <w:p w:rsid='1'>x</w:p> ${goals.short.gmv} ___ ＿＿＿ İK",
        "第一章 概述 1.2 目标 （三）预算 ¥12,000 45% CNY 3,000 total Total 合计 http://a.example/x?y=1 a@b.cn",
    ]
)


def generator() -> ModuleType:
    """The script that records the list (``scripts/retable_patterns.py``), imported from its file."""
    spec = importlib.util.spec_from_file_location("retable_patterns", REPO / "scripts" / "retable_patterns.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def table_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The table as the wheel's build hook writes it."""
    folder = tmp_path_factory.mktemp("prepared")
    (path,) = retable.write_table(folder)
    return path


@pytest.fixture
def own_cache() -> Iterator[None]:
    """Start the test on a plain ``dict`` cache, as a process starts, and give ``re`` back its own cache afterwards.

    A test before it may have run the console script's ``main`` in this process, which in a wheel install (as CI
    installs opsplan) put the shipped table in ``re._cache`` for the rest of the process.
    """
    cache = re._cache  # type: ignore[attr-defined]
    re._cache = dict(cache)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        re._cache = cache  # type: ignore[attr-defined]


def _table(path: Path) -> retable.PatternTable:
    tables = retable.read_table(str(path))
    assert tables is not None, "the table just written was not read"
    return retable.PatternTable({}, tables)


def _matches(pattern: re.Pattern[Any], text: str) -> list[Any]:
    subject: str | bytes = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
    return [(m.span(), m.groups()) for m in pattern.finditer(subject)]


def test_every_listed_pattern_is_built_as_re_compiles_it(table_file: Path) -> None:
    table = _table(table_file)
    listed = retable.listed_patterns()
    assert len(listed) > 300 and len(set(listed)) == len(listed)
    assert any(isinstance(pattern, bytes) for pattern, _ in listed)
    built_count = 0
    for pattern, flags in listed:
        compiled = _compiler.compile(pattern, flags)
        try:
            built = table[type(pattern), pattern, flags]
        except KeyError:  # left out: it warns (or fails) when compiled, which re must still do
            assert retable.compiled_entry(pattern, flags) is None
            continue
        built_count += 1
        assert built == compiled, pattern
        assert (built.flags, built.groups, built.groupindex) == (compiled.flags, compiled.groups, compiled.groupindex)
        assert built.pattern is pattern
        assert _matches(built, SAMPLE) == _matches(compiled, SAMPLE), pattern
    assert built_count >= len(listed) - 5


def test_patterns_not_listed_or_asked_otherwise_are_missing(table_file: Path) -> None:
    table = _table(table_file)
    tables = table.entries
    listed = [(p, f) for p, f in retable.listed_patterns() if retable.compiled_entry(p, f) is not None]
    both = {(p.decode("latin-1") if isinstance(p, bytes) else p) for p, _ in listed if isinstance(p, bytes)}
    text, flags = next((p, f) for p, f in listed if isinstance(p, str) and p.isascii() and p not in both)
    data, data_flags = next(
        (p, f) for p, f in listed if isinstance(p, bytes) and (p.decode("latin-1"), f) not in listed
    )
    assert table[str, text, flags].pattern == text
    assert table[bytes, data, data_flags].pattern == data
    for key in [
        (str, "never(listed)+", 0),
        (bytes, text.encode(), flags),  # a str pattern asked as bytes, and the other way round
        (str, data.decode("latin-1"), data_flags),
        (str, text, flags | re.DEBUG),  # re caches no DEBUG pattern
        (str, text, True if flags == 1 else 1.0 * flags),  # flags that are no int: re's own error, or result
        (type("Text", (str,), {}), text, flags),
        (str, text),
        "not a key",
    ]:
        with pytest.raises(KeyError):  # a table of its own: one that built the pattern keeps it, as re's cache does
            retable.PatternTable({}, tables)[key]


@USED_HERE
def test_re_uses_the_table_after_install_and_purges_and_evicts_as_before(table_file: Path, own_cache: None) -> None:
    pattern = next(p for p, f in retable.listed_patterns() if isinstance(p, str) and not f)
    re.purge()
    assert retable.install(str(table_file)) is True
    assert type(re._cache) is retable.PatternTable  # type: ignore[attr-defined]
    assert retable.install(str(table_file)) is False, "installed twice"
    compiled: list[object] = []
    compile_now = _compiler.compile

    def counted(*args: Any) -> Any:
        compiled.append(args[0])
        return compile_now(*args)

    _compiler.compile = counted
    try:
        assert re.compile(pattern) is re.compile(pattern) == compile_now(pattern, 0)
        assert compiled == []
        assert re.compile("(?P<x>not)listed") is re.compile("(?P<x>not)listed")
        assert compiled == ["(?P<x>not)listed"]
        re.purge()
        assert len(re._cache) == 0 and type(re._cache) is retable.PatternTable  # type: ignore[attr-defined]
        for n in range(re._MAXCACHE + 20):  # type: ignore[attr-defined]
            re.compile(f"x{n}")
        re.compile(pattern)
        assert len(re._cache) == re._MAXCACHE  # type: ignore[attr-defined]
        assert (str, pattern, 0) in re._cache and (str, "x0", 0) not in re._cache  # type: ignore[attr-defined]
        assert re.compile(pattern, re.RegexFlag(0)) is re.compile(pattern)
    finally:
        _compiler.compile = compile_now
    assert re.fullmatch("(?P<x>not)listed", "notlisted") is not None


def test_another_interpreter_or_a_damaged_table_leaves_re_alone(
    table_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_cache: None
) -> None:
    raw = table_file.read_bytes()
    head = raw.index(b"\n", len(retable.MAGIC) + len(retable.interpreter_key()) + 1) + 1
    damaged = {
        "cut": raw[: len(raw) // 2],
        "cut in the head": raw[: head - 3],
        "one byte": raw[:-100] + bytes([raw[-100] ^ 1]) + raw[-99:],
        "longer": raw + b"\0",
        "empty": b"",
        "other magic": raw.replace(retable.MAGIC, b"opsplan regular expressions 0\n", 1),
        "too large": raw + b"\0" * retable.MAX_BYTES,
    }
    for name, content in damaged.items():
        path = tmp_path / name
        path.write_bytes(content)
        assert retable.read_table(str(path)) is None, name
        assert retable.install(str(path)) is False, name
        assert type(re._cache) is dict, name  # type: ignore[attr-defined]
    assert retable.install(str(tmp_path / "absent")) is False
    key = retable.interpreter_key()
    for other in (key.replace(b"3.11", b"3.12", 1), key.replace(b", 4,", b", 2,", 1), key[:-2] + b"1)"):
        assert other != key
        path = tmp_path / "other"
        path.write_bytes(raw.replace(key, other, 1))  # whole, with its CRC right: another interpreter's table
        assert retable.read_table(str(path)) is None
        assert retable.install(str(path)) is False
    monkeypatch.setattr(retable, "supported", lambda: False)
    assert retable.install(str(table_file)) is False
    assert type(re._cache) is dict  # type: ignore[attr-defined]


def _rewritten(raw: bytes, change: Any) -> bytes:
    """The table with its payload changed by ``change``, its CRC made right again: damage the CRC cannot see."""
    head = raw.index(b"\n", len(retable.MAGIC) + len(retable.interpreter_key()) + 1) + 1
    payload = marshal.dumps(change(marshal.loads(raw[head:])))
    key_line = raw[: raw.index(b"\n", len(retable.MAGIC)) + 1]
    return key_line + b"%08x %x\n" % (zlib.crc32(payload), len(payload)) + payload


@pytest.mark.parametrize(
    "entry",
    [
        b"\x00garbage",
        marshal.dumps((b"\x01\x00\x00", 32, 0, {}, (None,))),  # code cut short
        marshal.dumps((b"\xff\xff\x00\x00" * 3, 32, 0, {}, (None,))),  # code _sre refuses
        marshal.dumps((b"", 32, 0, {}, (None,))),
        marshal.dumps(("text", 32)),
        marshal.dumps(None),
    ],
)
def test_an_entry_damaged_past_its_crc_is_compiled_by_re(table_file: Path, tmp_path: Path, entry: bytes) -> None:
    def spoilt(tables: Any) -> Any:
        for by_flags in tables[0].values():
            for pattern in by_flags:
                by_flags[pattern] = entry
        return tables

    path = tmp_path / "table"
    path.write_bytes(_rewritten(table_file.read_bytes(), spoilt))
    table = _table(path)
    pattern, flags = next((p, f) for p, f in retable.listed_patterns() if isinstance(p, str))
    with pytest.raises(KeyError):
        table[str, pattern, flags]
    shapes: tuple[object, ...] = ([], ({}, {}, {}), ("a", "b"))  # payloads of the wrong shape
    for shape in shapes:
        path.write_bytes(_rewritten(table_file.read_bytes(), lambda _, shape=shape: shape))
        assert retable.read_table(str(path)) is None


def test_a_pattern_that_warns_when_compiled_is_left_to_re() -> None:
    with pytest.warns(FutureWarning):
        re.compile("[[a]x")
    assert retable.compiled_entry("[[a]x", 0) is None
    assert retable.compiled_entry("[a]x", 0) is not None
    assert retable.compiled_entry("[a]x", re.DEBUG) is None
    assert retable.compiled_entry("(unclosed", 0) is None
    tables = marshal.loads(retable.table_bytes([("[[a]x", 0), ("[a]x", 0)]).split(b"\n", 3)[3])
    assert tables == ({0: {"[a]x": tables[0][0]["[a]x"]}}, {})


def test_code_is_read_the_same_in_either_byte_order() -> None:
    raw = b"".join(n.to_bytes(4, "little") for n in (0, 1, 2**32 - 1, 17, 0x12345678))
    assert retable.code_list(raw) == [0, 1, 2**32 - 1, 17, 0x12345678]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "byteorder", "big")
        assert retable.code_list(raw) == [0, 1, 2**32 - 1, 17, 0x12345678]
    with pytest.raises(ValueError):
        retable.code_list(raw[:-1])


def test_importing_opsplan_leaves_re_alone() -> None:
    script = (
        "import re, opsplan, opsplan.cli, opsplan.check.textutil, opsplan.retable, opsplan._entry; "
        "print(type(re._cache).__name__)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "dict"


# the console script's own start-up, with the table written by the test; prints what re compiled, to stderr
ENTRY = """\
import json, sys
from re import _compiler

import opsplan.retable

opsplan.retable.table_path = lambda: sys.argv.pop(1)
compiled = []
compile_now = _compiler.compile
_compiler.compile = lambda pattern, flags=0: compiled.append(pattern) or compile_now(pattern, flags)
import atexit

atexit.register(lambda: sys.stderr.write("\\n" + json.dumps([str(p) for p in compiled]) + "\\n"))
sys.argv[0] = "opsplan"
from opsplan._entry import main

main()
"""


@pytest.mark.parametrize("use_table", [True, False])
def test_the_console_script_builds_the_listed_patterns(table_file: Path, tmp_path: Path, use_table: bool) -> None:
    if use_table and not retable.supported():
        pytest.skip("opsplan.retable is used on CPython 3.11 only")
    path = str(table_file) if use_table else str(tmp_path / "absent")
    docx = str(EXAMPLES / "douyin-flowers.en.docx")
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", ENTRY, path, "check", docx], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "passed: 1 file checked" in done.stdout
    compiled = json.loads(done.stderr.strip().splitlines()[-1])
    if use_table:  # what a newer library compiles that the list lacks is compiled by re, as it should be
        listed = {str(pattern) for pattern, _ in retable.listed_patterns()}
        assert sorted(listed.intersection(compiled)) == [], "listed patterns compiled by re"
    else:
        assert len(compiled) > 15


@pytest.mark.slow
def test_the_list_has_what_our_modules_compile_in_a_check_and_a_render(tmp_path: Path) -> None:
    """Regenerate the list with ``python scripts/retable_patterns.py`` when this fails.

    As the script does, with two hash seeds: a pattern made from a set's items (``text_rules``' metric labels,
    ``tokenize``'s string prefixes) changes with the process, and is listed only when the two seeds agree.
    """
    record = generator()
    lines = [
        ["check", str(EXAMPLES / "douyin-flowers.en.docx")],
        ["check", str(EXAMPLES / "douyin-flowers.zh-CN.yaml")],
        ["render", str(EXAMPLES / "douyin-flowers.en.yaml"), "-f", "md,docx", "-o", "out"],
    ]
    runs = []
    for seed in (1, 2):
        (tmp_path / str(seed)).mkdir()
        runs.append(record.recording("-", tmp_path / str(seed), seed, lines))
    recorded = []
    for process, out in runs:
        _, errors = process.communicate()
        assert process.returncode == 0, errors.decode()
        recorded.append(
            {(kind, text, flags): module for kind, text, flags, module in json.loads(out.read_text("utf-8"))}
        )
    both = {key: module for key, module in recorded[0].items() if key in recorded[1]}
    listed = {
        (type(p).__name__, p if isinstance(p, str) else p.decode("latin-1"), f) for p, f in retable.listed_patterns()
    }
    ours = [(module, key[1][:80]) for key, module in both.items() if key not in listed and module.startswith("opsplan")]
    assert ours == [], "patterns of opsplan's modules not listed: python scripts/retable_patterns.py"
    print("not listed, of other modules:", sorted({module for key, module in both.items() if key not in listed}))
    assert len(both) > 100
