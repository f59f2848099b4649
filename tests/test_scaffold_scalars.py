"""`opsplan new` writes every scalar as ``yaml.safe_dump`` would, without calling it for each one.

``scaffold._scalar`` asks PyYAML's emitter and resolver for a string's style (``_quoted``) and calls
``safe_dump`` (``_dumped``, the way every string but a date was written before) only for text it leaves. The profile written
must be the same, byte for byte: each string of every preset and example is compared with ``_dumped``, and whole
profiles are compared with the ones written with ``_dumped`` alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsplan import scaffold
from opsplan.load import load_profile
from opsplan.presets import LOCALES, preset_names, preset_path

REPO = Path(__file__).resolve().parents[1]


def _preset(name: str, locale: str) -> Path:
    path = preset_path(name, locale)
    assert path is not None, (name, locale)
    return path


PROFILES = [_preset(name, locale) for name in preset_names() for locale in LOCALES]
PROFILES += sorted((REPO / "examples").glob("*.yaml"))


def _strings(value: Any) -> set[str]:
    if isinstance(value, dict):
        return {s for key, item in value.items() for s in _strings(key) | _strings(item)}
    if isinstance(value, list):
        return {s for item in value for s in _strings(item)}
    return {value} if isinstance(value, str) else set()


def test_every_string_of_the_presets_and_examples_is_written_as_safe_dump_writes_it():
    strings = set().union(*(_strings(load_profile(path).model_dump(mode="json")) for path in PROFILES))
    assert len(strings) > 4000  # keys, names and prose of ten presets and ten examples
    quoted = {s: scaffold._quoted(s) for s in strings}
    assert [s for s, said in quoted.items() if said is not None and said != scaffold._dumped(s)] == []
    assert sum(said is None for said in quoted.values()) < len(strings) / 20  # few left to safe_dump


TRICKY = [
    "", " ", "a ", " a", "a  b", "yes", "No", "null", "~", "true", "0x1F", "010", "1_000", "1.5", ".inf", "-.5",
    "2027-03-01", "2027-3-1 10:00", "=", "<<", "a: b", "a:b", "a:", "a #b", "a#b", "#a", "- a", "-a", "--- a",
    "...a", "? a", "?a", ":a", "[a]", "a[b]", "{a}", "${shop.name}", "a, b", ",a", "'a'", "it's", '"a"', 'a"b',
    "%a", "@a", "`a", "&a", "*a", "!a", "|a", ">a", "a\tb", "a\nb", "a\n", "\na", "a\x85b", "a\u2028b", "a\ufeffb",
    "a\x00b", "a\x7fb", "a\xa0b", "\u3000a", "a\u3000", "科普：花艺", "30%", "花艺 ", "（一）", "＃话题", "é", "a\\b",
    "a\ud800b", "\ufffe", "𝒜", "a -", "a - b", "a_", "_a", "1:30", "3.10", "0o17", "+1", "1e3", "NaN", "Y", "on",
]  # fmt: skip


@pytest.mark.parametrize("text", TRICKY)
def test_text_yaml_treats_specially_is_written_as_safe_dump_writes_it(text):
    assert scaffold._quoted(text) in (None, scaffold._dumped(text))


YAML_CHARS = " -?:,[]{}#&*!|>'\"%@`\t\n.~=<0123456789aeflnorstuy_：（），、\u3000\u2028\x85\xa0\ufeff"


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(st.text(), st.text(alphabet=YAML_CHARS, max_size=8), st.text(alphabet=YAML_CHARS + "花艺", min_size=1))
)
def test_any_text_is_written_as_safe_dump_writes_it(text):
    assert scaffold._quoted(text) in (None, scaffold._dumped(text))


def _both_ways(monkeypatch: pytest.MonkeyPatch, path: Path) -> tuple[str, str]:
    profile = load_profile(path)
    fast = scaffold.dump_profile(profile, ["# header"])
    with monkeypatch.context() as patched:
        patched.setattr(scaffold, "_quoted", lambda text: None)  # every scalar through safe_dump, as before
        before = scaffold.dump_profile(profile, ["# header"])
    return fast, before


@pytest.mark.parametrize("locale", LOCALES)
def test_a_preset_is_written_byte_for_byte_as_before(monkeypatch, locale):
    fast, before = _both_ways(monkeypatch, _preset("wechat-clothing-group", locale))
    assert fast.encode() == before.encode()


@pytest.mark.slow
@pytest.mark.parametrize("path", PROFILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_preset_and_example_is_written_byte_for_byte_as_before(monkeypatch, path):
    fast, before = _both_ways(monkeypatch, path)
    assert fast.encode() == before.encode()
