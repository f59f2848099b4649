"""The console script's fast reading of ``render`` and ``check`` (``cli_fast``) says what typer says, or leaves it.

Its option table is compared with the click parameters of the typer commands, so that an option added to one and
not the other fails here; a corpus of command lines is read both ways: what the fast path reads equals the
parameters typer would call the command with, and every line typer refuses (or answers with help) goes to typer.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Any

import pytest
import typer

from opsplan import cli_actions, cli_fast
from opsplan.cli import app
from opsplan.cli_fast import COMMANDS, ROOT, Line, Option, read_line
from opsplan.cli_usage import UsageError

GROUP = typer.main.get_command(app)


def _click_command(name: str) -> Any:
    return GROUP.get_command(GROUP.make_context("opsplan", [name]), name)  # type: ignore[attr-defined]


def _reader_of(param: Any) -> str | None:
    """Return the name of the fast reader that reads what ``param``'s click type reads."""
    if getattr(param, "is_flag", False):
        return None
    if getattr(param.callback, "__name__", "") == "read_lang":
        return "read_lang"
    kind = type(param.type).__name__
    if kind == "FuncParamType" and param.type.func.__qualname__.startswith("whole_number."):
        return "_whole"
    return {"TyperPath": "_path", "StringParamType": "_text"}[kind]


def _declared(option: Option) -> tuple[Any, ...]:
    reader = None if option.read is None else option.read.__qualname__.split(".")[0]
    default = option.read(option.default) if option.read and option.default is not None else option.default
    return option.opts, option.off, reader, option.multiple, option.envvar, default


def _click_declared(param: Any) -> tuple[Any, ...]:
    opts = (*param.opts, *param.secondary_opts)
    on, off = tuple(param.opts), tuple(param.secondary_opts)
    assert len(set(opts)) == len(opts)
    return on, off, _reader_of(param), param.multiple, param.envvar, param.default


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_option_table_is_the_typer_commands(name: str) -> None:
    command = _click_command(name)
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    assert [(p.name, p.nargs, p.required, _reader_of(p)) for p in arguments] == [
        (COMMANDS[name].argument, -1, True, "_path")
    ]
    options = {p.name: _click_declared(p) for p in command.params if p.param_type_name == "option"}
    assert {o.name: _declared(o) for o in COMMANDS[name].options} == options


def test_the_root_options_are_typers_but_version() -> None:
    options = {p.name: _click_declared(p) for p in GROUP.params if p.name != "version"}
    assert {o.name: _declared(o) for o in ROOT} == options
    assert [p.opts for p in GROUP.params if p.name == "version"] == [["--version"]]  # not read: goes to typer


def test_the_flag_words_are_clicks() -> None:
    from typer._click.types import BoolParamType

    assert BoolParamType.bool_states == cli_fast.FLAG_WORDS


# ---- the corpus


def by_typer(args: list[str]) -> tuple[str, dict[str, Any], bool, str | None] | None:
    """Return what typer calls the command's body with for ``args``, or None when it refuses them or shows help."""
    try:
        root = GROUP.make_context("opsplan", list(args))
        rest = [*root._protected_args, *root.args]
        if not rest:
            return None
        name, command, rest = GROUP.resolve_command(root, rest)  # type: ignore[attr-defined]
        sub = command.make_context(name, rest, parent=root)
    except (UsageError, typer.Exit):
        return None
    called: dict[str, Any] = {}
    body = getattr(cli_actions, name)
    setattr(cli_actions, name, lambda **params: called.update(params))
    try:
        sub.command.invoke(sub)  # the typer command, which hands its parameters to the body in cli_actions
    finally:
        setattr(cli_actions, name, body)
    return name, called, root.params["debug"], root.params["lang"]


def by_fast(args: list[str]) -> tuple[str, dict[str, Any], bool, str | None] | None:
    """Return what the fast path calls the command's body with, a check's paths as typer's Paths of them.

    The fast path gives ``check`` its paths as typed (``cli_fast._path_text``), which ``check.run.check_file``
    reads as the Paths typer makes of them (``test_a_path_is_read_as_pathlib_reads_it``).
    """
    line = read_line(args)
    assert line is None or (isinstance(line, Line) and line.args == args)
    if line is None:
        return None
    params = dict(line.params)
    if line.command == "check":
        assert all(type(path) is str for path in params["paths"])
        params["paths"] = [Path(path) for path in params["paths"]]
    return line.command, params, line.debug, line.lang


ROOTS = [
    [], ["--debug"], ["--lang", "zh"], ["--lang=en-US", "--debug"], ["--debug", "--lang", "ZH-cn"],
    ["--lang", "fr", "--lang", "en"],  # the last one counts
]  # fmt: skip
RENDER_OPTIONS = [
    [], ["-f", "md"], ["-fmd"], ["--format=md,docx,json"], ["--format", " md , pdf "], ["-f=md"], ["-o", "build"],
    ["--out=build"], ["-obuild"], ["-j", "2"], ["-j2"], ["--jobs=64"], ["--jobs", " 3 "], ["-j", "+1"], ["-j", "1_0"],
    ["-j", "３"], ["--toc-depth", "3"], ["--toc-depth=-1"], ["--templates", "tpl"], ["--reference-docx", "ref.docx"],
    ["--reference-pptx=ref.pptx"], ["--charts"], ["--force"], ["--summary"], ["--draft"], ["--allow-extends-outside"],
    ["--page-numbers"], ["--no-page-numbers"], ["--page-numbers", "--no-page-numbers"], ["--lang", "zh"],
    ["--lang=en"], ["-f", "md", "-f", "docx"], ["-f", "--force"], ["-o", "--"], ["-f", "--help"], ["-o", "-"],
    ["--lang", "xx", "--lang", "zh"], ["-j", "0", "-j", "2"], ["-f", ""], ["--out="],
]  # fmt: skip
CHECK_OPTIONS = [
    [], ["--strict"], ["--format", "json"], ["--format=github"], ["--ignore", "OPS101"], ["--ignore=OPS101,OPS102"],
    ["--ignore", "OPS101", "--ignore", "OPS2"], ["--allow-extends-outside"], ["--lang", "en"], ["--format", "-"],
    ["--ignore", ""], ["--format="], ["--strict", "--strict"],
]  # fmt: skip
PATHS = [["shop.yaml"], ["a.yaml", "b.docx"], ["--", "-odd.yaml"], ["plan.md", "--", "--force"], ["-"], ["", "tpl"]]
# lines typer refuses, or answers with help or the version: the fast path must leave every one to typer
REFUSED = [
    ["render"], ["check"], ["render", "--force"], ["render", "x.yaml", "--help"], ["check", "--help", "x.yaml"],
    ["render", "-h", "x.yaml"], ["render", "x.yaml", "--formt", "md"], ["render", "x.yaml", "-f"],
    ["render", "x.yaml", "--format"], ["render", "x.yaml", "-j", "0"], ["render", "x.yaml", "-j", "65"],
    ["render", "x.yaml", "-jx"], ["render", "x.yaml", "--jobs="], ["render", "x.yaml", "--toc-depth", "two"],
    ["render", "x.yaml", "--lang", "fr"], ["render", "x.yaml", "--lang="], ["render", "x.yaml", "--force=1"],
    ["render", "x.yaml", "--no-force"], ["render", "x.yaml", "-x"], ["render", "x.yaml", "-fx", "-q"],
    ["render", "x.yaml", "--debug"], ["render", "x.yaml", "--page-numbers=yes"], ["render", "x.yaml", "--="],
    ["render", "x.yaml", "-5"], ["check", "x.yaml", "-f", "json"], ["check", "x.yaml", "--ignore"],
    ["check", "x.yaml", "--strict=no"], ["check", "x.yaml", "--version"], ["--version", "render", "x.yaml"],
    ["--help", "check", "x.yaml"], ["--lang", "fr", "check", "x.yaml"], ["--lang"], ["--debug"], [],
    ["--verbose", "render", "x.yaml"], ["-d", "render", "x.yaml"], ["--debug=1", "render", "x.yaml"],
    ["rendr", "x.yaml"], ["Render", "x.yaml"], ["--lang", "render", "x.yaml"], ["", "render", "x.yaml"],
]  # fmt: skip


def _corpus() -> list[list[str]]:
    lines = []
    for root, (command, options), paths in itertools.product(
        ROOTS, [("render", o) for o in RENDER_OPTIONS] + [("check", o) for o in CHECK_OPTIONS], PATHS
    ):
        if paths[0] == "--" or "--" in paths:
            lines.append([*root, command, *options, *paths])
        else:  # options before the paths, after them, and between
            lines.append([*root, command, *options, *paths])
            lines.append([*root, command, *paths, *options])
            lines.append([*root, command, paths[0], *options, *paths[1:]])
    return lines


CORPUS = _corpus()


def test_the_corpus_is_read_as_typer_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tpl").mkdir()
    (tmp_path / "shop.yaml").write_text("plan: {}\n", encoding="utf-8")  # an existing path as well as missing ones
    assert len(CORPUS) > 2000
    for args in CORPUS:
        typer_read = by_typer(args)
        assert typer_read is not None, args  # every line of the corpus is one typer runs
        assert by_fast(args) == typer_read, args


@pytest.mark.parametrize("args", REFUSED, ids=" ".join)
def test_a_line_typer_refuses_goes_to_typer(args: list[str]) -> None:
    assert by_typer(args) is None
    assert by_fast(args) is None


def test_a_line_only_typer_reads_goes_to_typer() -> None:
    args = ["--", "render", "x.yaml"]  # click reads a command after a root --: left to typer
    assert by_typer(args) is not None and by_fast(args) is None


@pytest.mark.parametrize(
    ("value", "read"),
    [("yes", True), (" ON ", True), ("1", True), ("0", False), ("off", False), ("", None), (" ", False)],
)
def test_page_numbers_from_the_environment(value: str, read: bool | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPSPLAN_PAGE_NUMBERS", value)
    for args, expected in [([], read), (["--no-page-numbers"], False), (["--page-numbers"], True)]:
        fast = by_fast(["render", "x.yaml", *args])
        assert fast == by_typer(["render", "x.yaml", *args])
        assert fast is not None and fast[1]["page_numbers"] is expected


def test_a_flag_word_click_refuses_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPSPLAN_PAGE_NUMBERS", "maybe")
    assert by_typer(["render", "x.yaml"]) is None and by_fast(["render", "x.yaml"]) is None
    assert by_fast(["render", "x.yaml", "--page-numbers"]) == by_typer(["render", "x.yaml", "--page-numbers"])


@pytest.mark.parametrize("args", [["render", "shop.yaml"], ["render", "x.yaml", "-o", "shop.yaml"]])
def test_an_unreadable_path_goes_to_typer(args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shop.yaml").write_text("plan: {}\n", encoding="utf-8")
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: real(path, mode) and Path(path).name != "shop.yaml")
    assert by_typer(args) is None and by_fast(args) is None


def test_an_unreadable_working_folder_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: real(path, mode) and str(path) != ".")
    assert by_typer(["render", "x.yaml"]) is None and by_fast(["render", "x.yaml"]) is None  # -o's default is .
    assert by_fast(["check", "x.yaml"]) == by_typer(["check", "x.yaml"]) is not None


@pytest.mark.parametrize("name", ["OPSPLAN_NO_FAST_CLI", "_OPSPLAN_COMPLETE"])
def test_the_environment_can_send_every_line_to_typer(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert by_fast(["render", "x.yaml"]) is not None
    monkeypatch.setenv(name, "1")
    assert by_fast(["render", "x.yaml"]) is None
    monkeypatch.setenv(name, "")
    assert by_fast(["render", "x.yaml"]) is not None
