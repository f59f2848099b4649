"""The help pages the wheel ships (``cli_help_data``) are the typer app's, and the fast path reads what typer reads.

The pages are read from the live app here and compared with what is shipped (in an installed opsplan, as CI tests
it) and with what a written file gives back; the help laid out from them equals typer's help page for every
command, language and width; the fast path's tables of the listing commands are their typer commands'.
"""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

import pytest
import typer

from opsplan import cli_fast_help, cli_help_data
from opsplan.cli import COMMANDS, app
from opsplan.cli_fast import Unsure
from opsplan.cli_help import page_text
from opsplan.i18n import EN, ZH, use

GROUP = typer.main.get_command(app)
PAGES = cli_help_data.app_pages()


@pytest.fixture
def pages_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A prepared folder with the app's pages written in it, where the fast path reads them."""
    cli_help_data.write_pages(tmp_path)
    monkeypatch.setattr(cli_help_data, "folder", str(tmp_path))
    return tmp_path / cli_help_data.FILE_NAME


def test_the_pages_are_the_root_and_every_command_in_plain_values() -> None:
    assert list(PAGES) == ["opsplan", *COMMANDS]
    assert PAGES["opsplan"]["commands"] == list(COMMANDS)
    assert marshal.loads(marshal.dumps(PAGES)) == PAGES  # nothing but str, int, bool, None, list, dict
    for name, page in PAGES.items():
        assert page["path"] == ("opsplan" if name == "opsplan" else f"opsplan {name}")
        assert page["params"][-1]["opts"] == ["--help"]


def test_a_written_file_gives_the_live_apps_pages_back(pages_in: Path) -> None:
    assert cli_help_data.shipped_pages() == PAGES


def test_the_shipped_pages_are_the_live_apps() -> None:
    """In an installed opsplan (the wheel's build read them): an option added since fails here until rebuilt."""
    shipped = Path(cli_help_data.folder) / cli_help_data.FILE_NAME
    if not shipped.exists():
        pytest.skip("a checkout or an editable install: no prepared pages")
    assert cli_help_data.shipped_pages() == PAGES


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[:-10],  # cut short
        lambda raw: raw[:40] + bytes([raw[40] ^ 1]) + raw[41:],  # one bit
        lambda raw: b"opsplan help pages 0\n" + raw[21:],  # another format
        lambda raw: b"",
    ],
)
def test_a_damaged_file_gives_nothing(pages_in: Path, damage: Any) -> None:
    pages_in.write_bytes(damage(pages_in.read_bytes()))
    assert cli_help_data.shipped_pages() is None


def test_pages_read_with_another_typer_give_nothing(pages_in: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_help_data, "files_key", lambda files: "another typer")
    assert cli_help_data.shipped_pages() is None


def test_no_prepared_folder_gives_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_help_data, "folder", str(tmp_path / "absent"))
    assert cli_help_data.shipped_pages() is None


def test_the_key_is_typers_version_file() -> None:
    assert cli_help_data.key_files()[0] == "typer/__init__.py"
    assert cli_help_data.files_key(["typer/__init__.py"])
    assert cli_help_data.files_key(["no_such_package_here/__init__.py"]) is None


@pytest.mark.parametrize("columns", ["40", "60", "80", "120"])
@pytest.mark.parametrize("lang", [EN, ZH])
@pytest.mark.parametrize("name", ["opsplan", *COMMANDS])
def test_the_page_laid_out_from_the_data_is_typers_help(
    runner: Any, monkeypatch: pytest.MonkeyPatch, name: str, lang: str, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    args = [] if name == "opsplan" else [name]
    result = runner.invoke(app, [*args, "--help", "--lang", lang])
    assert result.exit_code == 0
    with use(lang):
        assert page_text(PAGES[name]) + "\n" == result.stdout


@pytest.mark.parametrize("columns", [None, "", "0", "-3", "wide", "30", "79", "100"])
def test_the_width_is_the_one_shutil_gives(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    import shutil

    from opsplan.cli_help import width

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert width() == max(min(shutil.get_terminal_size().columns, 80) - 2, 40)


def _click_list_param(param: Any) -> tuple[Any, ...]:
    read = None if param.is_flag else getattr(param.callback, "__name__", None)
    return param.name, read, param.default


@pytest.mark.parametrize("name", sorted(cli_fast_help.LISTS))
def test_the_listing_tables_are_the_typer_commands(name: str) -> None:
    command = GROUP.get_command(GROUP.make_context("opsplan", [name]), name)  # type: ignore[attr-defined]
    declared = {(n, read and "read_lang", default) for n, (read, default) in cli_fast_help.LISTS[name].items()}
    assert {_click_list_param(param) for param in command.params} == declared
    assert all(param.param_type_name == "option" and not param.envvar for param in command.params)


# ---- which lines the fast path answers


def _read(args: list[str]) -> str | None:
    try:
        read = cli_fast_help._read(PAGES, args)
    except Unsure:  # (cli_fast's, which cli_fast_help raises)
        return "unsure"
    return None if read is None else "answered"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--help"], "answered"),
        (["--debug", "--lang", "zh", "--help"], "answered"),
        (["--help", "render", "--bogus"], "answered"),  # the root's help: what follows is not read
        (["render", "x.yaml", "-fmd", "--help", "--lang", "xx"], "answered"),  # eager: --lang not read
        (["check", "--ignore", "a", "--help", "--ignore=b"], "answered"),
        (["presets"], "answered"),
        (["--lang", "zh-CN", "metrics", "--locale=en"], "answered"),
        (["schema", "--plan"], "answered"),
        (["rules"], "answered"),
        ([], None),  # the root's help on stderr, exit 2: typer's
        (["--lang", "zh-CN"], None),
        (["bogus", "--help"], None),
        (["render", "x.yaml"], None),  # not a help line: cli_fast's or typer's
        (["new", "x.yaml"], None),
        (["render", "--", "--help"], None),
        (["presets", "extra"], None),
        (["--version", "--help"], "unsure"),
        (["--help", "--version"], "unsure"),
        (["--help", "--bogus"], "unsure"),
        (["--help=1"], "unsure"),
        (["-h"], "unsure"),
        (["--lang", "xx", "render", "--help"], "unsure"),  # the root reads its --lang before the command
        (["render", "--bogus", "--help"], "unsure"),
        (["render", "--help", "--format"], "unsure"),
        (["render", "--force=1", "--help"], "unsure"),
        (["presets", "--locale", "xx"], "unsure"),
        (["schema", "--plan=1"], "unsure"),
    ],
)
def test_the_fast_path_answers_only_what_it_is_certain_of(args: list[str], expected: str | None) -> None:
    assert _read(args) == expected


def test_an_ascii_standard_output_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    class Ascii:
        encoding = "ANSI_X3.4-1968"

    monkeypatch.setattr("sys.stdout", Ascii())
    assert cli_fast_help._ascii_stdout()
