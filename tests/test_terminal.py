"""The terminal: a full, closed, non-UTF-8 or abandoned stdout ends quietly with the right exit code, and
profile text that looks like rich markup is printed as written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests._hardening_helpers import HANG_LIMIT
from tests.conftest import MINIMAL_PROFILE

# a check of MINIMAL_PROFILE finds errors (its kind needs chapters it lacks): exit 1, a long report
FINDINGS = 1


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "shop.yaml"
    path.write_text(MINIMAL_PROFILE.replace("title: 测试方案", 'title: "[/bold] 方案 [red]x"'), encoding="utf-8")
    return path


def opsplan(args: list[str], *, shell_tail: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m opsplan ARGS`` through the shell, with ``shell_tail`` (a redirection or pipe) after it."""
    command = " ".join(f"'{a}'" for a in [sys.executable, "-m", "opsplan", *args]) + " " + shell_tail
    environ = {**os.environ, "COLUMNS": "120", **env}
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, encoding="utf-8",
        errors="replace", env=environ, timeout=HANG_LIMIT, check=False,
    )  # fmt: skip


def test_a_full_stdout_is_an_error_with_exit_2(profile: Path) -> None:
    done = opsplan(["check", str(profile)], shell_tail=">/dev/full")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.endswith("error: cannot write to standard output (the disk is full); "
                                "the output is incomplete\n")  # fmt: skip


# /dev/full refuses every write with ENOSPC: the message in the language of messages, whichever way it is chosen
LOST = {
    "en": "error: cannot write to standard output (the disk is full); the output is incomplete\n",
    "zh-CN": "错误：无法写入标准输出（磁盘已满）；输出不完整\n",
}


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("args", [["--version"], ["--help"], ["presets"]])
def test_a_full_stdout_for_the_short_commands(args: list[str], lang: str) -> None:
    done = opsplan(args, shell_tail=">/dev/full", OPSPLAN_LANG=lang)
    assert done.returncode == 2 and done.stderr == LOST[lang]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_full_stdout_follows_lang_on_the_command_line(profile: Path, lang: str) -> None:
    done = opsplan(["presets", "--lang", lang], shell_tail=">/dev/full", OPSPLAN_LANG="en", LANG="zh_CN.UTF-8")
    assert done.returncode == 2 and done.stderr == LOST[lang]
    done = opsplan(["presets"], shell_tail=">/dev/full", OPSPLAN_LANG="", LANG="zh_CN.UTF-8" if lang != "en" else "C")
    assert done.returncode == 2 and done.stderr == LOST[lang]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("tail", ["| head -c 1", "| true", ">&-"])
def test_a_broken_or_closed_stdout_says_nothing_in_either_language(profile: Path, tail: str, lang: str) -> None:
    many = [str(profile)] * 30  # more findings than a pipe holds: the reader is gone before the last write
    done = opsplan(["check", *many, "--lang", lang], shell_tail=tail)
    assert (done.returncode, done.stderr) == (FINDINGS, "")


def test_a_closed_stdout_keeps_the_exit_code_and_writes_the_files(profile: Path, tmp_path: Path) -> None:
    assert opsplan(["check", str(profile)], shell_tail=">&-").returncode == FINDINGS
    done = opsplan(["render", str(profile), "-o", str(tmp_path / "out"), "--draft"], shell_tail=">&-")
    assert done.returncode == 0 and done.stderr == ""
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["shop.docx", "shop.md"]


@pytest.mark.parametrize("args", [["check", "{profile}"], ["check", "{profile}", "--format", "json"], ["--help"]])
def test_a_reader_that_stops_early_keeps_the_exit_code(profile: Path, args: list[str]) -> None:
    expected = 0 if args == ["--help"] else FINDINGS
    done = opsplan([a.format(profile=profile) for a in args], shell_tail="| head -c 1")
    assert done.returncode == expected and done.stderr == "", done.stderr  # pipefail: opsplan's own code


def test_a_long_output_into_a_closed_pipe(profile: Path, tmp_path: Path) -> None:
    many = [str(profile)] * 30  # more than a pipe buffer of findings
    done = opsplan(["check", *many], shell_tail="| true")
    assert done.returncode == FINDINGS and done.stderr == "", done.stderr


@pytest.mark.parametrize(
    "env", [{"PYTHONIOENCODING": "latin-1"}, {"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": "C"}]
)
def test_a_terminal_that_cannot_show_chinese(profile: Path, env: dict[str, str]) -> None:
    done = opsplan(["check", str(profile)], **env)
    assert done.returncode == FINDINGS and "Traceback" not in done.stderr
    assert "OPS101" in done.stdout
    summary = opsplan(["render", str(profile), "--summary"], **env)
    assert summary.returncode == 0 and "Traceback" not in summary.stderr
    assert "方案" in summary.stdout or "\\u65b9\\u6848" in summary.stdout  # shown, or escaped where it cannot be


def test_an_error_message_on_a_latin_1_terminal(tmp_path: Path) -> None:
    done = opsplan(["check", str(tmp_path / "没有.yaml")], PYTHONIOENCODING="latin-1")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "\\u6ca1\\u6709.yaml: no such file" in done.stderr


def test_rich_markup_in_profile_text_is_printed_as_written(profile: Path, tmp_path: Path) -> None:
    summary = opsplan(["render", str(profile), "--summary"])
    assert summary.returncode == 0, summary.stderr
    assert "[/bold] 方案 [red]x — 花间" in summary.stdout
    odd = tmp_path / "[red]x" / "[bold]shop.yaml"
    odd.parent.mkdir()
    odd.write_text(profile.read_text(encoding="utf-8"), encoding="utf-8")
    check = opsplan(["check", str(odd)])
    assert check.returncode == FINDINGS and "Traceback" not in check.stderr
    assert f"{odd}  (profile)" in check.stdout and f"completeness: {odd}" in check.stdout


def test_a_closed_stdin_is_read_as_empty(tmp_path: Path) -> None:
    done = opsplan(["new", str(tmp_path / "shop.yaml")], shell_tail="<&-")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert (tmp_path / "shop.yaml").read_text(encoding="utf-8").startswith("#")
