"""The frame of the prepared files (``opsplan.prepared_frame``): what is framed is read back; anything else is not."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from opsplan import cli_help_data, prepared, prepared_frame, retable

HEAD = b"opsplan test frame 1\nkey 7\n"
PAYLOAD = bytes(range(256)) * 3 + "中文\n".encode()


@pytest.fixture
def framed_file(tmp_path: Path) -> Path:
    path = tmp_path / "frame.bin"
    path.write_bytes(prepared_frame.framed(HEAD, PAYLOAD))
    return path


def test_the_frame_is_the_head_the_crc_and_length_line_and_the_payload() -> None:
    raw = prepared_frame.framed(HEAD, PAYLOAD)
    assert raw == HEAD + f"{zlib.crc32(PAYLOAD):08x} {len(PAYLOAD):x}\n".encode() + PAYLOAD
    assert len(PAYLOAD) == 775 and raw[len(HEAD) :].startswith(b"%08x 307\n" % zlib.crc32(PAYLOAD))


def test_a_framed_file_gives_its_payload_back(framed_file: Path) -> None:
    assert prepared_frame.read_framed(str(framed_file), HEAD, 4096) == PAYLOAD


def test_an_empty_payload_is_framed_and_read(tmp_path: Path) -> None:
    path = tmp_path / "empty.bin"
    path.write_bytes(prepared_frame.framed(HEAD, b""))
    assert prepared_frame.read_framed(str(path), HEAD, 4096) == b""


def _flip(raw: bytes, at: int) -> bytes:
    return raw[:at] + bytes([raw[at] ^ 1]) + raw[at + 1 :]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[:-1], id="cut short by a byte"),
        pytest.param(lambda raw: raw + b"\0", id="a byte more"),
        pytest.param(lambda raw: _flip(raw, len(raw) - 1), id="a bit of the payload"),
        pytest.param(lambda raw: _flip(raw, len(HEAD) + 2), id="a bit of the crc"),
        pytest.param(lambda raw: _flip(raw, 3), id="a bit of the head"),
        pytest.param(lambda raw: raw[: len(HEAD) + 4], id="cut in the frame line"),
        pytest.param(lambda raw: HEAD, id="the head alone"),
        pytest.param(lambda raw: b"", id="empty"),
        pytest.param(lambda raw: raw.replace(b" ", b"  ", 1), id="two spaces in the frame line"),
        pytest.param(lambda raw: raw.replace(b" ", b" +", 1), id="a signed length"),
        pytest.param(lambda raw: raw.replace(b" ", b" 0x", 1), id="a prefixed length"),
        pytest.param(lambda raw: raw.replace(b" ", b"\n", 1), id="no length"),
    ],
)
def test_a_damaged_file_gives_nothing(framed_file: Path, damage: object) -> None:
    assert callable(damage)
    framed_file.write_bytes(damage(framed_file.read_bytes()))
    assert prepared_frame.read_framed(str(framed_file), HEAD, 4096) is None


def test_another_head_or_a_file_too_large_or_absent_gives_nothing(framed_file: Path) -> None:
    assert prepared_frame.read_framed(str(framed_file), HEAD.replace(b"7", b"8"), 4096) is None
    assert prepared_frame.read_framed(str(framed_file), HEAD, len(framed_file.read_bytes()) - 1) is None
    assert prepared_frame.read_framed(str(framed_file.parent / "absent.bin"), HEAD, 4096) is None
    assert prepared_frame.read_framed(str(framed_file.parent), HEAD, 4096) is None  # a folder


def test_the_light_readers_look_in_the_folder_the_build_hook_writes() -> None:
    assert prepared.FOLDER_NAME == prepared_frame.FOLDER_NAME
    assert Path(prepared_frame.shipped_folder()) == prepared.prepared_folder()
    assert Path(cli_help_data.folder) == prepared.prepared_folder()
    assert Path(retable.table_path()) == prepared.prepared_folder() / retable.FILE_NAME


def test_both_shipped_files_are_framed_under_their_readers_heads(tmp_path: Path) -> None:
    help_file = cli_help_data.write_pages(tmp_path)[0]
    assert prepared_frame.read_framed(str(help_file), cli_help_data.MAGIC, cli_help_data.MAX_BYTES)
    table = retable.write_table(tmp_path)[0]
    assert prepared_frame.read_framed(str(table), retable.table_head(), retable.MAX_BYTES)
