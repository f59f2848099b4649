"""Ctrl-C while the console script starts, before any command's handler holds it: exit 130, no traceback."""

from __future__ import annotations

import pytest

from opsplan import _entry


@pytest.mark.parametrize("line", [["check", "plan.yaml"], ["--help"]])
def test_an_interrupt_while_the_command_line_is_read_ends_with_130(monkeypatch, capsys, line):
    import opsplan.cli_fast

    def interrupted(args: list[str]) -> None:
        raise KeyboardInterrupt  # as a Ctrl-C arriving while the CLI's modules are imported

    monkeypatch.setattr(opsplan.cli_fast, "read_line", interrupted)
    monkeypatch.setattr("sys.argv", ["opsplan", *line])
    with pytest.raises(SystemExit) as stop:
        _entry.main()
    assert stop.value.code == 130
    assert "Traceback" not in capsys.readouterr().err
