"""``opsplan new``: write a shop profile, a skeleton of the plan kind or (``--example``) its worked example.

The skeleton is built by ``opsplan.skeleton``; the example has every field's description as a comment.
The profile is emitted by walking the model, and refused unless it loads back (the example to the same
``Profile``); scalars are quoted as ``yaml.safe_dump`` quotes them (its emitter and resolver decide) and CJK text
is kept as it is.
"""

from __future__ import annotations

import functools
import io
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from opsplan.errors import InputError, OpsplanError, OutputError
from opsplan.fileio import check_target, write_text
from opsplan.i18n import use
from opsplan.io_messages import iomsg
from opsplan.metrics import CATALOGUE
from opsplan.modelkit import BaseModel
from opsplan.presets import preset_path
from opsplan.profile import Profile
from opsplan.schema_zh import descriptions_zh
from opsplan.skeleton import Answers, NumberGap, guide, section_note, skeleton_data
from opsplan.wizard import parse_locale, parse_preset, parse_shop_name, parse_start

DEFAULT_PRESET = "douyin-flowers"
DEFAULT_LOCALE = "zh-CN"
SCHEMA_FILE = "opsplan.schema.json"
T = TypeVar("T")


@dataclass(frozen=True)
class Choices:
    """What the new profile starts from (kind and locale) and the user's answers."""

    preset: str
    locale: str
    answers: Answers = field(default_factory=Answers)


def _option(name: str, parse: Callable[[str], T], value: str) -> T:
    """Parse a command-line option, naming the option in the error."""
    try:
        return parse(value)
    except InputError as error:
        raise InputError(f"{name}: {error}") from None


def new_profile(path: str | Path, **options: Any) -> Path:
    """Write a new profile at ``path`` and return the path written (the options are ``write_profile``'s)."""
    return write_profile(path, **options)[0]


def new_and_say(path: str | Path, **options: Any) -> str:
    """Write the profile as ``new_profile`` does and return the line that says so.

    After the questions the line is in the language they were asked in; otherwise in the language of messages.
    """
    written, spoken = write_profile(path, **options)
    with use(spoken):
        return iomsg("said.wrote", path=written)


def write_profile(
    path: str | Path,
    *,
    preset: str | None,
    locale: str | None,
    shop_name: str | None,
    start: str | None,
    interactive: bool,
    force: bool,
    example: bool = False,
) -> tuple[Path, str | None]:
    """Write a new profile at ``path`` for the kind ``preset`` in ``locale``.

    The profile is a skeleton (``opsplan.skeleton``) unless ``example``, which writes the kind's full worked
    example. ``interactive`` asks the wizard's questions (``opsplan.wizard``), with the options as defaults.
    Refuse to replace an existing file unless ``force``, or to write into a folder that is not there; nothing is
    written when the questions stop. Return the path written and the language the questions were asked in (None
    when none were asked).
    """
    target = Path(path)
    check_target(target, force=force)  # refuse before asking anything
    if not target.parent.is_dir():  # a file in a folder that is not there is most likely a mistyped path
        raise OutputError(iomsg("new.no_folder", path=_missing_folder(target)))
    choices = Choices(
        preset=_option("--preset", parse_preset, preset or DEFAULT_PRESET),
        locale=_option("--locale", parse_locale, locale or DEFAULT_LOCALE),
        answers=Answers(
            shop_name=None if shop_name is None else _option("--shop-name", parse_shop_name, shop_name),
            start=None if start is None else _option("--start", parse_start, start),
        ),
    )
    if interactive:
        from opsplan.wizard import Asker, ask_all

        kind, language, answers = ask_all(choices.preset, choices.locale, choices.answers, load_preset, Asker())
        choices = Choices(kind, language, answers)
    base = load_preset(choices.preset, choices.locale)
    if example:
        profile = customise(base, choices)
        text = dump_profile(profile, header=_header(choices))
        _verify(text, target, profile)
    else:
        data = skeleton_data(base, choices.answers)
        text = dump_skeleton(data, choices.locale, header=_skeleton_header(choices))
        _verify(text, target)
    return write_text(target, text, force=force), choices.locale if interactive else None


def _missing_folder(target: Path) -> Path:
    """Return the outermost folder above ``target`` that does not exist."""
    missing = target.parent
    while not missing.parent.exists() and missing.parent != missing:
        missing = missing.parent
    return missing


def load_preset(name: str, locale: str) -> Profile:
    """Load preset ``name`` in ``locale``."""
    from opsplan.load import load_profile

    found = preset_path(name, locale)
    if found is None:
        raise InputError(iomsg("new.no_locale", name=name, locale=locale))
    return load_profile(found)


def customise(profile: Profile, choices: Choices) -> Profile:
    """Return ``profile`` with the shop name (also in the title), platform, start and budget replaced."""
    data = profile.model_dump(mode="json")
    answers = choices.answers
    if answers.shop_name is not None:
        old = data["shop"]["name"]
        data["shop"]["name"] = answers.shop_name
        data["plan"]["title"] = data["plan"]["title"].replace(old, answers.shop_name)
    if answers.platform is not None:
        data["shop"]["platform"] = answers.platform.value
    if answers.start is not None:
        data["plan"]["start"] = answers.start.isoformat()
    if answers.budget_total is not None:
        data["budget"]["total"] = answers.budget_total
    return Profile.model_validate(data)


def _header(choices: Choices) -> list[str]:
    lines = (
        [
            f"# 编辑器补全：在本目录运行 `opsplan schema > {SCHEMA_FILE}` 生成 schema。",
            f"# opsplan 店铺档案（格式版本 1），以方案类型 {choices.preset}（{choices.locale}）的示例为起点。",
            "# 每个字段的含义写在它上方的注释里；`opsplan check` 检查本文件，`opsplan render` 把它写成方案。",
        ]
        if choices.locale.startswith("zh")
        else [
            f"# Editor completion: run `opsplan schema > {SCHEMA_FILE}` in this folder to create the schema.",
            f"# opsplan shop profile, format version 1, started from the preset {choices.preset} ({choices.locale}).",
            "# Each key's meaning is in the comment above it; `opsplan check` reviews the file,",
            "# `opsplan render` turns it into the plan.",
        ]
    )
    return [f"# yaml-language-server: $schema={SCHEMA_FILE}", *lines]


def _skeleton_header(choices: Choices) -> list[str]:
    zh = choices.locale.startswith("zh")
    lines = (
        [
            f"# opsplan 店铺档案（格式版本 1），按方案类型 {choices.preset} 的结构生成。",
            "# 空着的字段上方一行注释说明该写什么；写完之前 `opsplan check` 会把它们列为待填写，",
            "# `opsplan render --draft` 在方案中标出这些空白。其余数字和结构来自该类型，可按实际修改。",
            f"# 编辑器补全：在本目录运行 `opsplan schema > {SCHEMA_FILE}`。",
        ]
        if zh
        else [
            f"# opsplan shop profile, format version 1, with the structure of the plan kind {choices.preset}.",
            "# Each empty field has a comment above it saying what to write; until it is written `opsplan check`",
            "# lists it as to be written and `opsplan render --draft` marks the gap. The other figures come",
            f"# from the kind: change them to yours. Editor completion: `opsplan schema > {SCHEMA_FILE}`.",
        ]
    )
    return [f"# yaml-language-server: $schema={SCHEMA_FILE}", *lines]


def _verify(text: str, target: Path, profile: Profile | None = None) -> None:
    """Refuse to write ``text`` unless it loads (back to ``profile`` when one is given)."""
    from opsplan.load import validate_document
    from opsplan.yamlread import parse

    try:
        loaded = validate_document(parse(text, str(target)))
    except OpsplanError:
        loaded = None
    if loaded is None or (profile is not None and loaded != profile):
        raise OpsplanError(iomsg("new.not_loading", path=target))


def dump_skeleton(data: dict[str, Any], locale: str, header: list[str] | None = None) -> str:
    """Return skeleton ``data`` as YAML: a comment in ``locale`` above each section and each field to fill."""
    writer = _Writer(locale, skeleton=True)
    writer.lines.extend(header or [])
    writer.mapping(data, Profile, indent=0)
    return "\n".join(writer.lines) + "\n"


def dump_profile(profile: Profile, header: list[str] | None = None) -> str:
    """Return ``profile`` as YAML with each key's description as a comment on the line above.

    Keys of a model type are commented the first time that type appears only; metric keys in
    ``baseline`` and goal targets get their label as a trailing comment.
    """
    writer = _Writer(profile.plan.locale)
    writer.lines.extend(header or [])
    writer.mapping(profile.model_dump(mode="json"), Profile, indent=0)
    return "\n".join(writer.lines) + "\n"


class _Writer:
    def __init__(self, locale: str, *, skeleton: bool = False) -> None:
        self.locale = locale
        self.skeleton = skeleton
        self.lines: list[str] = []
        self.commented: set[type[BaseModel]] = set()

    def mapping(self, data: dict[str, Any], annotation: Any, indent: int, lead: str | None = None) -> None:
        """Emit ``data``; ``lead`` (``"  - "``) replaces the indentation of the first key line."""
        model = annotation if is_model(annotation) else None
        values_annotation = None if model else _args(annotation, 1)
        describe = model is not None and model not in self.commented and not self.skeleton
        if model is not None:
            self.commented.add(model)
        first = True
        for key, value in data.items():
            field = model.model_fields.get(key) if model else None
            pad = lead[:-2] if first and lead else " " * indent
            head = (lead if first and lead else " " * indent) + _scalar(key)
            if value is None or isinstance(value, NumberGap):
                to_fill = guide(model.__name__, key, self.locale) if model is not None and self.skeleton else None
                if isinstance(value, NumberGap):
                    to_fill = value.say(self.locale)
                if to_fill is not None:
                    self.lines += [f"{pad}# {to_fill}", f"{head}:"]
                    first = False
                continue
            comment = field.description if describe and field is not None else None
            if comment and self.locale.startswith("zh"):
                comment = descriptions_zh().get(comment, comment)
            if self.skeleton and model is Profile:
                comment = section_note(key, self.locale)
            if comment:
                self.lines.append(f"{pad}# {comment}")
            first = False
            note = ""
            if model is None and key in CATALOGUE:
                note = f"  # {CATALOGUE[key].label(self.locale)}"
            self.entry(head, value, field.annotation if field else values_annotation, indent, note)

    def entry(self, head: str, value: Any, annotation: Any, indent: int, note: str = "") -> None:
        annotation = unwrap(annotation)
        if isinstance(value, dict):
            if not value:
                self.lines.append(f"{head}: {{}}")
                return
            self.lines.append(f"{head}:")
            self.mapping(value, annotation, indent + 2)
        elif isinstance(value, list):
            if not value or all(_is_simple(v) for v in value):
                self.lines.append(f"{head}: [{', '.join(_scalar(v) for v in value)}]")
                return
            self.lines.append(f"{head}:")
            item_annotation = unwrap(_args(annotation, 0))
            for item in value:
                lead = " " * (indent + 2) + "- "
                if isinstance(item, dict) and item:
                    self.mapping(item, item_annotation, indent + 4, lead=lead)
                elif isinstance(item, dict | list):
                    raise TypeError("nested lists and empty mappings in a list are not part of the profile")
                else:
                    self.lines.append(lead + _scalar(item))
        else:
            self.lines.append(f"{head}: {_scalar(value)}{note}")


def unwrap(annotation: Any) -> Any:
    """Strip ``Annotated`` and ``X | None`` from a type annotation."""
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is typing.Annotated or (origin in (typing.Union, types.UnionType) and len(args) == 1):
            annotation = args[0]
        else:
            return annotation


def _args(annotation: Any, index: int) -> Any:
    args = typing.get_args(unwrap(annotation))
    return args[index] if len(args) > index else None


def is_model(annotation: Any) -> bool:
    """Return whether ``annotation`` is a pydantic model class."""
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _is_simple(value: Any) -> bool:
    """Scalars safe inside a flow list ``[a, b]`` without quoting: ids, metric keys, numbers."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return True
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\-]*", value):
        return False
    return _scalar(value) == value


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _scalar(value: Any) -> str:
    """Return ``value`` as a YAML scalar that reads back as itself."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value  # dates stay plain; opsplan reads every scalar as text first
    if isinstance(value, str):
        quoted = _quoted(value)
        if quoted is not None:
            return quoted
    return _dumped(value)


def _dumped(value: Any) -> str:
    """Return ``value`` as ``yaml.safe_dump`` writes it alone, on one line (double-quoted if it would take more)."""
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000_000)
    text = text.removesuffix("\n...\n").rstrip("\n")
    if "\n" in text:
        text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000_000, default_style='"').rstrip("\n")
    return text


_STR = "tag:yaml.org,2002:str"
_BREAKS = re.compile("[\n\x85\u2028\u2029]")
# Text the emitter's analysis always lets stand plain: a letter, digit or CJK character first, then those, spaces
# and punctuation that means nothing to YAML after the first character; no ':', '#', tab or control character, and
# no space at the end (most of a profile's prose: skipping the analysis, character by character in Python, halves
# the time again)
_WORD = "A-Za-z0-9\u4e00-\u9fff\u3001-\u303f\uff01-\uffef"
_PLAIN_TEXT = re.compile(f"[{_WORD}][{_WORD} .,;()/+%'\\-_]*(?<! )")


@functools.cache
def _yaml_rules() -> tuple[Any, Any]:
    """Return the PyYAML emitter and resolver ``safe_dump`` uses, to ask them about one scalar."""
    return yaml.emitter.Emitter(io.StringIO(), allow_unicode=True), yaml.resolver.Resolver()


def _quoted(text: str) -> str | None:
    """Return ``text`` as ``_dumped`` does when it is plain or single-quoted on one line; None for the other cases.

    ``safe_dump`` builds an emitter for every call (28 µs a scalar, 86% of writing a profile); its choice of style
    is the emitter's analysis of the text and the resolver's reading of it, asked here directly (as
    ``Emitter.choose_scalar_style`` does for a root scalar). Text with a line break is left to ``_dumped``.
    """
    emitter, resolver = _yaml_rules()
    if _PLAIN_TEXT.fullmatch(text) and resolver.resolve(yaml.ScalarNode, text, (True, False)) == _STR:
        return text
    if _BREAKS.search(text):
        return None
    analysis = emitter.analyze_scalar(text)
    if analysis.allow_block_plain and resolver.resolve(yaml.ScalarNode, text, (True, False)) == _STR:
        return text
    if analysis.allow_single_quoted:
        return "'" + text.replace("'", "''") + "'"
    return None
