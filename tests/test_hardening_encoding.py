"""Class 2: encodings and YAML syntax; each refusal names the file, the line and what to do."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from opsplan.errors import InputError, ProfileError
from opsplan.load import load_profile
from opsplan.profile import Profile
from tests._hardening_helpers import assert_clean_failure, run_load
from tests.conftest import MINIMAL_PROFILE


def write_bytes(tmp_path: Path, data: bytes, name: str = "shop.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def load_error(tmp_path: Path, data: bytes) -> str:
    with pytest.raises((InputError, ProfileError)) as info:
        load_profile(write_bytes(tmp_path, data))
    return str(info.value).replace(str(tmp_path) + "/", "")


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_chinese_legacy_encoding_gets_the_resave_hint(tmp_path: Path, codec: str) -> None:
    # Line 3 ("  title: 测试方案") is the first holding non-ASCII bytes.
    message = load_error(tmp_path, MINIMAL_PROFILE.encode(codec))
    assert (
        message
        == "shop.yaml:3: the file is not valid UTF-8; it looks like a GBK/GB18030 Chinese file: re-save it as UTF-8"
    )


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-8-sig"])
def test_a_byte_order_mark_says_how_to_read_the_file(tmp_path: Path, codec: str) -> None:
    # Python's "utf-16" and "utf-32" codecs write a byte-order mark first
    assert load_profile(write_bytes(tmp_path, MINIMAL_PROFILE.encode(codec))).shop.name == "花间"


@pytest.mark.parametrize(
    ("codec", "name"),
    [("utf-16-le", "UTF-16 (little-endian)"), ("utf-16-be", "UTF-16 (big-endian)"),
     ("utf-32-le", "UTF-32 (little-endian)"), ("utf-32-be", "UTF-32 (big-endian)")],
)  # fmt: skip
def test_utf16_and_utf32_without_a_mark_are_named(tmp_path: Path, codec: str, name: str) -> None:
    for text in (MINIMAL_PROFILE, "version: 1\nplan: {title: only ASCII}\n"):  # NUL bytes are valid UTF-8
        message = load_error(tmp_path, text.encode(codec))
        assert message == f"shop.yaml:1: the file is {name} without a byte-order mark; re-save it as UTF-8"


def test_a_mark_that_lies_names_the_line(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "version: 1\nplan:\n".encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
    message = load_error(tmp_path, data)
    assert message == "shop.yaml:3: the file cannot be read; it has a UTF-16 byte-order mark but is not valid UTF-16"


@pytest.mark.parametrize("char", ["\uffff", "\ufffe", "\x80"])
def test_characters_yaml_does_not_allow_are_located(tmp_path: Path, char: str) -> None:
    message = load_error(tmp_path, MINIMAL_PROFILE.replace("name: 花间", f"name: 花{char}间").encode())
    # "  name: 花" is 9 characters: the character is in column 10 of line 8
    assert message == f"shop.yaml:8:10: the character U+{ord(char):04X} is not allowed in a YAML file; remove it"


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    profile = load_profile(write_bytes(tmp_path, b"\xef\xbb\xbf" + MINIMAL_PROFILE.encode()))
    assert profile.shop.name == "花间"


@pytest.mark.slow
def test_gbk_through_the_cli_has_no_traceback(tmp_path: Path) -> None:
    outcome = run_load(write_bytes(tmp_path, MINIMAL_PROFILE.encode("gbk")))
    assert_clean_failure(outcome, "re-save it as UTF-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a tab before a key: line 8 is "\tname: 花间"
        (MINIMAL_PROFILE.replace("  name: 花间", "\tname: 花间"), "shop.yaml:8:1: YAML syntax error:"),
        # a tab after spaces, below a valid line
        (MINIMAL_PROFILE.replace("  platform: douyin", "\tplatform: douyin"), "shop.yaml:9:1: YAML syntax error:"),
    ],
)
def test_tab_indentation_says_use_spaces(tmp_path: Path, text: str, expected: str) -> None:
    message = load_error(tmp_path, text.encode())
    assert message.startswith(expected)
    assert message.endswith(
        "YAML syntax error: a tab here; YAML does not allow tabs for indentation: indent with spaces"
    )
    assert message.count("indent with spaces") == 1  # said once, not also in the general advice for the problem


def test_tab_indentation_is_said_once_in_chinese(tmp_path: Path) -> None:
    from opsplan.i18n import use

    with use("zh-CN"):
        message = load_error(tmp_path, MINIMAL_PROFILE.replace("  name: 花间", "\tname: 花间").encode())
    assert message == "shop.yaml:8:1: YAML 格式有误：这里有一个 Tab；YAML 不能用 Tab 缩进，请改用空格"


def test_tabs_inside_values_are_fine(tmp_path: Path) -> None:
    text = MINIMAL_PROFILE.replace("name: 花间", 'name: "花\\t间"')
    assert load_profile(write_bytes(tmp_path, text.encode())).shop.name == "花\t间"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # "  name: 花" is 2 + 5 + 1 + 1 = 9 characters, so the byte after it is column 10 of line 8
        (b"\x00", "shop.yaml:8:10: NUL byte in the file; remove it"),
        (b"\x07", "shop.yaml:8:10: control character '\\x07' in the file; remove it"),
        (b"\x1b", "shop.yaml:8:10: control character '\\x1b' in the file; remove it"),
        (b"\x7f", "shop.yaml:8:10: control character '\\x7f' in the file; remove it"),
    ],
)
def test_raw_control_bytes_are_located(tmp_path: Path, raw: bytes, expected: str) -> None:
    data = MINIMAL_PROFILE.encode().replace("花间".encode(), "花".encode() + raw + "间".encode(), 1)
    assert load_error(tmp_path, data) == expected


@pytest.mark.parametrize("escape", ["\\x07", "\\0", "\\e", "\\u0085\\x01"])
def test_escaped_control_characters_are_refused(tmp_path: Path, escape: str) -> None:
    text = MINIMAL_PROFILE.replace("name: 花间", f'name: "花{escape}间"')
    message = load_error(tmp_path, text.encode())
    assert message.startswith("shop.yaml:8:9: the text holds a control character")
    assert message.endswith("written as an escape); remove it")


def test_escaped_surrogate_is_refused(tmp_path: Path) -> None:
    text = MINIMAL_PROFILE.replace("name: 花间", 'name: "花\\ud800间"')
    message = load_error(tmp_path, text.encode())
    # libyaml stops at the escape itself (column 13); the pure-Python parser lets it through to our check
    assert message.startswith("shop.yaml:8:")
    assert "surrogate" in message or "invalid Unicode character escape" in message


def test_duplicate_keys_name_both_lines(tmp_path: Path) -> None:
    text = MINIMAL_PROFILE.replace("  platform: douyin", "  platform: douyin\n  name: 又一个")
    assert load_error(tmp_path, text.encode()) == (
        "shop.yaml:10:3: duplicate key 'name' (first on line 8); keep one of them"
    )


def test_duplicate_keys_in_a_flow_mapping(tmp_path: Path) -> None:
    text = MINIMAL_PROFILE.replace("{id: hire, name: 招聘,", "{id: hire, id: hire2, name: 招聘,")
    assert load_error(tmp_path, text.encode()).startswith("shop.yaml:19:22: duplicate key 'id' (first on line 19)")


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object/apply:os.system ['echo pwned']", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("!!python/name:os.system", "tag:yaml.org,2002:python/name:os.system"),
        ("!!binary aGVsbG8=", "tag:yaml.org,2002:binary"),
        ("!custom x", "!custom"),
        ("!<tag:example.com,2000:x> y", "tag:example.com,2000:x"),
    ],
)
def test_unknown_tags_are_refused(tmp_path: Path, value: str, tag: str) -> None:
    text = MINIMAL_PROFILE.replace("name: 花间", f"name: {value}")
    assert load_error(tmp_path, text.encode()) == f"shop.yaml:8:9: the tag {tag!r} is not allowed in a profile"


def test_a_tag_on_a_key_is_refused(tmp_path: Path) -> None:
    text = MINIMAL_PROFILE.replace("  name: 花间", "  !!python/none name: 花间")
    assert "is not allowed in a profile" in load_error(tmp_path, text.encode())


def test_merge_keys_and_complex_keys_are_refused(tmp_path: Path) -> None:
    merge = MINIMAL_PROFILE.replace("  name: 花间", "  <<: {name: 花间}")
    assert load_error(tmp_path, merge.encode()) == "shop.yaml:8:3: merge keys (<<) are not supported in a profile"
    complex_key = MINIMAL_PROFILE.replace("  name: 花间", "  ? [a, b]\n  : x\n  name: 花间")
    assert load_error(tmp_path, complex_key.encode()) == "shop.yaml:8:5: a key must be plain text"


# The rule (yamlread docstring): plain scalars stay the text written; the field's type converts them.
@pytest.mark.parametrize(
    ("old", "new", "check"),
    [
        ("name: 花间", "name: NO", lambda p: p.shop.name == "NO"),
        ("name: 花间", "name: yes", lambda p: p.shop.name == "yes"),
        ("name: 花间", "name: 010", lambda p: p.shop.name == "010"),
        ("name: 花间", "name: 1:30", lambda p: p.shop.name == "1:30"),
        ("name: 花间", "name: 0x1F", lambda p: p.shop.name == "0x1F"),
        ("name: 花间", "name: 1e3", lambda p: p.shop.name == "1e3"),
        ("name: 花间", "name: .inf", lambda p: p.shop.name == ".inf"),
        ("title: 测试方案", "title: 3.10", lambda p: p.plan.title == "3.10"),
        ("title: 测试方案", "title: 2027-03-01", lambda p: p.plan.title == "2027-03-01"),
        (
            "criteria: 群数达到10个",
            "criteria: 2027-03-01 10:00:00",
            lambda p: p.timeline.milestones[0].criteria == "2027-03-01 10:00:00",
        ),
        ("months: 6, items", "months: 010, items", lambda p: p.budget.months == 10),  # decimal, not octal 8
        ("months: 6, items", "months: '6', items", lambda p: p.budget.months == 6),
        ("total: 1200000", "total: 1_200_000", lambda p: p.budget.total == 1_200_000),
        ("start: 2027-03-01", "start: '2027-03-01'", lambda p: str(p.plan.start) == "2027-03-01"),
        ("locale: zh-CN", "locale: zh-CN\n  retail_calendar: yes", lambda p: p.plan.retail_calendar is True),
        ("locale: zh-CN", "locale: zh-CN\n  retail_calendar: 'off'", lambda p: p.plan.retail_calendar is False),
    ],
)
def test_yaml_11_surprises_follow_the_one_rule(
    tmp_path: Path, old: str, new: str, check: Callable[[Profile], bool]
) -> None:
    assert old in MINIMAL_PROFILE
    profile = load_profile(write_bytes(tmp_path, MINIMAL_PROFILE.replace(old, new, 1).encode()))
    assert check(profile)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("total: 1200000", "total: 1:30", "shop.yaml:13:17: budget.total:"),
        ("months: 6, items", "months: 0x10, items", "shop.yaml:13:34: budget.months:"),
        ("start: 2027-03-01", "start: 2027-3-32", "shop.yaml:5:10: plan.start:"),  # 2027-3-1 is read (issue 15.4)
        ("start: 2027-03-01", "start: 2027-02-30", "shop.yaml:5:10: plan.start:"),
    ],
)
def test_what_a_field_cannot_convert_is_located(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert load_error(tmp_path, MINIMAL_PROFILE.replace(old, new, 1).encode()).startswith(expected)


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    text = MINIMAL_PROFILE.replace(
        "shop:\n  name: 花间\n  platform: douyin", "shop: {name: 花间花间花间, platform: tiktok}"
    )
    # "shop: {" 7 + "name: " 6 + 6 characters + ", " 2 + "platform: " 10 = 31, so tiktok is at
    # column 32 (counting the 18 bytes of 花间花间花间 would give 44).
    assert load_error(tmp_path, text.encode()).startswith("shop.yaml:7:32: shop.platform:")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "shop.yaml: the file is empty"),
        (b"# only a comment\n", "shop.yaml: the file is empty"),
        (b"- a\n- b\n", "shop.yaml:1:1: a profile must be a mapping"),
        (b"just text\n", "shop.yaml:1:1: a profile must be a mapping"),
        (b"a: [1, 2\n", "shop.yaml:2:1: YAML syntax error:"),
        (b"a: 'open\n", "shop.yaml:2:1: YAML syntax error:"),
        (b"a: b: c\n", "shop.yaml:1:5: YAML syntax error:"),
    ],
)
def test_empty_and_broken_files(tmp_path: Path, data: bytes, expected: str) -> None:
    assert load_error(tmp_path, data).startswith(expected)


@pytest.mark.slow
def test_debug_shows_the_traceback_and_plain_runs_do_not(tmp_path: Path) -> None:
    from tests._hardening_helpers import run_cli

    path = write_bytes(tmp_path, MINIMAL_PROFILE.encode("gbk"))
    plain = run_cli("check", str(path))
    assert_clean_failure(plain, "re-save it as UTF-8")
    debug = run_cli("--debug", "check", str(path))
    assert debug.code != 0 and "Traceback" in debug.stderr and "InputError" in debug.stderr
