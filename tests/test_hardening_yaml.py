"""Class 1: YAML resource attacks end in one clear message, in seconds and under 1 GiB."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from opsplan import yamlread
from opsplan.errors import InputError
from opsplan.load import load_profile
from opsplan.yamlread import MAX_BYTES, MAX_DEPTH, MAX_NODES, MAX_SCALAR_CHARS, parse
from tests._hardening_helpers import assert_clean_failure, run_cli, run_load
from tests.conftest import MINIMAL_PROFILE, RENDERABLE_PROFILE


def billion_laughs(levels: int = 10, width: int = 10) -> str:
    """The classic bomb: each level lists ``width`` aliases of the one before; 10**10 strings in all."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def wide_bomb_under_valid_field() -> str:
    """A valid profile whose shop.advantages list repeats a 1,000-item anchor 1,000 times (10**6 values)."""
    anchor = "x_items: &many [" + ", ".join(["好"] * 1000) + "]\n"
    text = MINIMAL_PROFILE.replace(
        "  platform: douyin", "  platform: douyin\n  advantages: [" + ", ".join(["*many"] * 1000) + "]"
    )
    return anchor + text


# name -> (file text builder, expected message fragment)
HOSTILE: dict[str, tuple[Callable[[], str], str]] = {
    "billion-laughs": (billion_laughs, "aliases expand the document to more than 200,000 values"),
    "wide-bomb-under-valid-field": (wide_bomb_under_valid_field, "aliases expand the document to more than"),
    "deep-flow-sequence": (lambda: "version: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested more than 64 levels"),
    "deep-flow-mapping": (lambda: "version: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n", "nested more than 64"),
    "deep-block": (
        lambda: "version:\n" + "".join("  " * i + "-\n" for i in range(1, 400)),
        "nested more than 64 levels",
    ),
    "recursive-alias": (lambda: "version: 1\nshop: &s {name: x, more: *s}\n", "alias *s is used inside its own anchor"),
    "too-many-values": (lambda: "version:\n" + "- 1\n" * (MAX_NODES + 10), "the document has more than 200,000 values"),
    "too-large-file": (lambda: "version: 1\n" + "# padding\n" * (MAX_BYTES // 10 + 10), "profiles are limited to"),
    "very-long-string": (
        lambda: MINIMAL_PROFILE.replace("name: 花间", "name: " + "长" * 1_000_000),
        "a value of 1,000,000 characters is too long",
    ),
    "long-quoted-string": (lambda: "version: '" + "x" * 3_000_000 + "'\n", "characters is too long"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_yaml_fails_cleanly_in_a_limited_process(tmp_path: Path, name: str) -> None:
    build, message = HOSTILE[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(build(), encoding="utf-8")
    outcome = run_load(path)
    assert_clean_failure(outcome, message)
    assert str(path) in outcome.stderr  # the message names the file


def test_bomb_message_points_at_the_alias_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(billion_laughs(), encoding="utf-8")
    # Values read (a list counts itself and its items; aliases count all they expand to):
    # a0 = 1 + 10 = 11, a(i) = 1 + 10 * a(i-1): a1 = 111, a2 = 1,111, a3 = 11,111, a4 = 111,111.
    # Root 1 + a0..a4 = 123,456, a5's list 1 more, and its first *a4 brings 234,568 > 200,000.
    # a5 is on line 6; its first alias at column 1 + len("a5: &a5 [") = 10.
    with pytest.raises(InputError, match=r"bomb.yaml:6:10: aliases expand"):
        load_profile(path)


def test_depth_limit_is_exact() -> None:
    # MAX_DEPTH collections nest fine; one more is refused at its opening bracket (column 10 + 64 = 74).
    ok = "version: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert parse(ok, "f.yaml").data["version"] is not None
    deep = "version: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    with pytest.raises(InputError, match=r"^f.yaml:1:74: nested more than 64 levels deep$"):
        parse(deep, "f.yaml")


def test_aliases_cannot_nest_past_the_depth_limit() -> None:
    # 40 levels inside an anchor, used 40 levels deep: 80 levels once expanded.
    inner = "[" * 40 + "]" * 40
    outer = "[" * 40 + "*a" + "]" * 40
    with pytest.raises(InputError, match="nested more than 64 levels deep"):
        parse(f"a: &a {inner}\nb: {outer}\n", "f.yaml")


def test_scalar_limit_is_exact() -> None:
    assert len(parse("a: " + "x" * MAX_SCALAR_CHARS, "f").data["a"]) == MAX_SCALAR_CHARS
    with pytest.raises(InputError, match=r"f:1:4: a value of 200,001 characters is too long"):
        parse("a: " + "x" * (MAX_SCALAR_CHARS + 1), "f")


def test_small_aliases_still_work() -> None:
    data = parse("a: &t [x, y]\nb: *t\nc: &n 3\nd: *n\n", "f").data
    assert data == {"a": ["x", "y"], "b": ["x", "y"], "c": "3", "d": "3"}


def test_undefined_alias_and_second_document_are_named() -> None:
    with pytest.raises(InputError, match=r"^f:1:4: alias \*x names no anchor"):
        parse("a: *x\n", "f")
    with pytest.raises(InputError, match=r"^f:2:1: a second YAML document \(---\) starts here"):
        parse("a: 1\n---\nb: 2\n", "f")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_pipe_or_device_is_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # reading it would block forever
    assert_clean_failure(run_load(fifo), "is not a regular file")
    if Path("/dev/zero").exists():  # reading it would never end
        assert_clean_failure(run_load(Path("/dev/zero")), "is not a regular file")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder, not a YAML file"):
        load_profile(tmp_path)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a\x00b.yaml", "a file name cannot hold a NUL character"),
        ("x" * 300 + ".yaml", "cannot be read (File name too long)"),
        ("missing.yaml", "missing.yaml: no such file"),
        ("loop.yaml", "cannot be read"),
    ],
)
def test_odd_paths_are_input_errors(tmp_path: Path, name: str, message: str) -> None:
    if name == "loop.yaml":
        (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    with pytest.raises(InputError, match=re.escape(message)):
        load_profile(tmp_path / name)


@pytest.mark.parametrize("text", [MINIMAL_PROFILE, billion_laughs(3, 3), "a: &x {b: [1, ~, '', \"q\"]}\nc: *x\n"])
def test_the_pure_python_parser_gives_the_same_result(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    fast = parse(text, "f")
    monkeypatch.setattr(yamlread, "_Loader", yaml.SafeLoader)  # used where libyaml is missing
    slow = parse(text, "f")
    assert slow.data == fast.data
    assert slow.values == fast.values and slow.keys == fast.keys


def test_the_pure_python_parser_keeps_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlread, "_Loader", yaml.SafeLoader)
    with pytest.raises(InputError, match="aliases expand the document"):
        parse(billion_laughs(), "f")
    with pytest.raises(InputError, match="nested more than 64 levels"):
        parse("a: " + "[" * 5000 + "]" * 5000, "f")


# ---- the same resource attacks on the other inputs: DOCX plans (opsplan check) and --reference-docx


def docx_bomb(path: Path, source: Path, megabytes: int = 1100) -> None:
    """Copy the DOCX ``source`` to ``path`` with ``megabytes`` MiB of blanks inside word/document.xml.

    Deflate packs them about 200:1, so the file stays near 5 MB.
    """
    import zipfile

    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename != "word/document.xml":
                out.writestr(item, data)
                continue
            head, tail = data.split(b"<w:body>", 1)
            entry = zipfile.ZipInfo("word/document.xml")
            entry.compress_type = zipfile.ZIP_DEFLATED
            with out.open(entry, "w", force_zip64=True) as handle:
                handle.write(head + b"<w:body>")
                blank = b" " * (1 << 20)
                for _ in range(megabytes):
                    handle.write(blank)
                handle.write(tail)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 5 MB DOCX that unpacks to 1.1 GiB, built once for the module."""
    from opsplan.render.docx import build_docx

    folder = tmp_path_factory.mktemp("bomb")
    plain = folder / "plain.docx"
    plain.write_bytes(build_docx("# T\n\n## 1 A\n\ntext\n"))
    path = folder / "bomb.docx"
    docx_bomb(path, plain)
    assert path.stat().st_size < 20 * 1024 * 1024  # small on disk
    return path


@pytest.mark.slow
def test_open_package_refuses_the_bomb_and_passes_a_plain_docx(bomb: Path, tmp_path: Path) -> None:
    from opsplan.safeio import open_package

    # 1,100 MiB of blanks alone is 1,153,433,600 bytes, over the 268,435,456 (256 MiB) limit
    with pytest.raises(InputError, match=r"bomb.docx: unpacks to 1,15\d,\d{3},\d{3} bytes, over the 268,435,456"):
        open_package(bomb)
    assert "word/document.xml" in open_package(bomb.parent / "plain.docx").names  # a normal DOCX passes
    (tmp_path / "not.docx").write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"not\.docx: not a readable DOCX file"):
        open_package(tmp_path / "not.docx")


@pytest.mark.slow
def test_a_docx_zip_bomb_is_refused_by_check(bomb: Path) -> None:
    assert_clean_failure(run_cli("check", str(bomb)), "bomb.docx")


@pytest.mark.slow
def test_a_docx_zip_bomb_as_reference_docx_is_refused(tmp_path: Path, bomb: Path) -> None:
    profile = tmp_path / "shop.yaml"
    profile.write_text(RENDERABLE_PROFILE, encoding="utf-8")
    outcome = run_cli("render", str(profile), "-f", "docx", "-o", str(tmp_path / "out"), "--reference-docx", str(bomb))
    assert_clean_failure(outcome, "bomb.docx")
    assert "allocate" not in outcome.stderr  # refused up front, not after trying to unpack 1.1 GiB


def test_aliases_copy_values_and_their_locations() -> None:
    document = parse("a: &x {b: 1, c: [2, 3]}\nd: *x\nk: &k key\n*k : 4\n", "f.yaml")
    assert document.data == {"a": {"b": "1", "c": ["2", "3"]}, "d": {"b": "1", "c": ["2", "3"]}, "k": "key",
                             "key": "4"}  # fmt: skip
    assert document.data["d"] is not document.data["a"]  # a copy: merging one never changes the other
    assert (document.values[("d", "c", 1)].line, document.values[("d", "c", 1)].column) == (1, 21)  # the anchor's
    assert (document.keys[("key",)].line, document.keys[("key",)].column) == (4, 1)  # where the alias key is


def test_a_plain_double_angle_value_is_text_but_a_merge_key_is_refused() -> None:
    assert parse("a: <<\n", "f.yaml").data == {"a": "<<"}
    with pytest.raises(InputError, match=r"f.yaml:3:3: merge keys \(<<\) are not supported"):
        parse("base: &b {x: 1}\nc:\n  <<: *b\n", "f.yaml")


def test_the_first_problem_in_reading_order_is_reported() -> None:
    text = "goals: 1\nshop: 2\ngoals: 3\nbroken: [\n"
    with pytest.raises(InputError, match=r"f.yaml:3:1: duplicate key 'goals' \(first on line 1\)"):
        parse(text, "f.yaml")
