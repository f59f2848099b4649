"""The sandbox for user templates: what a template may touch is an allow-list, and its work is bounded.

Templates receive plain data only (``dict``, ``list``, ``str``, numbers, dates, ``None``; see
``opsplan.render.views``). ``AllowListSandbox`` lets a template read the attributes and call the
methods listed in ``DATA_METHODS`` on those types, and the few attributes of Jinja's own loop, macro
and block objects that the template language needs; everything else is refused, whatever its name.
It uses the hooks Jinja documents for this (``is_safe_attribute``, ``is_safe_callable``,
``call_binop``) and bounds ``*``, ``**``, ``+`` and ``%``, the length of text handed to a call, and CPU
time. ``SANDBOX_FILTERS`` and ``SANDBOX_GLOBALS`` are the only Jinja built-ins a user template sees.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import time
import types
from collections.abc import Callable, Iterable
from typing import Any

import jinja2
import jinja2.filters
from jinja2.environment import TemplateModule
from jinja2.exceptions import SecurityError
from jinja2.runtime import BlockReference, LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment, safe_range
from markupsafe import Markup

from opsplan.render import environment
from opsplan.render.messages import rmsg

MAX_REPEAT = 1_000_000  # longest string or list that `*`, `+`, `~`-fed calls, join or replace may build
MAX_POWER_DIGITS = 10_000  # largest integer power `**` may compute, in decimal digits

_STR_METHODS = frozenset(
    {
        "capitalize",
        "endswith",
        "isdigit",
        "lower",
        "lstrip",
        "rstrip",
        "split",
        "startswith",
        "strip",
        "title",
        "upper",
    }
)
DATA_METHODS: dict[type, frozenset[str]] = {
    str: _STR_METHODS,
    Markup: _STR_METHODS,
    dict: frozenset({"get", "items", "keys", "values"}),
    list: frozenset({"count", "index"}),
    dt.date: frozenset({"day", "isoformat", "month", "weekday", "year"}),
    int: frozenset(),
    float: frozenset(),
    bool: frozenset(),
}
"""Per plain-data type, the attributes and methods a template may use (exact types only)."""

JINJA_ATTRIBUTES: dict[type, frozenset[str]] = {
    LoopContext: frozenset(
        {
            "changed",
            "cycle",
            "depth",
            "depth0",
            "first",
            "index",
            "index0",
            "last",
            "length",
            "nextitem",
            "previtem",
            "revindex",
            "revindex0",
        }
    ),
    BlockReference: frozenset({"super"}),
}
"""Attributes of Jinja's own runtime objects that the template language needs (``loop.index``, ``super``)."""

SANDBOX_FILTERS = frozenset(
    {
        "abs",
        "batch",
        "capitalize",
        "d",
        "default",
        "dictsort",
        "first",
        "float",
        "groupby",
        "int",
        "items",
        "last",
        "length",
        "list",
        "lower",
        "map",
        "max",
        "min",
        "reject",
        "rejectattr",
        "reverse",
        "round",
        "select",
        "selectattr",
        "slice",
        "sort",
        "string",
        "sum",
        "title",
        "trim",
        "unique",
        "upper",
        "wordcount",
    }
)
"""Jinja's built-in filters a user template may use (besides opsplan's own and the bounded join/replace)."""


def _bounded_text(size: int, what: str) -> None:
    if size > MAX_REPEAT:
        raise SecurityError(
            rmsg("sandbox.items", what=rmsg(f"sandbox.{what}"), size=f"{size:,}", limit=f"{MAX_REPEAT:,}")
        )


def bounded_join(value: Iterable[Any], separator: str = "", attribute: str | None = None) -> str:
    """Join like Jinja's ``join`` filter, refusing a result longer than ``MAX_REPEAT`` characters."""
    items = [item if attribute is None else item[attribute] for item in value]
    parts = [str(item) for item in items]
    _bounded_text(sum(map(len, parts)) + len(separator) * max(len(parts) - 1, 0), "join")
    return separator.join(parts)


def bounded_replace(value: str, old: str, new: str, count: int | None = None) -> str:
    """Replace like Jinja's ``replace`` filter, refusing a result longer than ``MAX_REPEAT`` characters."""
    text = str(value)
    hits = text.count(old) if old else len(text) + 1
    if count is not None:
        hits = min(hits, count)
    _bounded_text(len(text) + hits * max(len(new) - len(old), 0), "replace")
    return text.replace(old, new) if count is None else text.replace(old, new, count)


def check_deadline() -> None:
    """Stop a rendering that has used more than ``environment.RENDER_SECONDS`` of CPU time."""
    if time.thread_time() > environment.deadline.get():
        raise SecurityError(rmsg("sandbox.cpu", seconds=f"{environment.RENDER_SECONDS:g}"))


class AllowListSandbox(environment.PlainDataAccess, SandboxedEnvironment):
    """A sandbox that allows only listed attributes and callables and bounds size and time."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals.clear()
        self.globals["range"] = safe_range
        self.filters = {name: func for name, func in self.filters.items() if name in SANDBOX_FILTERS}
        self.filters["join"] = bounded_join
        self.filters["replace"] = bounded_replace

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Allow an attribute only if it is listed for the object's exact type (or a template's export)."""
        if attr.startswith("_"):
            return False
        if type(obj) is TemplateModule:  # {% import %}: the names the imported template sets
            return True
        allowed = DATA_METHODS.get(type(obj)) or JINJA_ATTRIBUTES.get(type(obj))
        return allowed is not None and attr in allowed

    def is_safe_callable(self, obj: Any) -> bool:
        """Allow macros, blocks, loops, ``range`` and the listed methods of plain data; nothing else.

        Calling an undefined value is allowed too: it raises the error that says why it is undefined.
        """
        if isinstance(obj, Macro | BlockReference | LoopContext | jinja2.Undefined) or obj is safe_range:
            return True
        if isinstance(obj, types.BuiltinMethodType | types.MethodType):
            owner = obj.__self__
            allowed = DATA_METHODS.get(type(owner)) or JINJA_ATTRIBUTES.get(type(owner))
            return allowed is not None and obj.__name__ in allowed
        return False

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Offer no ``str.format``: it is not on the allow-list (templates format through filters)."""
        return None

    def call_binop(self, context: jinja2.runtime.Context, operator_: str, left: Any, right: Any) -> Any:
        """Refuse repetitions, concatenations, powers and ``%`` formatting that would exhaust memory or time."""
        check_deadline()
        if operator_ == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int):
                    _bounded_text(len(seq) * times, "repetition")
            return operator.mul(left, right)
        if operator_ == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
                digits = right * math.log10(abs(left))
                if digits > MAX_POWER_DIGITS:
                    raise SecurityError(rmsg("sandbox.power", digits=f"{digits:,.0f}", limit=f"{MAX_POWER_DIGITS:,}"))
            return operator.pow(left, right)
        if operator_ == "+":
            if isinstance(left, str | list) and isinstance(right, str | list):
                _bounded_text(len(left) + len(right), "concatenation")
            return operator.add(left, right)
        if isinstance(left, str):
            raise SecurityError(rmsg("sandbox.percent"))
        return operator.mod(left, right)

    def call(self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call ``__obj`` after checking the deadline and the size of the text handed to it."""
        check_deadline()
        for value in (*args, *kwargs.values()):
            if isinstance(value, str | list):
                _bounded_text(len(value), "an argument")
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Look ``attribute`` up after checking the render deadline."""
        check_deadline()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """Look ``argument`` up after checking the render deadline."""
        check_deadline()
        return super().getitem(obj, argument)
