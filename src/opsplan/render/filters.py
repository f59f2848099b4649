"""Locale-aware Jinja filters: counts, money, percentages, ratios, durations, dates, metrics.

Every filter takes the locale as its first argument; ``filters_for(locale)`` binds it and returns the
mapping the environment registers. The number and date formatting itself lives in ``opsplan.formatting``,
which the plan shares to write values into resolved text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from opsplan.formatting import (
    count,
    date,
    delta,
    duration,
    metric_value,
    money,
    number,
    percent,
    ratio,
)
from opsplan.metrics import CATALOGUE
from opsplan.render.figures_markdown import gantt_table
from opsplan.render.markup import (
    cell,
    code_span,
    gantt_cells,
    join_words,
    mermaid_id,
    mermaid_text,
    meta_attr,
    paragraph,
)


def metric_direction(key: str) -> str:
    """Return ``up`` or ``down``: which way a good plan moves the catalogued metric ``key``."""
    metric = CATALOGUE.get(key)
    return metric.direction.value if metric else "up"


def clause(value: Any) -> str:
    """Strip the closing punctuation of a profile sentence so it can sit inside a longer sentence."""
    return str(value).strip().rstrip("。；;，,.!！?？ ")


def lcfirst(value: Any) -> str:
    """Lower-case the first letter for use mid-sentence, keeping acronyms: Ad ROI → ad ROI, KOC count → KOC count."""
    text = str(value)
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def ucfirst(value: Any) -> str:
    """Upper-case the first letter, leaving the rest as it is: monthly GMV → Monthly GMV."""
    text = str(value)
    return text[:1].upper() + text[1:]


def name_of(ident: str, items: Iterable[Any]) -> str:
    """Return the ``name`` of the item whose ``id`` is ``ident`` (a task, a phase); else ``ident``."""
    for item in items:
        if item["id"] == ident:
            return str(item["name"])
    return ident


def metric_label(locale: str, key: str) -> str:
    """Return the catalogued metric's label in ``locale``; an unknown key is shown as given."""
    metric = CATALOGUE.get(key)
    return metric.label(locale) if metric else key


_DIGITS = "零一二三四五六七八九"


def own_markdown(value: Any) -> Markup:
    """Mark a chapter body the view has made safe (``opsplan.plan.own_chapters.body_markdown``) as Markdown."""
    return Markup(str(value))


def chinese_numeral(n: int) -> str:
    """Write 1–99 as chapter numbers are written in Chinese: 1 → 一, 10 → 十, 13 → 十三, 21 → 二十一."""
    if not 1 <= n <= 99:
        raise ValueError(f"chapter number {n} is outside 1–99")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def filters_for(locale: str) -> dict[str, Callable[..., Any]]:
    """Return every filter, bound to ``locale``, keyed by the name templates use."""
    plain: dict[str, Callable[..., str]] = {
        "count": count,
        "percent": percent,
        "ratio": ratio,
        "number": number,
        "duration": duration,
        "date": date,
        "metric_label": metric_label,
        "join_words": join_words,
        "paragraph": paragraph,
    }
    bound: dict[str, Callable[..., Any]] = {name: functools.partial(func, locale) for name, func in plain.items()}
    bound["own_markdown"] = own_markdown

    @pass_context
    def money_in_context(ctx: Context, value: float, currency: str | None = None, full: bool = False) -> str:
        return money(locale, value, currency or ctx.get("currency") or "CNY", full)

    @pass_context
    def metric_in_context(ctx: Context, value: float, key: str) -> str:
        return metric_value(locale, value, key, ctx.get("currency") or "CNY")

    bound["money"] = money_in_context
    bound["metric_value"] = metric_in_context

    @pass_context
    def delta_in_context(ctx: Context, value: float, key: str) -> str:
        return delta(locale, value, key, ctx.get("currency") or "CNY")

    bound["delta"] = delta_in_context
    # the same in every locale, under their own names
    unbound: list[Callable[..., Any]] = [metric_direction, clause, name_of, lcfirst, ucfirst, cell, chinese_numeral]
    unbound += [meta_attr, mermaid_text, mermaid_id, gantt_cells, code_span]
    bound.update((func.__name__, func) for func in unbound)
    bound["gantt_table"] = functools.partial(gantt_table, locale)
    return bound
