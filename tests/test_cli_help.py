"""``--help`` and usage errors in the language of messages, in our own words, laid out for an 80-column terminal.

Every expected text is built from our catalogues (``HELP``, ``WORDS``, ``USAGE``, ``SAID``), never from click's.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata

import pytest
import typer
from typer._click import Command, Context, Parameter
from typer.core import TyperGroup

from opsplan.cli import COMMANDS, app
from opsplan.cli_help_texts import HELP, WORDS
from opsplan.cli_run import SAID
from opsplan.cli_usage import USAGE
from opsplan.i18n import EN, ZH, listing, say_in, use
from opsplan.io_messages import IO

LANGS = (EN, ZH)


def _group() -> TyperGroup:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)  # the app has commands: its click command is a group
    return group


GROUP = _group()


def subcommand(name: str) -> Command:
    """The click command ``name``, as the group gives it to a command line (built the first time)."""
    found = GROUP.get_command(Context(GROUP), name)
    assert found is not None, name
    return found


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def cells(text: str) -> int:
    """Terminal cells ``text`` takes, counted here on their own: a wide (Chinese) character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def squeezed(text: str) -> str:
    """``text`` without its white space: a help text wrapped over lines is still found in the page."""
    return re.sub(r"\s+", "", text)


def parameters() -> list[tuple[str, Parameter]]:
    """(command name as ``HELP`` files it, parameter) for the root's options and every command's."""
    found = [("opsplan", param) for param in GROUP.params]
    for name in COMMANDS:
        found += [(name, param) for param in subcommand(name).params]
    return found


def name_of(param: Parameter) -> str:
    """The name of ``param`` (every option and argument of the CLI has one)."""
    assert param.name is not None
    return param.name


def help_key(command: str, name: str) -> str:
    return f"{command}.{name}" if f"{command}.{name}" in HELP else f"*.{name}"


def test_every_command_option_and_argument_has_help_and_a_value_name():
    for command, param in parameters():
        assert help_key(command, name_of(param)) in HELP, f"{command} {param.name} has no help"
        if not getattr(param, "is_flag", False):
            assert f"meta.{param.metavar}" in WORDS, f"{command} {param.name}: no name for its value"
    assert set(COMMANDS) | {"opsplan"} <= set(HELP)


def test_every_help_text_belongs_to_a_command_or_parameter():
    known = {f"{command}.{param.name}" for command, param in parameters()}
    shared = {f"*.{param.name}" for _, param in parameters()} | {"*.help"}
    for key in HELP:
        assert key in known | shared | set(COMMANDS) | {"opsplan"}, f"HELP[{key!r}] is not used"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_in_the_language_asked_for_after_help(runner, command, lang):
    args = [command] if command else []
    result = runner.invoke(app, [*args, "--help", "--lang", lang])
    assert result.exit_code == 0, result.output
    page = squeezed(result.stdout)
    other = ZH if lang == EN else EN
    key = command or "opsplan"
    assert result.stdout.startswith(say_in(lang, WORDS, "usage") + f"opsplan {command or ''}".strip())
    assert squeezed(say_in(lang, HELP, key)) in page
    assert squeezed(say_in(other, HELP, key)) not in page
    assert squeezed(say_in(lang, WORDS, "heading.options")) in page
    params = GROUP.params if command is None else subcommand(command).params
    for param in params:
        assert squeezed(say_in(lang, HELP, help_key(key, name_of(param)))) in page, param.name
    if command is None:
        for name in COMMANDS:
            assert squeezed(say_in(lang, HELP, name)) in page


RENDER_ZH = squeezed(say_in(ZH, HELP, "render"))
RENDER_EN = squeezed(say_in(EN, HELP, "render"))
NO_LOCALE = {"OPSPLAN_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        ({"OPSPLAN_LANG": "zh-CN"}, ["render", "--help"], RENDER_ZH),
        ({"OPSPLAN_LANG": "zh-CN"}, ["--lang", "en", "render", "--help"], RENDER_EN),
        ({"OPSPLAN_LANG": "zh-CN"}, ["render", "--help", "--lang=en"], RENDER_EN),
        ({}, ["--lang", "zh-CN", "render", "--help", "--lang", "en"], RENDER_EN),  # the last --lang counts
        ({**NO_LOCALE, "LANG": "zh_CN.UTF-8"}, ["render", "--help"], RENDER_ZH),
        ({**NO_LOCALE, "LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}, ["render", "--help"], RENDER_EN),
        ({**NO_LOCALE, "LC_MESSAGES": "zh_CN.UTF-8"}, ["render", "--help"], RENDER_ZH),
        (NO_LOCALE, ["render", "--help"], RENDER_EN),
        ({"OPSPLAN_LANG": "zh-CN"}, ["render", "--help", "--lang", "xx"], RENDER_ZH),  # not a language: not taken
    ],
)
def test_help_follows_lang_then_opsplan_lang_then_the_locale_then_english(runner, env, args, expected):
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert expected in squeezed(result.stdout)


def _cases(lang: str) -> list[tuple[list[str], dict[str, str], str]]:
    """(command line, environment, the message we say) for each kind of usage error."""

    def said(key: str, **params: object) -> str:
        return say_in(lang, USAGE, key, **params)

    def bad(name: str, problem: str) -> str:
        return said("bad_value", name=name, problem=problem)

    with use(lang):
        every = listing(COMMANDS)
    return [
        (["render", "x", "--zzzz"], {}, said("no_option", option="--zzzz")),
        (["render"], {}, said("missing_argument", name=say_in(lang, WORDS, "meta.profile"))),
        (["track", "shop.yaml"], {}, said("missing_argument", name=say_in(lang, WORDS, "meta.actuals"))),
        (["render", "x", "--jobs", "0"], {}, bad("--jobs", said("out_of_range", value=0, low=1, high=64))),
        (["render", "x", "-j", "many"], {}, bad("--jobs", said("whole_number", value="many"))),
        (["serve", "x", "--port", "70000"], {}, bad("--port", said("out_of_range", value=70000, low=0, high=65535))),
        (["track", "p", "a", "--tolerance", "some"], {}, bad("--tolerance", said("number", value="some"))),
        (["render", "x", "-o"], {}, said("needs_value", option="-o")),
        (["render", "x", "--force=yes"], {}, said("takes_no_value", option="--force")),
        (["presets", "extra", "words"], {}, said("extra_arguments", args="extra words")),
        (["zzz"], {}, said("no_command", name="zzz", names=every)),
        (["rendr", "x"], {}, said("no_command.like", name="rendr", names="render")),
        (["--lang", "xx", "presets"], {}, bad("--lang", say_in(lang, IO, "lang.bad", value="xx"))),
        (
            ["render", "x"],
            {"OPSPLAN_PAGE_NUMBERS": "maybe"},
            bad("--page-numbers", said("flag_value", name="OPSPLAN_PAGE_NUMBERS", value="maybe")),
        ),
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_usage_errors_are_said_in_our_words_with_exit_code_2(runner, lang):
    for args, env, message in _cases(lang):
        result = runner.invoke(app, args, env={"OPSPLAN_LANG": lang, **env})
        assert result.exit_code == 2, (args, result.output)
        lines = result.stderr.splitlines()
        assert lines[-1] == say_in(lang, SAID, "error", error=message), args
        assert lines[0].startswith(say_in(lang, WORDS, "usage") + "opsplan"), args
        command = "opsplan" if args[0] in ("zzz", "rendr", "--lang") else f"opsplan {args[0]}"
        assert lines[1] == say_in(lang, USAGE, "try", command=command), args


@pytest.mark.parametrize("lang", LANGS)
def test_an_option_given_almost_right_is_named(runner, lang):
    result = runner.invoke(app, ["render", "x", "--summry"], env={"OPSPLAN_LANG": lang})
    assert result.exit_code == 2
    before = say_in(lang, USAGE, "no_option.like", option="--summry", options="\0").split("\0")[0]
    assert say_in(lang, SAID, "error", error=before) in result.stderr
    assert "--summary" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize("lang", LANGS)
def test_root_options_without_a_command_show_the_help(runner, lang):
    result = runner.invoke(app, ["--lang", lang])
    assert result.exit_code == 2
    assert squeezed(say_in(lang, HELP, "opsplan")) in squeezed(result.stderr)


def _option_rows(page: str) -> list[str]:
    section = page.split(say_in(EN, WORDS, "heading.options"))[-1].split(say_in(ZH, WORDS, "heading.options"))[-1]
    return [line for line in section.splitlines()[1:] if line.strip()]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", ["render", "check", "track", "new"])
def test_help_fits_80_columns_with_its_help_column_aligned_and_no_word_cut(runner, command, lang):
    page = runner.invoke(app, [command, "--help", "--lang", lang]).stdout
    assert max(cells(line) for line in page.splitlines()) <= 78  # 80 columns less 2, as click leaves
    starts = set()
    for line in _option_rows(page):
        row = re.match(r"^  (-\S.*?)\s{2,}(\S.*)$", line)
        if row:  # an option and the start of its help
            starts.add(cells(line[: row.start(2)]))
        elif line.startswith(" " * 4):  # the help going on
            starts.add(len(line) - len(line.lstrip(" ")))
    assert len(starts) == 1, starts
    words = set(page.split())
    for param in subcommand(command).params:
        text = say_in(lang, HELP, help_key(command, name_of(param)))
        for word in re.findall(r"[A-Za-z0-9_./-]{3,}", text):  # Latin words, options, file types
            assert any(word in token for token in words), f"{word!r} was cut"
    assert not any(line.lstrip()[0] in "，。、；：）］" for line in page.splitlines() if line.strip())


@pytest.mark.parametrize("command", ["check", "render"])
def test_error_says_error_in_the_language_of_its_message(runner, tmp_path, command):
    from tests.conftest import REPO

    for profile, shell, lang in (
        ("douyin-flowers.zh-CN.yaml", "en_US.UTF-8", ZH),
        ("douyin-flowers.en.yaml", "zh_CN.UTF-8", EN),
    ):
        text = (REPO / "examples" / profile).read_text(encoding="utf-8")
        broken = tmp_path / profile
        broken.write_text(text.replace("\nplan:", "\nunknown_key: 1\nplan:", 1), encoding="utf-8")
        args = [command, str(broken), *(["-o", str(tmp_path / "out")] if command == "render" else [])]
        result = runner.invoke(app, args, env={**NO_LOCALE, "LANG": shell})
        assert result.exit_code == 2
        assert result.stderr.startswith(say_in(lang, SAID, "error", error=str(broken))), result.stderr


def test_a_refused_render_says_error_in_the_profiles_language(runner, tmp_path):
    skeleton = tmp_path / "shop.yaml"  # a skeleton has numbers to fill: check finds errors, render refuses
    env = {**NO_LOCALE, "LANG": "en_US.UTF-8"}
    made = runner.invoke(app, ["new", str(skeleton), "--preset", "douyin-flowers", "--locale", "zh-CN", "--no-input"])
    assert made.exit_code == 0, made.output
    result = runner.invoke(app, ["render", str(skeleton), "-o", str(tmp_path / "out")], env=env)
    assert result.exit_code == 1
    assert result.stderr.startswith(say_in(ZH, SAID, "error", error=str(skeleton))), result.stderr


def test_a_message_keeps_its_language_through_a_worker_process():
    import pickle

    from opsplan.i18n import Said

    said = pickle.loads(pickle.dumps(Said("档案有错", ZH)))
    assert (said, said.language) == ("档案有错", ZH)


def _imported(args: list[str]) -> set[str]:
    code = (
        "import sys\nfrom opsplan.cli import app\ntry:\n    app(args, prog_name='opsplan')\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)))"
    ).replace("args", repr(args))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    return set(done.stdout.split())


def test_help_imports_only_the_command_it_shows():
    root = _imported(["--help"])
    assert not {"opsplan.cli_commands", "opsplan.cli_lists", "pydantic", "jinja2"} & root
    render = _imported(["render", "--help"])
    assert "opsplan.cli_commands" in render
    assert not {"opsplan.cli_lists", "opsplan.render.run", "pydantic", "jinja2"} & render


def test_wrap_breaks_between_chinese_characters_never_inside_a_word_nor_before_closing_punctuation():
    from opsplan.terminal_text import wrap

    text = "用 LibreOffice 给 DOCX 排版（每份方案几秒钟）：目录带页码，章节另起一页。-f pdf 总是这样做。"
    for width in range(12, 60):
        lines = wrap(text, width)
        assert all(cells(line) <= width for line in lines), width
        assert squeezed("".join(lines)) == squeezed(text)
        assert all(line and line[0] not in "，。、；：）" and line[-1] != "（" for line in lines), (width, lines)
        assert any("LibreOffice" in line for line in lines)
    assert wrap("a --page-numbers-and-more b", 10) == [
        "a",
        "--page-num",
        "bers-and-m",
        "ore b",
    ]  # only a word wider than the line is cut
