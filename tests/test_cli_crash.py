"""A crash (an exception no command turned into a message) exits 70 and says it is a bug in opsplan.

70 is ``EX_SOFTWARE`` of sysexits.h, apart from 1 (findings, off track) and 2 (bad input or usage), so a CI script
tells a bug in opsplan from findings. No traceback unless ``--debug`` or ``OPSPLAN_DEBUG`` asks for one; the exit
code is the same either way. Each case forces an exception into a command with ``monkeypatch``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from opsplan import __version__
from opsplan.cli import app
from opsplan.cli_help_texts import WORDS
from opsplan.cli_run import CRASHED, ISSUES, SAID
from opsplan.errors import InputError
from opsplan.i18n import EN, LANGS, ZH, say_in
from tests.conftest import MINIMAL_PROFILE, RENDERABLE_PROFILE


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom\nin two lines")


def _crash_message(lang: str) -> str:
    # the error's text on one line: "boom in two lines"
    return say_in(
        lang, SAID, "crashed", kind="RuntimeError", error="boom in two lines", version=__version__, url=ISSUES
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_crash_in_render_exits_70_with_a_bug_report_message(runner, write, monkeypatch, lang):
    monkeypatch.setattr("opsplan.render.run.render_paths", _boom)
    profile = write("shop.yaml", RENDERABLE_PROFILE)
    result = runner.invoke(app, ["render", str(profile), "-o", str(profile.parent / "out"), "--lang", lang])
    assert result.exit_code == CRASHED == 70
    assert result.stderr == _crash_message(lang) + "\n"
    assert "Traceback" not in result.output
    first = result.stderr.splitlines()[0]
    assert first == (
        "internal error: RuntimeError: boom in two lines" if lang == EN else "内部错误：RuntimeError: boom in two lines"
    )
    assert "https://github.com/opsplan/opsplan/issues" in result.stderr and __version__ in result.stderr
    assert not (profile.parent / "out").exists()


def test_a_crash_in_a_command_without_a_handler_of_its_own(runner, monkeypatch):
    class Broken(dict[str, tuple[str, str]]):  # the kinds' descriptions, broken: presets reads them outside cli_run.run
        def items(self):
            raise KeyError("custom")

    monkeypatch.setattr("opsplan.kinds.KIND_DESCRIPTIONS", Broken())
    result = runner.invoke(app, ["presets"], env={"OPSPLAN_LANG": "zh-CN"})
    assert result.exit_code == 70
    assert result.stderr.splitlines()[0] == "内部错误：KeyError: 'custom'"


def test_an_opsplan_error_outside_a_handler_is_still_bad_input(runner, monkeypatch):
    class Refusing(dict[str, tuple[str, str]]):
        def items(self):
            raise InputError("kinds.yaml: no such file")

    monkeypatch.setattr("opsplan.kinds.KIND_DESCRIPTIONS", Refusing())
    result = runner.invoke(app, ["presets"])
    assert (result.exit_code, result.stderr) == (2, "error: kinds.yaml: no such file\n")


@pytest.mark.parametrize("args, env", [(["--debug"], {}), ([], {"OPSPLAN_DEBUG": "1"})])
def test_debug_adds_the_traceback_and_keeps_the_exit_code(runner, write, monkeypatch, args, env):
    monkeypatch.setattr("opsplan.check.run.check_paths", _boom)
    profile = write("shop.yaml", MINIMAL_PROFILE)
    result = runner.invoke(app, [*args, "check", str(profile)], env=env)
    assert result.exit_code == 70
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.endswith(_crash_message(EN) + "\n")


@pytest.mark.parametrize("value", ["0", "", "no"])
def test_opsplan_debug_set_to_no_shows_no_traceback(runner, monkeypatch, value):
    monkeypatch.setattr("opsplan.check.run.check_paths", _boom)
    result = runner.invoke(app, ["check", "x.yaml"], env={"OPSPLAN_DEBUG": value})
    assert (result.exit_code, result.stderr) == (70, _crash_message(EN) + "\n")


def test_debug_on_bad_input_shows_the_traceback_with_exit_2(runner, tmp_path):
    result = runner.invoke(app, ["--debug", "render", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Traceback") and result.stderr.endswith("missing.yaml: no such file\n")


def test_usage_errors_and_findings_keep_their_codes(runner, write):
    profile = write("shop.yaml", MINIMAL_PROFILE)  # its kind needs chapters it lacks: check finds errors
    assert runner.invoke(app, ["check", str(profile)]).exit_code == 1
    assert runner.invoke(app, ["render", "--jobs", "0", str(profile)]).exit_code == 2
    assert runner.invoke(app, ["nosuchcommand"]).exit_code == 2
    assert runner.invoke(app, ["presets"]).exit_code == 0


# A real process: the console script's main, with the library function broken as above
_DRIVER = """
import sys
import opsplan.render.run

def boom(*args, **kwargs):
    raise RuntimeError("boom")

opsplan.render.run.render_paths = boom
sys.argv = ["opsplan", *sys.argv[1:]]
from opsplan._entry import main
main()
"""


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_a_crash_in_a_real_process_exits_70(tmp_path: Path, lang: str) -> None:
    profile = tmp_path / "shop.yaml"
    profile.write_text(RENDERABLE_PROFILE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _DRIVER, "render", str(profile), "-o", str(tmp_path / "out")],
        capture_output=True, text=True, encoding="utf-8", env={"PATH": "/usr/bin:/bin", "OPSPLAN_LANG": lang},
        timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 70, done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    expected = say_in(lang, SAID, "crashed", kind="RuntimeError", error="boom", version=__version__, url=ISSUES)
    assert done.stderr == expected + "\n"
    assert (lang == ZH) == done.stderr.startswith("内部错误：")


@pytest.mark.parametrize("lang", LANGS)
def test_the_help_lists_exit_codes_70_and_72(runner, lang):
    page = runner.invoke(app, ["--help", "--lang", lang]).output.splitlines()
    heading = page.index(say_in(lang, WORDS, "heading.exit"))
    codes = [line.split()[0] for line in page[heading + 1 :] if line.startswith("  ") and not line.startswith("   ")]
    assert codes == ["0", "1", "2", "70", "72", "130/143/129"]
    assert any(line.split(maxsplit=1) == ["70", say_in(lang, WORDS, "exit.70")] for line in page)
