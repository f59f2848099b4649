"""Class 5: output files: every failure leaves what the user had intact, no temporary file, one message."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest

from opsplan.errors import OutputError
from opsplan.fileio import ReadFiles, check_target, write_bytes, write_set, write_text
from tests._hardening_helpers import assert_clean_failure, run_cli
from tests.conftest import MINIMAL_PROFILE

OLD = "the user's precious file\n"


def leftovers(folder: Path) -> list[str]:
    """Temporary files opsplan may have left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    path = tmp_path / "plan.md"
    path.write_text(OLD, encoding="utf-8")
    return path


def test_a_new_file_is_written(tmp_path: Path) -> None:
    path = write_text(tmp_path / "deep" / "er" / "plan.md", "新\n")
    assert path.read_bytes() == "新\n".encode()
    # 0666 less the umask, like any file the user makes (not mkstemp's private 0600)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert leftovers(path.parent) == []


def test_an_existing_file_needs_force(existing: Path) -> None:
    with pytest.raises(OutputError, match=r"plan.md: already exists; pass --force to overwrite it"):
        write_text(existing, "new")
    assert existing.read_text(encoding="utf-8") == OLD


def test_force_replaces_and_keeps_the_permissions(existing: Path) -> None:
    existing.chmod(0o640)
    write_text(existing, "new", force=True)
    assert existing.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert leftovers(existing.parent) == []


def test_a_file_the_command_reads_is_never_overwritten(existing: Path) -> None:
    # track's actuals workbook, render's profile or --reference-docx: named like an output, even through a link
    link = existing.parent / "link.md"
    link.symlink_to(existing)
    for path in (existing, existing.parent / "." / existing.name):
        with pytest.raises(OutputError, match=r"plan.md: is a file this command reads; write the output elsewhere"):
            write_set([(path, b"new")], force=True, reads=[link])
    assert existing.read_text(encoding="utf-8") == OLD
    assert leftovers(existing.parent) == []


def test_files_read_are_known_by_identity_through_links(existing: Path) -> None:
    # render checks each target against every profile it reads by device and inode (ReadFiles), looked up once each
    other = existing.parent / "other.md"
    other.write_text(OLD, encoding="utf-8")
    hard, soft = existing.parent / "hard.yaml", existing.parent / "soft.yaml"
    os.link(existing, hard)
    soft.symlink_to(existing)
    for read in ([hard], [soft], [existing.parent / "missing.yaml", soft]):
        files = ReadFiles(read)
        with pytest.raises(OutputError, match=r"plan.md: is a file this command reads; write the output elsewhere"):
            check_target(existing, force=True, reads=files)
        check_target(other, force=True, reads=files)  # another file with the same content is not read
    check_target(existing, force=True, reads=ReadFiles([existing.parent / "missing.yaml"]))


def test_the_path_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder; give a file name"):
        write_text(tmp_path, "x", force=True)


def test_the_parent_is_missing_and_may_not_be_made(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"missing: no such folder"):
        write_text(tmp_path / "missing" / "plan.md", "x", make_parents=False)
    assert not (tmp_path / "missing").exists()


def test_the_parent_is_a_file(existing: Path) -> None:
    with pytest.raises(OutputError, match=r"plan.md: is a file, not a folder"):
        write_text(existing / "out.md", "x")
    with pytest.raises(OutputError, match=r"cannot create the folder \(Not a directory\)"):
        write_text(existing / "sub" / "out.md", "x")
    assert existing.read_text(encoding="utf-8") == OLD


def test_a_read_only_file_is_left_alone_even_with_force(existing: Path) -> None:
    existing.chmod(0o444)  # the mode bits are honoured even when running as root
    with pytest.raises(OutputError, match="the file is read-only; it was left as it was"):
        write_text(existing, "new", force=True)
    assert existing.read_text(encoding="utf-8") == OLD
    assert leftovers(existing.parent) == []


def test_a_symlink_target_is_refused_and_both_ends_kept(existing: Path) -> None:
    link = existing.parent / "link.md"
    link.symlink_to(existing)
    with pytest.raises(OutputError, match="is a symbolic link; opsplan does not write through links"):
        write_text(link, "new", force=True)
    assert link.is_symlink() and existing.read_text(encoding="utf-8") == OLD


def test_a_dangling_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "plan.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    with pytest.raises(OutputError, match="is a symbolic link"):
        write_text(link, "new")
    assert not (tmp_path / "elsewhere.md").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_pipe_is_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.md"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="is not a regular file"):
        write_text(fifo, "x", force=True)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_nul_in_the_path_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="a file name cannot hold a NUL character"):
        write_text(tmp_path / "pl\x00an.md", "x")
    assert list(tmp_path.iterdir()) == []


def test_a_long_file_name_still_gets_a_temporary_file(tmp_path: Path) -> None:
    name = "方" * 80 + ".md"  # 243 bytes: a temporary name built from all of it would pass 255
    assert write_text(tmp_path / name, "x").read_text(encoding="utf-8") == "x"
    assert leftovers(tmp_path) == []


def test_text_with_an_unpaired_surrogate_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"unpaired surrogate \(U\+D800\) at character 2"):
        write_text(tmp_path / "plan.md", "ab\ud800")
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_mid_write_keeps_the_old_file(existing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def full_disk(fd: int, data: bytes) -> int:  # takes 10 bytes, then fails like a full disk
        if len(data) > 10:
            real_write(fd, bytes(data[:10]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OutputError) as info:
        write_bytes(existing, b"N" * 100_000, force=True)
    monkeypatch.undo()
    assert str(info.value) == f"{existing}: not written, the disk is full; any previous file is intact"
    assert existing.read_text(encoding="utf-8") == OLD
    assert leftovers(existing.parent) == []


@pytest.mark.parametrize(
    ("target", "error", "reason"),
    [
        ("fsync", OSError(errno.EIO, "Input/output error"), "Input/output error"),
        ("replace", OSError(errno.EXDEV, "Invalid cross-device link"), "Invalid cross-device link"),
        ("replace", OSError(errno.EDQUOT, "Disk quota exceeded"), "the disk is full"),
    ],
)
def test_a_late_failure_keeps_the_old_file(
    existing: Path, monkeypatch: pytest.MonkeyPatch, target: str, error: OSError, reason: str
) -> None:
    def fail(*args: object) -> None:
        raise error

    monkeypatch.setattr(os, target, fail)
    with pytest.raises(OutputError, match=f"not written, {reason}; any previous file is intact"):
        write_text(existing, "new", force=True)
    monkeypatch.undo()
    assert existing.read_text(encoding="utf-8") == OLD
    assert leftovers(existing.parent) == []


def test_an_interrupt_mid_write_leaves_no_temporary_file(existing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text(existing, "new", force=True)
    monkeypatch.undo()
    assert existing.read_text(encoding="utf-8") == OLD
    assert leftovers(existing.parent) == []


def test_an_unwritable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> None:  # what mkstemp does in a folder without write access
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)  # the module tempfiles makes its files with
    with pytest.raises(OutputError, match=r"plan.md: cannot write in .* \(Permission denied\)"):
        write_text(tmp_path / "plan.md", "x")


# ---- through the command line


@pytest.mark.slow
def test_new_refuses_to_overwrite(existing: Path) -> None:
    outcome = run_cli("new", str(existing), "--no-input")
    assert_clean_failure(outcome, "already exists; pass --force to overwrite it")
    assert existing.read_text(encoding="utf-8") == OLD


@pytest.mark.slow
def test_new_into_a_folder_or_under_a_file(existing: Path) -> None:
    assert_clean_failure(run_cli("new", str(existing.parent), "--no-input"), "is a folder; give a file name")
    assert_clean_failure(run_cli("new", str(existing / "x.yaml"), "--no-input"), "is a file, not a folder")
    assert existing.read_text(encoding="utf-8") == OLD


@pytest.mark.slow
def test_new_with_force_keeps_a_read_only_file(existing: Path) -> None:
    existing.chmod(0o444)
    outcome = run_cli("new", str(existing), "--no-input", "--force")
    assert_clean_failure(outcome, "the file is read-only; it was left as it was")
    assert existing.read_text(encoding="utf-8") == OLD
    assert leftovers(existing.parent) == []


@pytest.mark.slow
def test_new_through_a_symlink_is_refused(existing: Path) -> None:
    link = existing.parent / "shop.yaml"
    link.symlink_to(existing)
    assert_clean_failure(run_cli("new", str(link), "--no-input", "--force"), "is a symbolic link")
    assert existing.read_text(encoding="utf-8") == OLD


@pytest.mark.slow
def test_render_into_a_file_as_folder_writes_nothing(tmp_path: Path, existing: Path) -> None:
    profile = tmp_path / "shop.yaml"
    profile.write_text(MINIMAL_PROFILE, encoding="utf-8")
    outcome = run_cli("render", str(profile), "-f", "md,docx", "-o", str(existing))
    assert_clean_failure(outcome, "-o names the folder the files are written to, not a file")
    assert existing.read_text(encoding="utf-8") == OLD


@pytest.mark.slow
def test_render_keeps_a_read_only_output(tmp_path: Path) -> None:
    profile = tmp_path / "shop.yaml"
    profile.write_text(MINIMAL_PROFILE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "shop.md").write_text(OLD, encoding="utf-8")
    (out / "shop.md").chmod(0o444)
    outcome = run_cli("render", str(profile), "-f", "md", "-o", str(out), "--force")
    assert_clean_failure(outcome, "the file is read-only")
    assert (out / "shop.md").read_text(encoding="utf-8") == OLD
    assert leftovers(out) == []
