"""A run cleaning a folder never removes the temporary file another live run has just made there.

Between creating a temporary file and locking it a writer holds no lock, so another run's ``clean_folder``
could take the file for a dead run's and remove it; with ``--jobs`` the workers clean the folder they all
write into, and on a busy machine that happened (a set failed with "No such file or directory").
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

import opsplan.fileio as fileio
from opsplan import tempfiles


def test_a_cleaner_between_create_and_lock_costs_the_writer_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_mkstemp = tempfile.mkstemp
    cleaned: list[str] = []

    def mkstemp_then_another_run_cleans(*args: Any, **kwargs: Any) -> tuple[int, str]:
        fd, name = real_mkstemp(*args, **kwargs)
        if len(cleaned) < 2:  # the next two files are taken away before their writer locks them
            tempfiles.clean_folder(Path(name).parent)
            cleaned.append(name)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_another_run_cleans)
    files = [(tmp_path / "plan.md", b"# plan\n"), (tmp_path / "plan.json", b"{}\n")]
    fileio.write_set(files)
    assert [p.read_bytes() for p, _ in files] == [b"# plan\n", b"{}\n"]
    assert all(not Path(name).exists() for name in cleaned)  # the cleaner did remove them: the test can fail
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json", "plan.md"]
