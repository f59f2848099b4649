"""Ctrl-C, SIGTERM or SIGHUP while the console script starts, before any command's handler holds it: exit 130, or
128 + N for a stop signal, with no traceback and nothing said (the user sent it).

SIGTERM's default action killed the process on the spot (-15 to the caller, no exit code) where Ctrl-C at the same
moment exits 130. Nothing is written yet then, so the process ends at once.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from opsplan import _entry
from tests._hardening_helpers import HANG_LIMIT

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "douyin-flowers.en.yaml"


@pytest.fixture(autouse=True)
def handlers_kept(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Give SIGTERM and SIGHUP back their handlers after a test (``_entry.main`` sets its own).

    The command's end is left to ``SystemExit`` (an earlier test's ``check`` may have said it has nothing to finish,
    which ends the process at once).
    """
    from opsplan.cli_run import state

    monkeypatch.setattr(state, "nothing_to_finish", False)
    kept = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in kept.items():
            signal.signal(signum, handler)


@pytest.mark.parametrize("line", [["check", "plan.yaml"], ["--help"]])
def test_an_interrupt_while_the_command_line_is_read_ends_with_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], line: list[str]
) -> None:
    import opsplan.cli_fast

    def interrupted(args: list[str]) -> None:
        raise KeyboardInterrupt  # as a Ctrl-C arriving while the CLI's modules are imported

    monkeypatch.setattr(opsplan.cli_fast, "read_line", interrupted)
    monkeypatch.setattr("sys.argv", ["opsplan", *line])
    with pytest.raises(SystemExit) as stop:
        _entry.main()
    assert stop.value.code == 130
    assert "Traceback" not in capsys.readouterr().err


def _signalled_while_reading(signum: int) -> Callable[[list[str]], None]:
    def read_line(args: list[str]) -> None:
        os.kill(os.getpid(), signum)  # as a stop signal arriving while the CLI's modules are imported
        time.sleep(HANG_LIMIT)  # the handler raises between two steps of Python: the sleep is one

    return read_line


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)], ids=["term", "hup"])
@pytest.mark.parametrize("line", [["check", "plan.yaml"], ["render", "plan.yaml"], ["--help"]])
def test_a_stop_signal_while_the_command_line_is_read_ends_with_128_plus_n(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], line: list[str], signum: int, code: int
) -> None:
    import opsplan.cli_fast

    signal.signal(signum, signal.SIG_DFL)  # as a new process has it
    monkeypatch.setattr(opsplan.cli_fast, "read_line", _signalled_while_reading(signum))
    monkeypatch.setattr("sys.argv", ["opsplan", *line])
    with pytest.raises(SystemExit) as stop:
        _entry.main()
    assert stop.value.code == code
    assert capsys.readouterr() == ("", "")  # quietly: the user sent it


def test_a_stop_signal_ignored_by_the_caller_stays_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    import opsplan.cli_fast

    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as ``nohup opsplan …`` starts it

    def read_line(args: list[str]) -> None:
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        raise SystemExit(5)

    monkeypatch.setattr(opsplan.cli_fast, "read_line", read_line)
    monkeypatch.setattr("sys.argv", ["opsplan", "check", "plan.yaml"])
    with pytest.raises(SystemExit) as stop:
        _entry.main()
    assert stop.value.code == 5


def _stopped(*args: object, **kwargs: object) -> None:
    from opsplan.errors import Stopped

    raise Stopped(signal.SIGTERM)  # as SIGTERM arriving once the command's handler is set, outside ``cli_run.run``


def test_a_stop_signal_that_cli_fast_ends_as_an_interrupt_keeps_its_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import opsplan.cli_actions

    monkeypatch.setattr(opsplan.cli_actions, "check", _stopped)  # cli_fast: KeyboardInterrupt → SystemExit(130)
    monkeypatch.setattr("sys.argv", ["opsplan", "check", str(tmp_path / "plan.yaml")])
    with pytest.raises(SystemExit) as stop:
        _entry._main()
    assert stop.value.code == 143
    assert "Traceback" not in capsys.readouterr().err


def test_a_stop_signal_that_typer_ends_as_an_interrupt_keeps_its_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from opsplan.cli_group import OpsplanGroup

    monkeypatch.setattr(OpsplanGroup, "get_command", _stopped)  # typer: KeyboardInterrupt → Exit(130)
    monkeypatch.setattr("sys.argv", ["opsplan", "serve", "x.yaml"])  # a line only typer reads
    with pytest.raises(SystemExit) as stop:
        _entry._main()
    assert stop.value.code == 143
    assert "Traceback" not in capsys.readouterr().err


def test_ctrl_c_that_typer_ends_stays_130(monkeypatch: pytest.MonkeyPatch) -> None:
    from opsplan.cli_group import OpsplanGroup

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(OpsplanGroup, "get_command", interrupted)
    monkeypatch.setattr("sys.argv", ["opsplan", "serve", "x.yaml"])  # a line only typer reads
    with pytest.raises(SystemExit) as stop:
        _entry._main()
    assert stop.value.code == 130


def test_a_command_run_in_process_ends_with_system_exit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The console script's end without teardown is for a process of its own: here it raises (tests/conftest.py)."""
    monkeypatch.setattr(sys, "argv", ["opsplan", "check", str(EXAMPLE)])
    with pytest.raises(SystemExit) as stop:
        _entry.main()
    assert stop.value.code in (0, None)
    assert capsys.readouterr().err == ""
