"""Import ``lxml.etree`` without the ``inspect`` and ``gzip`` it imports at start for rare features.

lxml.etree runs ``from inspect import getfullargspec`` (used only for a parser target whose ``start`` method it
inspects) and ``from gzip import GzipFile`` and ``import gzip`` (used only to write compressed output) when it is
imported. ``inspect`` brings ast, dis, tokenize and linecache with it: together with gzip, about a third of what
importing lxml.etree costs, in a ``opsplan check`` of a DOCX that uses neither feature. lxml's ElementPath module
(``find`` and its kin; it compiles its patterns when imported) is put off the same way. And ``typing``, which lxml
imports for ``Generic`` and ``TypeVar`` alone, to make its ``ElementTree`` wrapper class subscriptable: importing it
costs more than the rest of a check's start-up but Python's own (no opsplan module on the way imports it at run time).
That class is made with a stand-in ``Generic`` whose subscript gives a ``types.GenericAlias``, as lxml's own
``XMLParser[T]`` does; it is the one thing that differs, and only when nothing imported ``typing`` before lxml.

``etree`` imports lxml.etree with a stand-in module in ``sys.modules`` for each of the two that is not loaded yet,
for the moment of that import only. A stand-in's known names (``getfullargspec``, ``GzipFile``) are functions that
load the real module on their first call and call the real function; any other name read from a stand-in loads the
real module and gives its attribute. So lxml behaves as it does with the real modules, and afterwards
``sys.modules`` holds the real modules or none (a later ``import inspect`` or ``import gzip`` loads the real one).
Only while no other thread runs: one that imported ``gzip`` in that moment would keep the stand-in, so with threads
lxml.etree is imported as it is; and when the import fails with the stand-ins (a later lxml using more of them),
it is imported again without them.
"""

from __future__ import annotations

import sys
from types import GenericAlias, ModuleType

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from typing import Any


class _StandIn(ModuleType):
    """A module that stands in for a real one not loaded yet: any name it does not hold is the real module's."""

    def __getattr__(self, name: str) -> Any:
        real = _real(self.__name__)
        self.__dict__.update(real.__dict__)  # later reads go straight to the real module's objects
        return getattr(real, name)


def _real(name: str) -> ModuleType:
    """Return the real module ``name``, loading it first if ``sys.modules`` holds none or a stand-in."""
    module = sys.modules.get(name)
    if module is None or isinstance(module, _StandIn):
        sys.modules.pop(name, None)
        __import__(name)
        module = sys.modules[name]
    return module


def _getfullargspec(func: Any) -> Any:
    """``inspect.getfullargspec``, the real one, loaded on the first call."""
    return _real("inspect").getfullargspec(func)


def _gzip_file(*args: Any, **kwargs: Any) -> Any:
    """``gzip.GzipFile(...)``, the real class, loaded on the first call."""
    return _real("gzip").GzipFile(*args, **kwargs)


class _Generic:
    """``typing.Generic`` as lxml's ``ElementTree`` uses it: ``ElementTree[T]`` is a ``types.GenericAlias``."""

    __slots__ = ()

    def __class_getitem__(cls, item: object) -> GenericAlias:
        return GenericAlias(cls, item)


def _type_var(name: str, *constraints: object, **options: object) -> str:
    """``typing.TypeVar`` as lxml uses it: a name for ``_Generic``'s subscript, which accepts any."""
    return name


# lxml._elementpath (ElementPath, compiled: find, findall, iterfind, findtext) is read at its first call too
_FORWARDED: dict[str, dict[str, object]] = {
    "inspect": {"getfullargspec": _getfullargspec},
    "gzip": {"GzipFile": _gzip_file},
    "lxml._elementpath": {},
    "typing": {"Generic": _Generic, "TypeVar": _type_var},
}


def etree() -> Any:
    """Return ``lxml.etree``, importing it without loading ``inspect`` and ``gzip`` if it is not loaded yet."""
    module = sys.modules.get("lxml.etree")
    if module is not None:
        return module
    if len(sys._current_frames()) > 1:  # another thread could import a stand-in meanwhile and keep it
        from lxml import etree as plain  # type: ignore[import-untyped]

        return plain
    standing: dict[str, ModuleType] = {}
    for name, forwarded in _FORWARDED.items():
        if name not in sys.modules:
            standing[name] = sys.modules[name] = _StandIn(name)
            standing[name].__dict__.update(forwarded)
    loaded: Any = None
    try:
        from lxml import etree as imported

        loaded = imported
    except Exception:  # a later lxml that uses what a stand-in lacks (or none installed): imported as it is
        loaded = None
    finally:
        for name, module in standing.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if loaded is None:
        from lxml import etree as plain

        return plain
    return loaded
