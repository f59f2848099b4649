"""The questions ``opsplan new`` asks in a terminal, in the language the user picks first.

Kind, shop name, platform, category, audience in one line, start date, budget, team size, and for each of
the metrics the skeleton plans (``skeleton_metrics``: the headline ones, the average order value, any the
kind's text refers to) its value today and its target at the first horizon. Every question shows its default (the
command-line option, else the kind's own value); an answer is read as it is typed, in the forms people
write (``600万``, ``30%``, ``2027/3/1``, full-width digits), and a bad one is asked again with the reason.
End of input is an ``InputError`` and Ctrl-C a ``KeyboardInterrupt``: either way nothing is written.
The ``parse_*`` functions also read the command-line options.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from opsplan.enum_words import read_word
from opsplan.errors import InputError
from opsplan.i18n import Catalogue, say, use
from opsplan.input_forms import FormError, read_date, read_number
from opsplan.load_messages import lmsg
from opsplan.metrics import CATALOGUE, MetricKind
from opsplan.presets import LOCALES, preset_names
from opsplan.profile import Platform
from opsplan.profile_types import FIRST_DAY, LAST_DAY
from opsplan.skeleton import Answers, skeleton_metrics

if TYPE_CHECKING:
    from opsplan.profile import Profile

MAX_NAME_CHARS = 200
MAX_TEAM = 100_000
T = TypeVar("T")

# question key → (zh-CN, en); {…} fields are filled in when asked
QUESTIONS: dict[str, tuple[str, str]] = {
    "locale": ("语言 / Language [zh-CN/en]", "Language / 语言 [zh-CN/en]"),
    "kind": ("方案类型 [{choices}]", "Plan kind [{choices}]"),
    "shop": ("店铺名称", "Shop name"),
    "platform": ("平台 [{choices}]", "Platform [{choices}]"),
    "category": ("卖什么（品类）", "What the shop sells (category)"),
    "audience": ("目标人群，一句话", "Target audience, in one line"),
    "start": ("开始日期（如 2027/3/1）", "Start date (e.g. 2027-03-01)"),
    "budget": ("总预算（{currency}，如 600万）", "Total budget in {currency} (e.g. 6,000,000)"),
    "team": ("团队人数", "Team size (people)"),
    "today": ("{label}：现在是多少", "{label}: the value today"),
    "target": ("{label}：{months}个月后的目标", "{label}: the target in {months} months"),
}
# what a bad answer (or command-line option) is told, (en, zh-CN)
ERRORS: Catalogue = {
    "preset": (
        "unknown preset {name!r}; {hint}choose one of: {names}",
        "没有 {name!r} 这种方案类型；{hint}可选：{names}",
    ),
    "preset_hint": ("did you mean {close!r}? ", "是不是 {close!r}？"),
    "locale": ("unknown locale {value!r}; use zh-CN or en", "不认识语言 {value!r}；请用 zh-CN 或 en"),
    "empty": ("{what} is empty; {hint}", "{what}是空的；{hint}"),
    "one_line": ("{what} must be one line of printable text", "{what}只能是一行可打印的文字"),
    "too_long": ("{what} has {n} characters; keep it under {most}", "{what}有 {n} 个字，请控制在 {most} 个以内"),
    "shop": ("the shop name", "店铺名称"),
    "shop_hint": ("give the name customers know the shop by", "请写顾客熟悉的店名"),
    "answer": ("the answer", "回答"),
    "answer_hint": ("write a few words", "请写几个字"),
    "platform": ("unknown platform {value!r}; choose one of: {allowed}", "不认识平台 {value!r}；可选：{allowed}"),
    "date": (
        "{value!r} is not a real date; write it as 2027-03-01 or 2027/3/1",
        "{value!r} 不是有效日期；请写成 2027-03-01 或 2027/3/1",
    ),
    "number": ("{value!r} is not a number; write it like {example}", "{value!r} 不是数字；请写成 {example} 这样"),
    "range": ("{value!r} is out of range{rate}", "{value!r} 超出范围{rate}"),
    "rate": ("; a rate is 0-100%", "；比率应在 0-100% 之间"),
    "budget": ("{value!r}: the budget must be more than 0", "{value!r}：预算必须大于 0"),
    "team": (
        "{value!r}: give the number of people, a whole number from 1",
        "{value!r}：请写人数，从 1 起的整数",
    ),
    "ended": (
        "no answer to {question!r} (input ended); nothing written",
        "没有回答「{question}」（输入已结束）；未写入任何文件",
    ),
}


def _error(key: str, /, **params: object) -> InputError:
    return InputError(say(ERRORS, key, **params))


HELLO = (
    "回答以下问题，直接回车使用圆括号里的默认值；按 Ctrl-C 退出，不会写入任何文件。",
    "Answer the questions; Enter takes the default in parentheses. Ctrl-C stops without writing anything.",
)


def _say(key: str, locale: str, **values: object) -> str:
    zh, en = QUESTIONS[key]
    return (zh if locale.startswith("zh") else en).format(**values)


def parse_preset(text: str) -> str:
    """Return the preset named by ``text``; raise ``InputError`` with a did-you-mean hint if unknown."""
    name = text.strip()
    names = preset_names()
    if name in names:
        return name
    from difflib import get_close_matches  # only when a name is unknown

    close = get_close_matches(name, names, n=1, cutoff=0.5)
    hint = say(ERRORS, "preset_hint", close=close[0]) if close else ""
    raise _error("preset", name=name, hint=hint, names=", ".join(names))


def parse_locale(text: str) -> str:
    """Return the locale ``text`` names (zh-CN or en; zh and 中文 are read as zh-CN)."""
    value = text.strip()
    for locale in LOCALES:
        if value.lower() == locale.lower():
            return locale
    if value.lower() in ("zh", "cn", "中文", "简体中文"):
        return "zh-CN"
    if value.lower() in ("english", "英文"):
        return "en"
    raise _error("locale", value=value)


def parse_shop_name(text: str) -> str:
    """Return a cleaned shop name: not empty, one line, at most 200 characters."""
    return _line(text, say(ERRORS, "shop"), say(ERRORS, "shop_hint"))


def parse_line(text: str) -> str:
    """Return one line of free text (the category): not empty, printable, at most 200 characters."""
    return _line(text, say(ERRORS, "answer"), say(ERRORS, "answer_hint"))


def parse_optional_line(text: str) -> str | None:
    """Return one line of free text, or None for an empty answer (the field is then left to fill)."""
    return _line(text, say(ERRORS, "answer"), "") if text.strip() else None


def _line(text: str, what: str, hint: str) -> str:
    value = text.strip()
    if not value:
        raise _error("empty", what=what, hint=hint)
    if any(ch in value for ch in "\r\n\t") or not value.isprintable():
        raise _error("one_line", what=what)
    if len(value) > MAX_NAME_CHARS:
        raise _error("too_long", what=what, n=len(value), most=MAX_NAME_CHARS)
    return value


def parse_platform(text: str) -> Platform:
    """Return the platform ``text`` names."""
    value = text.strip().lower()
    try:
        return read_word(Platform, value)  # type: ignore[no-any-return]
    except ValueError:
        raise _error("platform", value=value, allowed=", ".join(p.value for p in Platform)) from None


def parse_start(text: str) -> dt.date:
    """Return the date ``text`` gives: 2027-03-01, 2027/3/1, 2027-3-1 or 2027年3月1日."""
    value = unicodedata.normalize("NFKC", text).strip()
    try:
        reading = read_date(value)
        day = dt.date.fromisoformat(reading.value if reading else value)  # type: ignore[arg-type]
    except (FormError, ValueError, TypeError):
        raise _error("date", value=text.strip()) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InputError(lmsg("value.date_range", day=day.isoformat(), first=FIRST_DAY, last=LAST_DAY))
    return day


def parse_amount(text: str, *, fraction: bool = False) -> float:
    """Return the positive number ``text`` gives: 600万, 1.2亿, 6,000,000; with ``fraction``, 30% is 0.3."""
    value = unicodedata.normalize("NFKC", text).strip()
    try:
        reading = read_number(value, fraction=fraction)
        number = float(reading.value) if reading else float(value)
    except (FormError, ValueError):
        example = "30%" if fraction else "600万 / 6,000,000"
        raise _error("number", value=text.strip(), example=example) from None
    if not 0 <= number < 1e15 or (fraction and number > 1):
        raise _error("range", value=text.strip(), rate=say(ERRORS, "rate") if fraction else "")
    return number


def parse_budget(text: str) -> float:
    """Return the budget total ``text`` gives (600万, 6,000,000): more than 0."""
    amount = parse_amount(text)
    if amount <= 0:
        raise _error("budget", value=text.strip())
    return amount


def parse_team(text: str) -> int:
    """Return the team size ``text`` gives: a whole number from 1 to 100,000."""
    amount = parse_amount(text)
    if not amount.is_integer() or not 1 <= amount <= MAX_TEAM:
        raise _error("team", value=text.strip())
    return int(amount)


def metric_parser(key: str) -> Callable[[str], float]:
    """Return the parser of a value of metric ``key`` (rates as 30% or 0.3)."""
    rate = CATALOGUE[key].kind is MetricKind.RATE
    return lambda text: parse_amount(text, fraction=rate)


class Asker:
    """Asks one question at a time on the terminal until the answer parses."""

    def __init__(self, console: Any | None = None) -> None:
        from rich.console import Console

        self.console = console or Console(highlight=False)

    def ask(self, question: str, default: str, parse: Callable[[str], T]) -> T:
        """Ask ``question`` until ``parse`` accepts the answer; an empty answer takes ``default``."""
        from rich.markup import escape
        from rich.prompt import Prompt

        while True:
            try:
                answer = Prompt.ask(escape(question), default=default or None, console=self.console)
            except EOFError:
                raise _error("ended", question=question) from None
            try:
                return parse(answer or "")
            except InputError as error:
                self.console.print(f"[red]{escape(str(error))}[/red]")


def show(key: str, value: float) -> str:
    """Return a metric value as a default the user can accept or edit (rates as 35%)."""
    if CATALOGUE[key].kind is MetricKind.RATE:
        return f"{round(value * 100, 2):g}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def ask_all(
    preset: str, locale: str, options: Answers, load: Callable[[str, str], Profile], asker: Asker
) -> tuple[str, str, Answers]:
    """Ask every question (defaults: ``options``, then the kind's values); return (kind, locale, answers)."""
    locale = asker.ask(QUESTIONS["locale"][0], locale, parse_locale)
    with use(locale):
        return _ask_rest(preset, locale, options, load, asker)


def _ask_rest(
    preset: str, locale: str, options: Answers, load: Callable[[str, str], Profile], asker: Asker
) -> tuple[str, str, Answers]:
    asker.console.print(HELLO[0 if locale.startswith("zh") else 1])
    names = "/".join(preset_names())
    kind = asker.ask(_say("kind", locale, choices=names), preset, parse_preset)
    base = load(kind, locale)
    shop = asker.ask(_say("shop", locale), options.shop_name or "", parse_shop_name)
    platforms = "/".join(p.value for p in Platform)
    platform = asker.ask(_say("platform", locale, choices=platforms), base.shop.platform.value, parse_platform)
    category = asker.ask(_say("category", locale), "", parse_line)  # the example's own category is not offered
    audience = asker.ask(_say("audience", locale), "", parse_optional_line)
    start = asker.ask(_say("start", locale), (options.start or base.plan.start).isoformat(), parse_start)
    budget = asker.ask(_say("budget", locale, currency=base.plan.currency), show_money(base.budget.total), parse_budget)
    team = asker.ask(_say("team", locale), str(sum(r.count for r in base.team)), parse_team)
    metrics: dict[str, tuple[float, float]] = {}
    months = base.goals.short.months
    for key in skeleton_metrics(base):
        label = CATALOGUE[key].label(locale)
        parse = metric_parser(key)
        today = asker.ask(_say("today", locale, label=label), show(key, base.baseline.get(key, 0.0)), parse)
        target = today  # a metric the first horizon does not target: its later targets follow today's value
        if key in base.goals.short.targets:
            question = _say("target", locale, label=label, months=months)
            target = asker.ask(question, show(key, base.goals.short.targets[key]), parse)
        metrics[key] = (today, target)
    answers = Answers(shop, platform, category, audience, start, budget, team, metrics)
    return kind, locale, answers


def show_money(value: float) -> str:
    """Return an amount as a default: 6,000,000."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
