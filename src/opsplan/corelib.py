"""pydantic-core's validators and serializers, in the light mode without running its package's ``__init__``.

Everything the light mode asks of pydantic-core (``SchemaValidator``, ``SchemaSerializer``, ``ValidationError``,
``PydanticUndefined``) is the compiled extension's, ``pydantic_core._pydantic_core``, which loads in about 3 ms
cold. ``import pydantic_core`` costs 12-15 ms: its ``__init__`` imports ``core_schema`` (a module of typed dicts)
and ``typing_extensions`` only to re-export the extension's names and to build its ``MISSING`` sentinel.

``core()`` loads the extension alone and registers it in ``sys.modules`` under its own name, so a later
``import pydantic_core`` (Pydantic's, or serialization's: the extension imports the package for ``MISSING`` the first
time it serializes a model's fields, and ``ValidationError.errors()`` with its URLs imports ``pydantic``) takes that
very module rather than loading the extension a second time. Should anything in that differ from what the import
system would do (another finder, not an extension file, a name missing), it imports the package as usual.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what ``from opsplan.corelib import ...`` gives, from ``core()`` (``__getattr__``)
    from pydantic_core import PydanticUndefined, SchemaSerializer, SchemaValidator, ValidationError

PACKAGE = "pydantic_core"
EXTENSION = "pydantic_core._pydantic_core"
NEEDED = ("SchemaValidator", "SchemaSerializer", "ValidationError", "PydanticUndefined")
__all__ = [
    "NEEDED",
    "LazySerializer",
    "PydanticUndefined",
    "SchemaSerializer",
    "SchemaValidator",
    "ValidationError",
    "core",
]


def core() -> ModuleType:
    """Return a module holding ``NEEDED``: the package if imported, else the extension alone (or the package)."""
    module = sys.modules.get(PACKAGE) or sys.modules.get(EXTENSION)
    if module is None:
        module = _extension_alone()
    return module


def __getattr__(name: str) -> Any:
    if name in NEEDED:
        return getattr(core(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class LazySerializer:
    """A class's ``__pydantic_serializer__`` built from its core schema where it is first used, then kept on the class.

    Only ``model_dump`` and JSON output serialize: a check and a Markdown or DOCX render never do, and building the
    serializers of the profile's and the plan's classes up front cost them 0.45 ms.
    """

    __slots__ = ("config", "schema")

    def __init__(self, schema: Any, config: Any) -> None:
        self.schema = schema
        self.config = config

    def __get__(self, instance: object, owner: type) -> Any:
        serializer = core().SchemaSerializer(self.schema, self.config)
        type.__setattr__(owner, "__pydantic_serializer__", serializer)
        return serializer


def _extension_alone() -> ModuleType:
    try:
        return _load_extension()
    except Exception:  # whatever it was, the ordinary import behaves as it always did
        sys.modules.pop(EXTENSION, None)
        import pydantic_core

        return pydantic_core


def _load_extension() -> ModuleType:
    from importlib.machinery import ExtensionFileLoader, PathFinder
    from importlib.util import find_spec, module_from_spec

    package = find_spec(PACKAGE)  # every finder the import system asks, and none runs the package
    if package is None or package.submodule_search_locations is None:
        raise ImportError(PACKAGE)
    spec = PathFinder.find_spec(EXTENSION, list(package.submodule_search_locations))
    if spec is None or not isinstance(spec.loader, ExtensionFileLoader):
        raise ImportError(EXTENSION)
    module = module_from_spec(spec)
    sys.modules[EXTENSION] = module  # before it runs, as the import system registers a module
    spec.loader.exec_module(module)
    if not all(hasattr(module, name) for name in NEEDED):
        raise ImportError(EXTENSION)
    return module
