"""Output sets: all of a plan's files or none, one run's set never mixed with another's, temporary files
of dead runs removed by the next run, stop signals that leave nothing half-written."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from opsplan import fileio
from opsplan.errors import OutputError
from opsplan.fileio import write_set
from opsplan.tempfiles import COMMIT_SUFFIX, TEMP_PREFIX, TEMP_SUFFIX, clean_folder
from tests._child_processes import eventually, processes_in_group
from tests._hardening_helpers import HANG_LIMIT, assert_clean_failure, run_cli
from tests.conftest import RENDERABLE_PROFILE

OLD = b"the user's previous file\n"
FORMATS = ("md", "docx", "json")


def leftovers(folder: Path) -> list[str]:
    """Temporary files and move lists opsplan may have left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((TEMP_SUFFIX, COMMIT_SUFFIX)))


def old_set(folder: Path, stem: str = "shop") -> dict[Path, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {folder / f"{stem}.{fmt}": OLD + fmt.encode() for fmt in FORMATS}
    for path, data in files.items():
        path.write_bytes(data)
    return files


def test_a_set_is_written_whole(tmp_path: Path) -> None:
    files = [(tmp_path / "out" / f"a.{fmt}", fmt.encode() * 3) for fmt in FORMATS]
    assert write_set(files) == [path for path, _ in files]
    assert [path.read_bytes() for path, _ in files] == [b"mdmdmd", b"docxdocxdocx", b"jsonjsonjson"]
    assert leftovers(tmp_path / "out") == []


def test_a_file_made_by_another_run_meanwhile_stops_the_whole_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_clean = clean_folder  # what fileio calls, patched there below

    def other_run_writes_docx(folder: Path) -> None:  # after the targets were checked, before ours land
        real_clean(folder)
        (folder / "a.docx").write_bytes(b"the other run's")

    monkeypatch.setattr(fileio, "clean_folder", other_run_writes_docx)
    with pytest.raises(OutputError, match=r"a.docx: was created by another run while this one wrote; nothing"):
        write_set([(tmp_path / f"a.{fmt}", b"ours") for fmt in FORMATS])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]  # our .md was taken back, no .json
    assert (tmp_path / "a.docx").read_bytes() == b"the other run's"


def test_a_write_failing_part_way_keeps_every_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = old_set(tmp_path)
    real_write = os.write

    def fail_on_json(fd: int, data: bytes) -> int:
        if bytes(data[:4]) == b"JSON":
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", fail_on_json)
    with pytest.raises(OutputError, match=r"shop.json: not written, the disk is full; any previous file is intact"):
        write_set([(tmp_path / "shop.md", b"MD"), (tmp_path / "shop.docx", b"DOCX"), (tmp_path / "shop.json", b"JSON")],
                  force=True)  # fmt: skip
    monkeypatch.undo()
    assert {path: path.read_bytes() for path in old} == old
    assert leftovers(tmp_path) == []


def test_an_output_over_the_size_bound_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fileio, "MAX_OUTPUT_BYTES", 1000)
    with pytest.raises(OutputError, match=r"a.md: not written, 1,001 bytes is over the 1,000 an output may have"):
        write_set([(tmp_path / "a.json", b"{}"), (tmp_path / "a.md", b"x" * 1001)])
    assert list(tmp_path.iterdir()) == []


# ---- what dead runs leave behind


def test_abandoned_temporary_files_are_removed_and_others_kept(tmp_path: Path) -> None:
    import fcntl

    dead = tmp_path / f"{TEMP_PREFIX}abc123.shop.md{TEMP_SUFFIX}"
    dead.write_bytes(b"half a plan")
    alive = tmp_path / f"{TEMP_PREFIX}def456.shop.docx{TEMP_SUFFIX}"
    alive.write_bytes(b"being written")
    theirs = tmp_path / "notes.tmp"  # not opsplan's name
    theirs.write_bytes(b"keep")
    link = tmp_path / f"{TEMP_PREFIX}link{TEMP_SUFFIX}"
    link.symlink_to(theirs)
    with open(alive, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as the live run writing it holds it
        write_set([(tmp_path / "other.md", b"x")])
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, theirs.name, link.name, "other.md"])
    write_set([(tmp_path / "more.md", b"x")])
    assert not alive.exists() and theirs.read_bytes() == b"keep" and link.is_symlink()


_KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from opsplan import fileio
folder, when = Path(sys.argv[1]), sys.argv[2]
real_place = fileio.place
placed = []

def kill(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

def place_then_kill(*args, **kwargs):
    if placed:
        kill()
    placed.append(real_place(*args, **kwargs))

if when == "before-commit":  # all three files written, the list of moves not yet
    fileio._write_journal = kill
else:
    fileio.place = place_then_kill
fileio.write_set([(folder / f"shop.{fmt}", b"NEW " + fmt.encode()) for fmt in ("md", "docx", "json")], force=True)
"""


def _kill_a_writer(folder: Path, when: str) -> None:
    done = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(folder), when], timeout=HANG_LIMIT, check=False)
    assert done.returncode == -signal.SIGKILL


def test_a_run_killed_before_its_files_land_leaves_the_old_set_and_its_temporaries_go_next_time(
    tmp_path: Path,
) -> None:
    old = old_set(tmp_path)
    _kill_a_writer(tmp_path, "before-commit")
    assert {path: path.read_bytes() for path in old} == old
    assert len(leftovers(tmp_path)) == 3  # the three new files, left by SIGKILL
    write_set([(tmp_path / "next.md", b"x")])
    assert {path: path.read_bytes() for path in old} == old
    assert leftovers(tmp_path) == []


def test_a_run_killed_while_moving_its_files_is_completed_by_the_next(tmp_path: Path) -> None:
    old_set(tmp_path)
    _kill_a_writer(tmp_path, "after-first-move")
    assert (tmp_path / "shop.md").read_bytes() == b"NEW md"  # killed half way: one new, two old
    assert (tmp_path / "shop.docx").read_bytes() == OLD + b"docx"
    write_set([(tmp_path / "next.md", b"x")])
    assert [(tmp_path / f"shop.{fmt}").read_bytes() for fmt in FORMATS] == [b"NEW md", b"NEW docx", b"NEW json"]
    assert leftovers(tmp_path) == []


# ---- through the command line


def _profile(folder: Path, shop: str = "花间") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "shop.yaml"
    path.write_text(RENDERABLE_PROFILE.replace("name: 花间", f"name: {shop}"), encoding="utf-8")
    return path


def test_a_file_size_limit_part_way_keeps_the_old_set(tmp_path: Path) -> None:
    out = tmp_path / "out"
    old = old_set(out)
    profile = _profile(tmp_path)

    def limit_file_size() -> None:  # the Markdown (about 10 KB) fits, the DOCX does not
        resource.setrlimit(resource.RLIMIT_FSIZE, (16_000, 16_000))

    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "opsplan", "render", str(profile), "-f", "md,docx,json", "-o", str(out), "--force"],
        capture_output=True, text=True, env=env, preexec_fn=limit_file_size, timeout=HANG_LIMIT, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "not written, the file-size limit was reached; any previous file is intact" in done.stderr
    assert {path: path.read_bytes() for path in old} == old
    assert leftovers(out) == []


def test_two_renders_into_one_folder_at_once_never_mix_their_plans(tmp_path: Path) -> None:
    out = tmp_path / "out"
    profiles = [_profile(tmp_path / f"p{i}", shop=f"店{i}") for i in range(4)]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "opsplan", "render", str(p), "-f", "md,json", "-o", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        for p in profiles
    ]
    results = [(run.wait(timeout=HANG_LIMIT), run.stderr.read()) for run in runs if run.stderr]
    assert sum(code == 0 for code, _ in results) <= 1  # exclusive creation: never two winners
    for code, stderr in results:
        assert code in (0, 2) and "Traceback" not in stderr, stderr
    files = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert files in ([], ["shop.json", "shop.md"])
    if files:  # the set is one run's: the shop in the JSON is the one in the Markdown
        shop = json.loads((out / "shop.json").read_text(encoding="utf-8"))["meta"]["shop"]
        assert shop in (out / "shop.md").read_text(encoding="utf-8")


def test_an_output_path_two_thousand_folders_deep_is_a_clean_error(tmp_path: Path) -> None:
    profile = _profile(tmp_path)
    deep = "/".join(["d"] * 2000)
    outcome = run_cli("render", str(profile), "-o", deep, cwd=tmp_path)
    assert_clean_failure(outcome, "cannot")
    assert "RecursionError" not in outcome.stderr


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["TERM", "INT"])
@pytest.mark.parametrize("jobs", [4, 1])  # 1: every plan rendered and written by the main process
def test_a_stop_signal_during_jobs_stops_the_workers_and_leaves_whole_sets(
    tmp_path: Path, signum: int, code: int, jobs: int
) -> None:
    profiles = [_profile(tmp_path / "in" / f"{i:02}") for i in range(80)]
    for i, path in enumerate(profiles):
        path.rename(path.with_name(f"shop{i:02}.yaml"))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "opsplan", "render", *[str(p.with_name(f"shop{i:02}.yaml"))
               for i, p in enumerate(profiles)], "-f", "md,docx,json", "-o", str(out), "--jobs", str(jobs)]  # fmt: skip
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    eventually(lambda: run.poll() is not None or (out.exists() and any(out.glob("*.json"))), "a first plan written")
    assert run.poll() is None, "the batch ended before the signal could be sent"
    if signum == signal.SIGINT:
        os.killpg(run.pid, signum)  # Ctrl-C reaches the whole foreground group
    else:
        os.kill(run.pid, signum)  # a service manager stops the main process
    _, stderr = run.communicate(timeout=HANG_LIMIT)
    assert run.returncode == code, stderr.decode()[-2000:]
    assert b"Traceback" not in stderr, stderr.decode()[-2000:]
    # the batch waits for its workers to end before it does: none may be left now (none running or writing)
    assert processes_in_group(run.pid) == []
    assert leftovers(out) == []
    stems = {p.stem for p in out.iterdir()}
    assert 0 < len(stems) < 80
    for stem in stems:  # every plan written is whole
        assert sorted(p.name for p in out.glob(f"{stem}.*")) == [f"{stem}.{fmt}" for fmt in sorted(FORMATS)]


_INTERLEAVED_WRITER = """
import subprocess, sys, time
from pathlib import Path
from opsplan import fileio
folder, tag = Path(sys.argv[1]), sys.argv[2]
real_place = fileio.place
other = []

def place_then_let_the_other_run_in(*args, **kwargs):
    real_place(*args, **kwargs)
    if tag == "A" and not other:  # after A's first file: B writes its whole set, or waits for A to finish
        other.append(subprocess.Popen([sys.executable, "-c", sys.argv[3], str(folder), "B", sys.argv[3]]))
        time.sleep(1.0)

fileio.place = place_then_let_the_other_run_in
fileio.write_set([(folder / f"shop.{fmt}", tag.encode()) for fmt in ("md", "docx", "json")], force=True)
for run in other:
    sys.exit(run.wait())
"""


def test_two_forced_sets_into_one_folder_never_interleave(tmp_path: Path) -> None:
    old_set(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", _INTERLEAVED_WRITER, str(tmp_path), "A", _INTERLEAVED_WRITER],
        timeout=HANG_LIMIT, check=False,
    )  # fmt: skip
    assert done.returncode == 0
    # B started while A was moving its files in; it waited for the folder, so its set is the whole last one
    assert [(tmp_path / f"shop.{fmt}").read_bytes() for fmt in FORMATS] == [b"B", b"B", b"B"]
    assert leftovers(tmp_path) == []
