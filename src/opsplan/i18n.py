"""The language opsplan speaks to its user (zh-CN or en) and the lookup in its message catalogues.

A catalogue is a dict from a stable id to ``(en, zh-CN)`` templates with ``{name}`` placeholders, so a
message and its translation sit side by side. The language is chosen in this order:

1. ``--lang`` on the command line (held in a context variable while the command runs);
2. ``OPSPLAN_LANG`` (the same explicit choice, for a shell or CI job);
3. for messages about a profile (its load errors, its findings and their report), its ``plan.locale``;
4. ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` (``zh…`` is zh-CN, any other language en; ``C``/``POSIX`` say nothing);
5. en.

Imports nothing heavy: the CLI reads ``--lang`` before any command runs.
"""

from __future__ import annotations

import os
from _string import formatter_parser as _formatter_parser  # type: ignore[import-not-found]
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

EN, ZH = "en", "zh-CN"
LANGS = (ZH, EN)
Catalogue = Mapping[str, tuple[str, str]]

# what ``string.Formatter().parse`` returns: (literal, field name, spec, conversion) for each piece of a template.
# Importing ``string`` for it compiled ``string.Template``'s pattern, in every command (0.4 ms).
formatter_parser: Callable[[str], Iterable[tuple[str, str | None, str | None, str | None]]] = _formatter_parser

_chosen: ContextVar[str | None] = ContextVar("opsplan_lang", default=None)
_file: ContextVar[str | None] = ContextVar("opsplan_file_lang", default=None)
# (OPSPLAN_LANG's language, the locale variables' language) as ``settled`` read them for the block it holds
_settled: ContextVar[tuple[str | None, str | None] | None] = ContextVar("opsplan_settled_lang", default=None)


def language_of(value: str | None) -> str | None:
    """Return zh-CN or en for a language or locale name (``zh_CN.UTF-8``, ``en-US``), None for none."""
    text = (value or "").strip().split(".")[0].replace("_", "-").lower()
    if not text or text in ("c", "posix"):
        return None
    return ZH if text.startswith("zh") else EN


def parse_lang(value: str) -> str:
    """Return the language ``--lang`` names (zh-CN, zh, en …); raise ``ValueError`` for anything else."""
    text = value.strip().replace("_", "-").lower()
    if text in ("zh", "zh-cn", "zh-hans", "cn"):
        return ZH
    if text in ("en", "en-us", "en-gb"):
        return EN
    raise ValueError(value)


def language_on_line(args: Sequence[str]) -> str | None:
    """Return the language the last valid ``--lang`` on a command line names, wherever it stands.

    The help and usage errors are said in it before the command line is parsed, so ``--lang`` counts also
    after ``--help``. Nothing after ``--`` is an option.
    """
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = arg[len("--lang=") :] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        try:
            found = parse_lang(value) if value is not None else found
        except ValueError:
            continue
    return found


def environment_language() -> str | None:
    """Return the language ``OPSPLAN_LANG``, ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` names, if any."""
    return _explicit_environment() or _locale_environment()


def _explicit_environment() -> str | None:
    return language_of(os.environ.get("OPSPLAN_LANG"))


def _locale_environment() -> str | None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        found = language_of(os.environ.get(name))
        if found:
            return found
    return None


def language() -> str:
    """Return the language of messages now, in the order of the module docstring."""
    environment = _settled.get()
    if environment is None:
        return _chosen.get() or _explicit_environment() or _file.get() or _locale_environment() or EN
    explicit, locale = environment
    return _chosen.get() or explicit or _file.get() or locale or EN


@contextmanager
def settled() -> Iterator[None]:
    """Read the environment's language (``OPSPLAN_LANG``, the locale variables) once, for the whole block.

    A check says thousands of messages, and reading four variables for each cost more than the check (1 MB of
    repeated headings: a million messages, about 10 s). The block reads them at its start, so a change between
    two blocks (a test, ``serve`` between runs) is followed; ``--lang`` (``use``) and a profile's locale
    (``about_profile``) still change the language inside it.
    """
    token = _settled.set((_explicit_environment(), _locale_environment()))
    try:
        yield
    finally:
        _settled.reset(token)


def chosen() -> str | None:
    """Return the language ``--lang`` chose for this command (held by ``use``), or None when it chose none."""
    return _chosen.get()


def choose(lang: str | None) -> None:
    """Speak ``lang`` from now on in this thread, as ``--lang`` does: for a worker process's whole life."""
    _chosen.set(lang)


def is_zh() -> bool:
    """Return whether messages are in Chinese now."""
    return language() == ZH


@contextmanager
def use(lang: str | None) -> Iterator[None]:
    """Speak ``lang`` inside the block (``None`` keeps the current choice)."""
    token = _chosen.set(lang or _chosen.get())
    try:
        yield
    finally:
        _chosen.reset(token)


@contextmanager
def about_profile(locale: str | None) -> Iterator[None]:
    """Speak the profile's ``plan.locale`` inside the block unless ``--lang`` or ``OPSPLAN_LANG`` chose one.

    ``None`` (a file with no locale, such as a plan document) keeps the language of the enclosing block. The
    environment's language is read once for the block, as ``settled`` does (a check of a profile says a few hundred
    messages), unless an enclosing block read it.
    """
    token = _file.set(language_of(locale) or _file.get())
    held = _settled.set(_settled.get() or (_explicit_environment(), _locale_environment()))
    try:
        yield
    finally:
        _settled.reset(held)
        _file.reset(token)


def profile_locale(data: object) -> str | None:
    """Return the ``plan.locale`` written in a profile's raw data, if it is there."""
    plan = data.get("plan") if isinstance(data, dict) else None
    locale = plan.get("locale") if isinstance(plan, dict) else None
    return locale if isinstance(locale, str) else None


class Said(str):
    """A message that keeps the language it was said in, when it travels as text (from a worker process)."""

    language: str

    def __new__(cls, text: str, language: str) -> Said:
        """Return ``text`` said in ``language``."""
        said = super().__new__(cls, text)
        said.language = language
        return said

    def __reduce__(self) -> tuple[type[Said], tuple[str, str]]:
        return (Said, (str(self), self.language))


def say(catalogue: Catalogue, key: str, /, **params: object) -> str:
    """Return the message ``key`` of ``catalogue`` in the current language, placeholders filled."""
    return say_in(language(), catalogue, key, **params)


def say_in(lang: str, catalogue: Catalogue, key: str, /, **params: object) -> str:
    """Return the message ``key`` of ``catalogue`` in ``lang`` (zh-CN or en), whatever the current language."""
    en, zh = catalogue[key]
    return filled_zh(zh, params) if lang == ZH else en.format(**params)


def _tight(char: str) -> bool:
    """Return whether ``char`` is Chinese text or full-width punctuation, which no space separates in Chinese."""
    return bool(char) and (
        "\u4e00" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef" or char in "“”‘’…"
    )


def filled_zh(template: str, params: Mapping[str, object]) -> str:
    """Return Chinese ``template`` filled from ``params``, without a space the value put between Chinese words.

    A template writes a space beside a placeholder for a value that starts or ends with Latin letters or digits
    (``{name} 没有负责人`` for R20); when the value meets it with full-width punctuation (风险 R20（主播跳槽）) or
    a Chinese word (方案文档), the space is dropped, as Chinese writing has none there.
    """
    pieces: list[tuple[str, bool]] = []  # (text, is a filled placeholder)
    for literal, name, spec, conversion in formatter_parser(template):
        if literal:
            pieces.append((literal, False))
        if name is not None:
            field = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            pieces.append((field.format(**params), True))
    out: list[str] = []
    for index, (text, filled) in enumerate(pieces):
        if not filled:
            before = pieces[index - 1] if index else ("", False)
            after = pieces[index + 1] if index + 1 < len(pieces) else ("", False)
            if before[1] and text.startswith(" ") and _tight(text[1:2]) and _word_edge(before[0], -1):
                text = text[1:]
            if after[1] and text.endswith(" ") and _tight(text[-2:-1]) and _word_edge(after[0], 0):
                text = text[:-1]
        out.append(text)
    return "".join(out)


def _word_edge(value: str, at: int) -> bool:
    """Return whether ``value`` meets its neighbour at ``at`` with full-width punctuation or a Chinese word.

    A number with a Chinese unit (80万) keeps its space, as numbers do.
    """
    edge = value[at:][:1]
    if not _tight(edge):
        return False
    return not ("\u4e00" <= edge <= "\u9fff") or not any(ch.isdigit() for ch in value)


def listing(items: Iterable[str]) -> str:
    """Join names as the language of messages lists them: ``a, b`` or ``a、b``."""
    return ("、" if is_zh() else ", ").join(items)


def listing_and(items: Iterable[str]) -> str:
    """Join names as one list that reads as a whole: ``a, b and c`` or ``a、b和c``."""
    names = list(items)
    if len(names) < 2:
        return "".join(names)
    return f"{listing(names[:-1])}{'和' if is_zh() else ' and '}{names[-1]}"


def placeholders(template: str) -> set[str]:
    """Return the placeholder names of a template (for the test that both languages use the same)."""
    return {name for _, name, _, _ in formatter_parser(template) if name}
