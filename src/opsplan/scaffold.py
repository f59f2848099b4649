"""``opsplan new``: write a shop profile started from a preset, with every field's description as a comment.

The profile is emitted by walking the validated model, so the file always loads back to the same
``Profile``; scalars are quoted by ``yaml.safe_dump`` and CJK text is kept as it is.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel

from opsplan.errors import InputError, OpsplanError
from opsplan.fileio import check_target, write_text
from opsplan.metrics import CATALOGUE
from opsplan.presets import LOCALES, preset_names, preset_path
from opsplan.profile import Platform, Profile

DEFAULT_PRESET = "douyin-flowers"
DEFAULT_LOCALE = "zh-CN"
SCHEMA_FILE = "opsplan.schema.json"
MAX_NAME_CHARS = 200
T = TypeVar("T")


@dataclass(frozen=True)
class Choices:
    """What the new profile starts from and what is changed in it (None keeps the preset's value)."""

    preset: str
    locale: str
    shop_name: str | None = None
    platform: Platform | None = None
    start: dt.date | None = None
    budget_total: float | None = None


def parse_preset(text: str) -> str:
    """Return the preset named by ``text``; raise ``InputError`` with a did-you-mean hint if unknown."""
    name = text.strip()
    names = preset_names()
    if name in names:
        return name
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise InputError(f"unknown preset {name!r}; {hint}choose one of: {', '.join(names)}")


def parse_locale(text: str) -> str:
    """Return the locale ``text`` names (zh-CN or en)."""
    value = text.strip()
    for locale in LOCALES:
        if value.lower() == locale.lower():
            return locale
    raise InputError(f"unknown locale {value!r}; use zh-CN or en")


def parse_shop_name(text: str) -> str:
    """Return a cleaned shop name: not empty, one line, at most 200 characters."""
    name = text.strip()
    if not name:
        raise InputError("the shop name is empty; give the name customers know the shop by")
    if any(ch in name for ch in "\r\n\t") or not name.isprintable():
        raise InputError("the shop name must be one line of printable text")
    if len(name) > MAX_NAME_CHARS:
        raise InputError(f"the shop name has {len(name)} characters; keep it under {MAX_NAME_CHARS}")
    return name


def parse_platform(text: str) -> Platform:
    """Return the platform ``text`` names."""
    value = text.strip().lower()
    try:
        return Platform(value)
    except ValueError:
        allowed = ", ".join(p.value for p in Platform)
        raise InputError(f"unknown platform {value!r}; choose one of: {allowed}") from None


def parse_start(text: str) -> dt.date:
    """Return the date ``text`` gives as YYYY-MM-DD."""
    value = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise InputError(f"{value!r} is not a date; write it as YYYY-MM-DD, for example 2027-03-01")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{value!r} is not a real date ({exc})") from None


def parse_budget(text: str) -> float:
    """Return the budget total ``text`` gives: a positive number, commas and underscores allowed."""
    value = text.strip().replace(",", "").replace("_", "")
    if not re.fullmatch(r"\d+(\.\d+)?", value):
        raise InputError(f"{text.strip()!r} is not an amount; give a positive number such as 1200000")
    amount = float(value)
    if not 0 < amount < 1e15:
        raise InputError(f"{text.strip()!r}: the budget must be more than 0 and less than 10^15")
    return amount


def _option(name: str, parse: Callable[[str], T], value: str) -> T:
    """Parse a command-line option, naming the option in the error."""
    try:
        return parse(value)
    except InputError as error:
        raise InputError(f"{name}: {error}") from None


def new_profile(
    path: str | Path,
    *,
    preset: str | None,
    locale: str | None,
    shop_name: str | None,
    start: str | None,
    interactive: bool,
    force: bool,
) -> Path:
    """Write a new profile at ``path`` from ``preset`` in ``locale`` and return the path written.

    ``interactive`` asks for kind, locale, shop name, platform, start date and budget (with the
    options and the preset's values as defaults). Refuse to replace an existing file unless ``force``.
    """
    target = Path(path)
    check_target(target, force=force)  # refuse before asking anything
    choices = Choices(
        preset=_option("--preset", parse_preset, preset or DEFAULT_PRESET),
        locale=_option("--locale", parse_locale, locale or DEFAULT_LOCALE),
        shop_name=None if shop_name is None else _option("--shop-name", parse_shop_name, shop_name),
        start=None if start is None else _option("--start", parse_start, start),
    )
    if interactive:
        choices = ask_choices(choices)
    profile = customise(load_preset(choices.preset, choices.locale), choices)
    text = dump_profile(profile, header=_header(choices))
    _verify(text, profile, target)
    return write_text(target, text, force=force)


def load_preset(name: str, locale: str) -> Profile:
    """Load preset ``name`` in ``locale``."""
    from opsplan.load import load_profile

    found = preset_path(name, locale)
    if found is None:
        raise InputError(f"preset {name!r} has no {locale} version")
    return load_profile(found)


def customise(profile: Profile, choices: Choices) -> Profile:
    """Return ``profile`` with the shop name (also in the title), platform, start and budget replaced."""
    data = profile.model_dump(mode="json")
    if choices.shop_name is not None:
        old = data["shop"]["name"]
        data["shop"]["name"] = choices.shop_name
        data["plan"]["title"] = data["plan"]["title"].replace(old, choices.shop_name)
    if choices.platform is not None:
        data["shop"]["platform"] = choices.platform.value
    if choices.start is not None:
        data["plan"]["start"] = choices.start.isoformat()
    if choices.budget_total is not None:
        data["budget"]["total"] = choices.budget_total
    return Profile.model_validate(data)


def ask_choices(choices: Choices) -> Choices:
    """Ask, in order, for kind, locale, shop name, platform, start date and budget; re-ask bad answers."""
    from rich.console import Console

    console = Console()
    names = preset_names()
    name = _ask(console, f"Plan kind [{'/'.join(names)}]", choices.preset, parse_preset)
    locale = _ask(console, "Locale [zh-CN/en]", choices.locale, parse_locale)
    base = load_preset(name, locale)
    shop = _ask(console, "Shop name", choices.shop_name or base.shop.name, parse_shop_name)
    platforms = "/".join(p.value for p in Platform)
    platform = _ask(console, f"Platform [{platforms}]", base.shop.platform.value, parse_platform)
    start = _ask(console, "Start date (YYYY-MM-DD)", (choices.start or base.plan.start).isoformat(), parse_start)
    budget = _ask(console, f"Budget total in {base.plan.currency}", _number(base.budget.total), parse_budget)
    return Choices(name, locale, shop, platform, start, budget)


def _ask(console: Any, question: str, default: str, parse: Callable[[str], T]) -> T:
    """Ask ``question`` until ``parse`` accepts the answer; an empty answer takes ``default``."""
    from rich.markup import escape
    from rich.prompt import Prompt

    while True:
        try:
            answer = Prompt.ask(escape(question), default=default, console=console)
        except EOFError:
            raise InputError(f"no answer to {question!r} (input ended)") from None
        try:
            return parse(answer)
        except InputError as error:
            console.print(f"[red]{escape(str(error))}[/red]")


def _header(choices: Choices) -> list[str]:
    return [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        f"# Editor completion: run `opsplan schema > {SCHEMA_FILE}` in this folder to create the schema.",
        f"# opsplan shop profile, format version 1, started from the preset {choices.preset} ({choices.locale}).",
        "# Each key's meaning is in the comment above it; `opsplan check` reviews the file,",
        "# `opsplan render` turns it into the plan.",
    ]


def _verify(text: str, profile: Profile, target: Path) -> None:
    from opsplan.load import validate_document
    from opsplan.yamlread import parse

    if validate_document(parse(text, str(target))) != profile:
        raise OpsplanError(f"{target}: internal error, the written profile would not load back; nothing written")


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
    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.lines: list[str] = []
        self.commented: set[type[BaseModel]] = set()

    def mapping(self, data: dict[str, Any], annotation: Any, indent: int, lead: str | None = None) -> None:
        """Emit ``data``; ``lead`` (``"  - "``) replaces the indentation of the first key line."""
        model = annotation if _is_model(annotation) else None
        values_annotation = None if model else _args(annotation, 1)
        describe = model is not None and model not in self.commented
        if model is not None:
            self.commented.add(model)
        first = True
        for key, value in data.items():
            if value is None:
                continue
            field = model.model_fields.get(key) if model else None
            if describe and field is not None and field.description:
                pad = lead[:-2] if first and lead else " " * indent
                self.lines.append(f"{pad}# {field.description}")
            head = (lead if first and lead else " " * indent) + _scalar(key)
            first = False
            note = ""
            if model is None and key in CATALOGUE:
                note = f"  # {CATALOGUE[key].label(self.locale)}"
            self.entry(head, value, field.annotation if field else values_annotation, indent, note)

    def entry(self, head: str, value: Any, annotation: Any, indent: int, note: str = "") -> None:
        annotation = _unwrap(annotation)
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
            item_annotation = _unwrap(_args(annotation, 0))
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


def _unwrap(annotation: Any) -> Any:
    """Strip ``Annotated`` and ``X | None`` from a type annotation."""
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is typing.Annotated or (origin in (typing.Union, types.UnionType) and len(args) == 1):
            annotation = args[0]
        else:
            return annotation


def _args(annotation: Any, index: int) -> Any:
    args = typing.get_args(_unwrap(annotation))
    return args[index] if len(args) > index else None


def _is_model(annotation: Any) -> bool:
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
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000_000)
    text = text.removesuffix("\n...\n").rstrip("\n")
    if "\n" in text:
        text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000_000, default_style='"').rstrip("\n")
    return text
