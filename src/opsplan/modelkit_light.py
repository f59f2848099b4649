"""The model base of the light mode (``opsplan.modelkit``): Pydantic's model API over prepared core schemas.

A class declared on ``BaseModel`` here is a plain Python class: its validator and serializer are pydantic-core's,
built from the core schemas that Pydantic derived when the wheel was built (``opsplan.prepared_models.install``), so
validation, its errors and serialization are the very same. What Pydantic does at run time besides (its class
set-up, its field objects, ``Field``'s constraints as ``annotated_types``) is done here the way it does it, and only
as far as opsplan uses it: ``model_fields`` (worked out on first use), ``model_validate``, ``model_copy``,
``model_dump``, frozen instances, equality, hashing, ``repr``, copying and pickling.
"""

from __future__ import annotations

import operator
import sys
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from opsplan.corelib import PydanticUndefined, ValidationError

# ``Field`` keywords that become metadata, in the order Pydantic collects them; a name mapped to None is kept in
# one general object, as Pydantic's ``_PydanticGeneralMetadata``
_CONSTRAINTS = ("pattern", "strict", "gt", "ge", "lt", "le", "multiple_of", "min_length", "max_length", "union_mode")
_FIELD_ATTRIBUTES = ("default", "default_factory", "description", "exclude", "title", "examples")
_KEYWORDS = frozenset((*_FIELD_ATTRIBUTES, *_CONSTRAINTS))


class _Constraint:
    """One bound of a field, as ``annotated_types`` has it: ``Ge(ge=0)`` holds its value as ``ge``."""

    __slots__ = ()
    key = ""

    def __init__(self, value: object) -> None:
        object.__setattr__(self, self.key, value)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and getattr(other, self.key) == getattr(self, self.key)

    def __hash__(self) -> int:
        return hash((type(self), getattr(self, self.key)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key}={getattr(self, self.key)!r})"


def _constraint(name: str, key: str) -> type[_Constraint]:
    return type(name, (_Constraint,), {"__slots__": (key,), "key": key})


_MARKERS: dict[str, type[_Constraint] | None] = {
    "pattern": None,
    "strict": _constraint("Strict", "strict"),
    "gt": _constraint("Gt", "gt"),
    "ge": _constraint("Ge", "ge"),
    "lt": _constraint("Lt", "lt"),
    "le": _constraint("Le", "le"),
    "multiple_of": _constraint("MultipleOf", "multiple_of"),
    "min_length": _constraint("MinLen", "min_length"),
    "max_length": _constraint("MaxLen", "max_length"),
    "union_mode": None,
}


class _PydanticGeneralMetadata:
    """The constraints Pydantic keeps together (``pattern``, ``union_mode``) as attributes of one object."""

    def __init__(self, metadata: dict[str, Any]) -> None:
        self.__dict__ = metadata

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.__dict__!r})"


class FieldInfo:
    """A field as Pydantic describes it.

    ``annotation``, ``default``, ``default_factory``, ``description``, ``metadata`` (the constraints and validators
    of the field's own ``Annotated`` and ``Field``).
    """

    annotation: Any = None
    default: Any = PydanticUndefined
    default_factory: Callable[[], Any] | None = None
    description: str | None = None
    exclude: bool | None = None
    title: str | None = None
    examples: list[Any] | None = None

    def __init__(self, attributes: dict[str, Any], metadata: list[Any]) -> None:
        self._attributes_set = attributes
        self.__dict__.update(attributes)  # the attributes set (their names are those above); the class has the rest
        self.metadata = metadata

    def is_required(self) -> bool:
        """Whether the field has neither a default nor a default factory."""
        return self.default is PydanticUndefined and self.default_factory is None

    def __repr__(self) -> str:
        shown = ", ".join(f"{key}={value!r}" for key, value in self._attributes_set.items())
        return f"FieldInfo({shown}, metadata={self.metadata!r})"


def Field(default: Any = PydanticUndefined, **options: Any) -> Any:
    """Describe a field as Pydantic's ``Field`` does (the keywords opsplan uses; any other is refused)."""
    if not _KEYWORDS.issuperset(options):
        unknown = ", ".join(sorted(set(options) - _KEYWORDS))
        raise TypeError(f"Field() does not take {unknown} in opsplan's light mode")
    attributes = {key: options[key] for key in _FIELD_ATTRIBUTES if key in options}
    constrained = len(attributes) < len(options)
    if default is not PydanticUndefined and default is not Ellipsis:
        attributes["default"] = default
    metadata: list[Any] = []
    general: dict[str, Any] = {}
    if constrained:  # in the order Pydantic collects them
        for key in _CONSTRAINTS:
            value = options.get(key)
            if value is not None:
                marker = _MARKERS[key]
                if marker is None:
                    general[key] = value
                else:
                    metadata.append(marker(value))
    if general:
        metadata.append(_PydanticGeneralMetadata(general))
    return FieldInfo(attributes, metadata)


class _FunctionMarker:
    """A validator written in an ``Annotated`` type (``BeforeValidator(read_date)``); its schema is prepared."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[..., Any]) -> None:
        self.func = func

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.func == self.func

    def __hash__(self) -> int:
        return hash((type(self), self.func))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(func={self.func!r})"


class AfterValidator(_FunctionMarker):
    """Pydantic's ``AfterValidator``: its function runs after the type's own validation."""


class BeforeValidator(_FunctionMarker):
    """Pydantic's ``BeforeValidator``: its function runs before the type's own validation."""


class SkipValidation:
    """Pydantic's ``SkipValidation``: ``SkipValidation[T]`` is ``Annotated[T, SkipValidation()]``."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __repr__(self) -> str:
        return "SkipValidation()"

    def __class_getitem__(cls, item: Any) -> Any:
        return typing.Annotated[item, cls()]


def _as_classmethod(function: Any) -> Any:
    """Return a validator as Pydantic keeps it: a classmethod when its first parameter is ``cls``."""
    if isinstance(function, classmethod | staticmethod):
        return function
    code = getattr(function, "__code__", None)
    return classmethod(function) if code is not None and code.co_varnames[:1] == ("cls",) else function


def field_validator(*_fields: str, **_options: Any) -> Callable[[Any], Any]:
    """Return the function unchanged: the prepared schema names it where it validates."""
    return _as_classmethod


def model_validator(**_options: Any) -> Callable[[Any], Any]:
    """Return the function unchanged: the prepared schema names it where it validates."""
    return _as_classmethod


class _Fields:
    """``model_fields`` of a class, worked out when first read and kept on the class."""

    def __get__(self, instance: object, owner: type[BaseModel]) -> dict[str, FieldInfo]:
        found = owner.__dict__.get("__light_fields__")
        if found is None:
            found = _fields_of(owner)
            type.__setattr__(owner, "__light_fields__", found)
        return found


def _fields_of(cls: type[BaseModel]) -> dict[str, FieldInfo]:
    """Return the fields of ``cls`` in Pydantic's order (the bases' first) with Pydantic's ``FieldInfo`` contents."""
    fields: dict[str, FieldInfo] = {}
    for owner in reversed(cls.__mro__):
        if owner is BaseModel or not issubclass(owner, BaseModel):
            continue
        annotations = owner.__dict__.get("__annotations__", {})  # noqa: RUF063 - a class's own, as written
        module = sys.modules[owner.__module__].__dict__
        defaults = owner.__dict__.get("__light_defaults__", {})
        for name, written in annotations.items():
            if _is_field(name, written):
                annotation = eval(written, module, dict(vars(owner))) if isinstance(written, str) else written
                fields[name] = _field_info(annotation, defaults.get(name, PydanticUndefined))
    return fields


def _is_field(name: str, annotation: object) -> bool:
    """Whether an annotation of a class declares a field (not a private name, not a ``ClassVar``)."""
    if name.startswith("_"):
        return False
    if isinstance(annotation, str):
        return not annotation.startswith(("ClassVar", "typing.ClassVar"))
    return annotation is not typing.ClassVar and typing.get_origin(annotation) is not typing.ClassVar


def _field_info(annotation: Any, default: Any) -> FieldInfo:
    """Merge a field's annotation and assigned value as ``FieldInfo.from_annotated_attribute`` does."""
    written: list[Any] = []
    if typing.get_origin(annotation) is typing.Annotated:
        written = list(annotation.__metadata__)
        annotation = annotation.__origin__
    metadata: list[Any] = []
    attributes: dict[str, Any] = {}
    if isinstance(default, FieldInfo):
        metadata.extend(default.metadata)  # Pydantic puts an assigned Field's constraints first
    for item in written:
        if isinstance(item, FieldInfo):
            metadata.extend(item.metadata)
            attributes.update(item._attributes_set)
        else:
            metadata.append(item)
    if isinstance(default, FieldInfo):
        attributes.update(default._attributes_set)  # and its attributes last
    if not isinstance(default, FieldInfo) and default is not PydanticUndefined:
        attributes["default"] = default
    attributes["annotation"] = annotation
    return FieldInfo(attributes, metadata)


class BaseModel:
    """Pydantic's ``BaseModel`` as opsplan uses it, validated and serialized by the prepared pydantic-core schemas."""

    __slots__ = ("__dict__", "__pydantic_extra__", "__pydantic_fields_set__", "__pydantic_private__")
    model_config: typing.ClassVar[dict[str, Any]] = {}
    model_fields = _Fields()
    __pydantic_validator__: Any
    __pydantic_serializer__: Any
    __pydantic_core_schema__: Any
    __pydantic_fields_set__: set[str]
    __pydantic_extra__: dict[str, Any] | None
    __pydantic_private__: dict[str, Any] | None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # a field's assigned value leaves the class (as Pydantic keeps it in the field, not on the class)
        super().__init_subclass__(**kwargs)
        config = {}
        for base in reversed(cls.__mro__[1:]):
            config.update(base.__dict__.get("model_config", {}))
        config.update(cls.__dict__.get("model_config", {}))
        cls.model_config = config
        defaults = {}
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063 - as written
            if _is_field(name, annotation) and name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
                delattr(cls, name)
        type.__setattr__(cls, "__light_defaults__", defaults)

    def __init__(self, /, **data: Any) -> None:
        __tracebackhide__ = True
        self.__pydantic_validator__.validate_python(data, self_instance=self)

    @classmethod
    def model_validate(cls, obj: Any, **options: Any) -> Any:
        """Validate ``obj`` (``context=``, ``strict=`` … as Pydantic's ``model_validate``)."""
        __tracebackhide__ = True
        return cls.__pydantic_validator__.validate_python(obj, **options)

    def model_dump(self, *, mode: str = "python", **options: Any) -> dict[str, Any]:
        """Return the fields as plain data (``include=``, ``exclude=``, ``exclude_defaults=`` … as Pydantic's)."""
        return self.__pydantic_serializer__.to_python(self, mode=mode, **options)  # type: ignore[no-any-return]

    def model_dump_json(self, **options: Any) -> str:
        """Return the fields as JSON text, as Pydantic's ``model_dump_json``."""
        return self.__pydantic_serializer__.to_json(self, **options).decode()  # type: ignore[no-any-return]

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Any:
        """Return a copy with ``update`` set as given, not validated (Pydantic's ``model_copy``)."""
        copied = self.__deepcopy__() if deep else self.__copy__()
        if update:
            copied.__dict__.update(update)
            copied.__pydantic_fields_set__.update(update.keys())
        return copied

    @property
    def model_fields_set(self) -> set[str]:
        """The names of the fields set at validation (not left to their defaults)."""
        return self.__pydantic_fields_set__

    @property
    def model_extra(self) -> dict[str, Any] | None:
        """Fields beyond the declared ones (always None: every opsplan model refuses them)."""
        return self.__pydantic_extra__

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        raise RuntimeError("a JSON Schema is computed with Pydantic, never in opsplan's light mode")

    def __setattr__(self, name: str, value: Any) -> None:
        cls = type(self)
        if not name.startswith("_") and cls.model_config.get("frozen"):  # every model of opsplan's is frozen
            error = {"type": "frozen_instance", "loc": (name,), "input": value}
            raise ValidationError.from_exception_data(cls.__name__, [error])  # type: ignore[list-item]
        object.__setattr__(self, name, value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BaseModel):
            return NotImplemented
        if not (
            type(self) is type(other)
            and getattr(self, "__pydantic_private__", None) == getattr(other, "__pydantic_private__", None)
            and (self.__pydantic_extra__ or {}) == (other.__pydantic_extra__ or {})
        ):
            return False
        if self.__dict__ == other.__dict__:
            return True
        names = type(self).model_fields.keys()
        if self.__dict__.keys() <= names and other.__dict__.keys() <= names:
            return False
        return [self.__dict__.get(n) for n in names] == [other.__dict__.get(n) for n in names]

    def __hash__(self) -> int:
        cls = type(self)
        if not cls.model_config.get("frozen"):
            raise TypeError(f"unhashable type: '{cls.__name__}'")
        names = tuple(cls.model_fields)
        return hash(operator.itemgetter(*names)(self.__dict__) if names else 0)

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        yield from [(k, v) for k, v in self.__dict__.items() if not k.startswith("_")]
        if self.__pydantic_extra__:
            yield from self.__pydantic_extra__.items()

    def __repr_args(self) -> list[tuple[str, Any]]:
        names = type(self).model_fields
        return [(k, v) for k, v in self.__dict__.items() if k in names]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__repr_args())})"

    def __str__(self) -> str:
        return " ".join(f"{k}={v!r}" for k, v in self.__repr_args())

    def __copy__(self) -> Any:
        cls = type(self)
        made = cls.__new__(cls)
        object.__setattr__(made, "__dict__", self.__dict__.copy())
        extra, private = self.__pydantic_extra__, getattr(self, "__pydantic_private__", None)
        object.__setattr__(made, "__pydantic_extra__", None if extra is None else extra.copy())
        object.__setattr__(made, "__pydantic_fields_set__", self.__pydantic_fields_set__.copy())
        object.__setattr__(made, "__pydantic_private__", None if private is None else private.copy())
        return made

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Any:
        import copy  # not at import (1.5 ms): a check copies models (``__copy__``, as copy.copy) but deep-copies none

        memo = {} if memo is None else memo
        cls = type(self)
        made = cls.__new__(cls)
        memo[id(self)] = made
        object.__setattr__(made, "__dict__", copy.deepcopy(self.__dict__, memo))
        object.__setattr__(made, "__pydantic_extra__", copy.deepcopy(self.__pydantic_extra__, memo))
        object.__setattr__(made, "__pydantic_fields_set__", copy.copy(self.__pydantic_fields_set__))
        private = getattr(self, "__pydantic_private__", None)
        object.__setattr__(made, "__pydantic_private__", copy.deepcopy(private, memo))
        return made

    def __getstate__(self) -> dict[str, Any]:
        return {
            "__dict__": self.__dict__,
            "__pydantic_extra__": self.__pydantic_extra__,
            "__pydantic_fields_set__": self.__pydantic_fields_set__,
            "__pydantic_private__": getattr(self, "__pydantic_private__", None),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        object.__setattr__(self, "__pydantic_fields_set__", state.get("__pydantic_fields_set__", {}))
        object.__setattr__(self, "__pydantic_extra__", state.get("__pydantic_extra__", {}))
        object.__setattr__(self, "__pydantic_private__", state.get("__pydantic_private__", {}))
        object.__setattr__(self, "__dict__", state.get("__dict__", {}))
