"""Model classes completed from core schemas prepared when the wheel is built, not derived in every process (issue 14).

Pydantic builds a model class's validator from a *core schema* that it derives from the class's annotations. That
derivation is pure Python and costs about 40 ms of CPU for the profile's 50 classes and as much for the plan's 40,
in every new process, to arrive at the same schemas every time; turning a schema into a validator (``pydantic_core``,
compiled code) is under a millisecond for all of them. So the profile's and the plan's models are declared with
``defer_build`` (``profile_types.Model``, ``plan.base.Frozen``) and ``install`` completes each family of them once
all its classes exist: from the core schemas that the wheel's build hook wrote as Python source (``write_sources``:
every class, function and enum member in them named by its import path; pip byte-compiles the file when it installs
the wheel), or, when there is no such file, by letting Pydantic build them as before.

A file is used only when its key matches: Pydantic's version (``prepared.pydantic_key``) and a checksum of the
source of every module whose classes or functions the family's schemas name (``Family.sources``), so another
Pydantic, an edited model or a checkout (no file) builds the classes as Pydantic does. Validation, its errors and
every message are the same either way: the validators are built from the schemas Pydantic itself derived, and
tests check that the shipped schemas equal Pydantic's and that a process completed from them reads profiles and
writes plans and JSON Schemas exactly as one that Pydantic built.

When every family's file (and every JSON Schema, ``opsplan.prepared``) is there, ``opsplan.modelkit`` runs in its
light mode (``light_ready``): the classes are ``opsplan.modelkit_light``'s, Pydantic is never imported, and ``install``
completes them in the same way; the key covers modelkit's own source.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import sys
import types
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import opsplan

if TYPE_CHECKING:
    from pydantic import BaseModel


class Family(NamedTuple):
    """Model classes completed together: those of ``modules`` (in this order) that subclass ``base``."""

    name: str
    base: tuple[str, str]  # module, class name
    modules: tuple[str, ...]
    others: tuple[str, ...]  # further modules whose classes or functions the schemas name

    @property
    def sources(self) -> tuple[str, ...]:
        """Every module whose source the key covers (a test checks the schemas name no other)."""
        return (*self.modules, *self.others)

    @property
    def stem(self) -> str:
        """The shipped file's name before its key."""
        return f"{self.name}_core"


_PROFILE_MODULES = (
    "opsplan.profile_types",
    "opsplan.profile_sections",
    "opsplan.profile_campaign",
    "opsplan.profile_chapters",
    "opsplan.profile",
)
# the model base (either mode's) is in every key: an edited modelkit prepares the files anew
_MODELKIT = ("opsplan.modelkit", "opsplan.modelkit_light")
_PROFILE_OTHERS = ("opsplan.kinds", "opsplan.metrics", "opsplan.monthday", "opsplan.festivals", *_MODELKIT)
_PLAN_MODULES = ("opsplan.plan.money_model", "opsplan.plan.schedule_model", "opsplan.plan.model")
_FROZEN = ("opsplan.plan.base", "Frozen")
FAMILIES = {
    "profile": Family("profile", ("opsplan.profile_types", "Model"), _PROFILE_MODULES, _PROFILE_OTHERS),
    "plan": Family("plan", _FROZEN, _PLAN_MODULES, ("opsplan.plan.base", *_PROFILE_MODULES, *_PROFILE_OTHERS)),
    "headline": Family(
        "headline",
        _FROZEN,
        ("opsplan.plan.headline",),
        ("opsplan.plan.base", "opsplan.plan.model", *_PROFILE_MODULES, *_PROFILE_OTHERS),
    ),
    "jsonview": Family(
        "jsonview",
        _FROZEN,
        ("opsplan.plan.jsonview",),
        ("opsplan.plan.base", *_PLAN_MODULES, *_PROFILE_MODULES, *_PROFILE_OTHERS),
    ),
    "levers": Family(
        "levers", _FROZEN, ("opsplan.track.levers",), ("opsplan.plan.base", *_PROFILE_MODULES, *_PROFILE_OTHERS)
    ),
    "review": Family(
        "review",
        _FROZEN,
        ("opsplan.track.compare",),
        ("opsplan.plan.base", "opsplan.track.levers", *_PROFILE_MODULES, *_PROFILE_OTHERS),
    ),
}
# how ``install`` completed each family: "prepared" (the wheel's schemas) or "pydantic"
completed_from: dict[str, str] = {}


def declared_classes(family: Family) -> list[type[BaseModel]]:
    """Return every model class that the modules of ``family`` declare, in the order they declare them."""
    base_module, base_name = family.base
    base = getattr(importlib.import_module(base_module), base_name)
    return [
        value
        for name in family.modules
        for value in vars(importlib.import_module(name)).values()
        if isinstance(value, type) and issubclass(value, base) and value is not base and value.__module__ == name
    ]


def model_classes(family: Family) -> list[type[BaseModel]]:
    """Return every model class of ``family``, each after the classes its fields hold (so those are reused)."""
    declared = declared_classes(family)
    ordered: list[type[BaseModel]] = []

    def visit(cls: type[BaseModel]) -> None:
        if cls in ordered:
            return
        for field in cls.model_fields.values():
            for held in _models_in(field.annotation):
                if held in declared and held is not cls:
                    visit(held)
        ordered.append(cls)

    for cls in declared:
        visit(cls)
    return ordered


def _models_in(annotation: object) -> Iterator[type]:
    """Yield the classes named anywhere in a field's annotation (``list[Pillar] | None`` → ``Pillar``)."""
    if isinstance(annotation, type):
        yield annotation
    for argument in getattr(annotation, "__args__", ()):
        yield from _models_in(argument)


def install(name: str) -> None:
    """Complete every model class of the family ``name``: from the wheel's prepared schemas, or built by Pydantic.

    In the light mode (``opsplan.modelkit``) the prepared schemas are there (``light_ready``): one that cannot be read
    is a damaged installation, reported as such, since there is no Pydantic class to build instead.
    """
    from opsplan.modelkit import LIGHT

    family = FAMILIES[name]
    schemas = _shipped_schemas(family)
    # the file lists the classes in the order ``model_classes`` gives; each schema holds all it needs, so the classes
    # are completed in the file's order, found by name, without walking their fields again to order them
    by_name = {cls.__qualname__: cls for cls in declared_classes(family)}
    if schemas is None or sorted(name for name, _, _ in schemas) != sorted(by_name):
        if LIGHT:
            from opsplan.prepared import damaged_install

            raise damaged_install(_file_path(family, source_key(family) or "?"))
        for cls in model_classes(family):
            cls.model_rebuild()
        completed_from[family.name] = "pydantic"
        return
    classes = [by_name[name] for name, _, _ in schemas]
    from opsplan.corelib import LazySerializer, SchemaSerializer, SchemaValidator

    serializer: Any = LazySerializer if LIGHT else SchemaSerializer  # a light class's is built where it serializes
    for cls, (_, schema, config) in zip(classes, schemas, strict=True):
        cls.__pydantic_core_schema__ = schema
        cls.__pydantic_validator__ = SchemaValidator(schema, config)
        cls.__pydantic_serializer__ = serializer(schema, config)
        cls.__pydantic_complete__ = True
    completed_from[family.name] = "light" if LIGHT else "prepared"


def light_ready() -> bool:
    """Whether the wheel ships, for this Pydantic and this source, every family's schemas and every JSON Schema.

    Reads files and sources only: ``opsplan.modelkit`` asks it before any model class (or Pydantic) exists. Each
    family's file is loaded here (and its code kept for ``install``), so a file cut short or damaged leaves the
    process on Pydantic rather than stopping it where the light classes have no Pydantic to fall back on.
    """
    from opsplan.prepared import shipped_schema_files

    for family in FAMILIES.values():
        key = source_key(family)
        if key is None or (code := _loaded_code(family, key)) is None:
            return False
        _CHECKED_CODE[_file_path(family, key)] = code
    return all(path.is_file() for path in shipped_schema_files())


def source_key(family: Family) -> str | None:
    """Return the key of a family's prepared schemas: Pydantic's version and the source of ``family.sources``."""
    from opsplan.prepared import pydantic_key

    key = pydantic_key()
    if key is None:
        return None
    crc = 0
    for name in family.sources:
        source = _source_crc(name)
        if source is None:
            return None
        crc = zlib.crc32(source.to_bytes(4, "big"), crc)
    return f"{key}{crc:08x}"


_PACKAGE = Path(opsplan.__file__).resolve().parent  # resolved once: a system call per folder on the way
_SOURCES: dict[str, int | None] = {}  # the families share most of their modules: each is read once a process


def _source_crc(module: str) -> int | None:
    """Return the CRC of opsplan's ``module``'s source, or None when it cannot be read.

    Found by its path in the package, not by the import system: finding ``opsplan.plan.model`` would import
    ``opsplan.plan``, and ``light_ready`` runs before any model module is imported.
    """
    if module not in _SOURCES:
        parts = module.split(".")[1:]
        path = _PACKAGE.joinpath(*parts).with_suffix(".py")
        if not path.is_file():
            path = _PACKAGE.joinpath(*parts, "__init__.py")
        try:
            _SOURCES[module] = zlib.crc32(path.read_bytes())
        except OSError:
            _SOURCES[module] = None
    return _SOURCES[module]


def _file_path(family: Family, key: str) -> Path:
    from opsplan.prepared import prepared_folder

    return prepared_folder() / f"{family.stem}.{key}.py"


_CHECKED_CODE: dict[Path, types.CodeType] = {}  # the code of a file light_ready loaded, handed on to install once


def _loaded_code(family: Family, key: str) -> types.CodeType | None:
    """Return the code of the family's file with ``key`` (the one light_ready loaded, if it did), or None."""
    from opsplan.prepared import shipped_code

    path = _file_path(family, key)
    return _CHECKED_CODE.pop(path, None) or shipped_code(path, f"opsplan._prepared.{family.stem}")


def _shipped_schemas(family: Family) -> list[tuple[str, Any, Any]] | None:
    """Return ``(class name, core schema, core config)`` of every class from the wheel's file, or None."""
    key = source_key(family)
    if key is None:
        return None
    code = _loaded_code(family, key)
    if code is None:
        return None
    namespace: dict[str, Any] = {"__name__": f"opsplan._prepared.{family.stem}"}
    try:
        exec(code, namespace)  # opsplan's own file, written by write_sources when the wheel was built
    except Exception:  # a file edited into other Python (an import that fails …): not the file written
        return None
    schemas = namespace.get("SCHEMAS")
    ok = isinstance(schemas, list) and all(isinstance(entry, tuple) and len(entry) == 3 for entry in schemas)
    return schemas if ok else None


def write_sources(target: Path) -> list[Path]:
    """Write the core schemas of every family's models as Python source into ``target``; return the files."""
    for family in FAMILIES.values():
        for module in family.modules:
            importlib.import_module(module)

    written = []
    for family in FAMILIES.values():
        key = source_key(family)
        if key is None:
            raise RuntimeError("pydantic is needed to prepare the models' core schemas")
        target.mkdir(parents=True, exist_ok=True)
        written.append(target / _file_path(family, key).name)
        written[-1].write_text(core_source(family), encoding="utf-8")
    return written


def core_source(family: Family) -> str:
    """Return the Python source of the core schemas and configs of a family's models, as Pydantic builds them."""
    from pydantic._internal._config import ConfigWrapper

    writer = _SourceWriter()
    entries = []
    for cls in model_classes(family):
        cls.model_rebuild()
        config = ConfigWrapper(cls.model_config, check=False).core_config(title=cls.__name__)
        entries.append(f"({cls.__qualname__!r}, {writer.value(cls.__pydantic_core_schema__)}, {writer.value(config)})")
    lines = [
        f'"""The core schemas of the {family.name} models, written by opsplan.prepared_models at build time."""',
        "# fmt: off",
        *(f"import {module} as {alias}" for module, alias in writer.modules.items()),
        "",
        "",
        _HELPERS_SOURCE,
        *writer.shared,
        "SCHEMAS = [",
        *(f"    {entry}," for entry in entries),
        "]",
        "",
    ]
    return "\n".join(lines)


# functions that pydantic makes as closures, written as it writes them (a test compares their code): an enum's JSON
# Schema title and description, and SkipValidation's JSON Schema and serializer (the plan's copy of its profile)
_HELPERS_SOURCE = """def _enum_json(js_updates):
    def get_json_schema(schema, handler):
        json_schema = handler(schema)
        original_schema = handler.resolve_ref_schema(json_schema)
        original_schema.update(js_updates)
        return json_schema

    return get_json_schema


def _skipped_json(original_schema):
    return lambda _c, h: h(original_schema)


_serialized_as_is = lambda v, h: h(v)

"""
_SKIP_VALIDATION = "SkipValidation.__get_pydantic_core_schema__.<locals>.<lambda>"
_SHARED_MIN = 120  # a sub-schema written this long, or longer, is written once and named where it recurs


def _skips_validation(function: types.FunctionType) -> bool:
    """Whether ``function`` is Pydantic's serializer of a ``SkipValidation`` field, or the prepared copy of it."""
    if function.__qualname__.endswith(_SKIP_VALIDATION):
        return True
    prepared_copy = function.__module__.startswith(f"{__package__}._prepared.")
    return prepared_copy and function.__qualname__ in ("_skipped_json.<locals>.<lambda>", "<lambda>")


class _SourceWriter:
    """Writes the objects of a core schema as Python expressions; repeated sub-schemas once, as names."""

    def __init__(self) -> None:
        self.modules: dict[str, str] = {}  # module → the name it is imported as
        self.shared: list[str] = []
        self._names: dict[str, str] = {}

    def value(self, value: object) -> str:
        text = self._expression(value)
        if len(text) < _SHARED_MIN or not isinstance(value, dict | list):
            return text
        if text in self._names:
            return self._names[text]
        name = f"_s{len(self._names)}"
        self._names[text] = name
        self.shared.append(f"{name} = {text}")
        return name

    def _expression(self, value: object) -> str:
        if value is None or (isinstance(value, bool | int | str) and not isinstance(value, enum.Enum)):
            return repr(value)
        if isinstance(value, float):
            return repr(value) if value == value and abs(value) != float("inf") else f"float({str(value)!r})"
        if isinstance(value, enum.Enum):
            return f"{self._name(type(value))}.{value.name}"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{key!r}: {self.value(item)}" for key, item in value.items()) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(self.value(item) for item in value) + "]"
        if isinstance(value, tuple):
            return "(" + "".join(f"{self.value(item)}, " for item in value) + ")"
        if type(value) is dt.date:
            return f"{self._name(dt.date)}.fromisoformat({value.isoformat()!r})"
        if isinstance(value, types.MethodType) and isinstance(value.__self__, type):
            return f"{self._name(value.__self__)}.{value.__func__.__name__}"
        if isinstance(value, types.FunctionType) and value.__closure__ and value.__name__ == "get_json_schema":
            (updates,) = (cell.cell_contents for cell in value.__closure__)
            return f"_enum_json({self.value(updates)})"
        if isinstance(value, types.FunctionType) and _skips_validation(value):
            if not value.__closure__:
                return "_serialized_as_is"
            (original,) = (cell.cell_contents for cell in value.__closure__)
            return f"_skipped_json({self.value(original)})"
        if isinstance(value, type | types.FunctionType | types.BuiltinFunctionType):
            return self._name(value)
        raise TypeError(f"cannot write {value!r} ({type(value).__name__}) of a core schema as Python")

    def _name(self, value: Any) -> str:
        """Return the import path of a class or function, checked to name the very object."""
        module, qualname = str(value.__module__), str(value.__qualname__)
        if module == "builtins":
            return qualname
        found: Any = sys.modules[module]
        for part in qualname.split("."):
            found = getattr(found, part, None)
        if found is not value:
            raise TypeError(f"{module}.{qualname} does not name {value!r}")
        alias = self.modules.setdefault(module, f"_m{len(self.modules)}")
        return f"{alias}.{qualname}"
