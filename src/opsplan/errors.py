"""The exception tree: every error opsplan reports to a user is an ``OpsplanError``.

The CLI catches ``OpsplanError`` in one place, prints ``str(error)`` and exits with ``error.exit_code``.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from opsplan.i18n import language

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from typing import Any, ClassVar, Self


class Record(tuple["Any", ...]):
    """A named tuple without ``typing.NamedTuple``: the same tuple, fields, ``_replace``, repr, pickling.

    A subclass names its fields in ``_fields``, declares their types as annotations and writes ``__new__`` (the
    three lists alike: tests/test_records.py); each field is read by a property. ``typing.NamedTuple`` builds a
    class with ``collections.namedtuple``, which compiles its ``__new__`` from source: 0.26 ms a class, 14 of them
    on a check's path (3–4 ms of a cold check of a DOCX); a ``Record`` costs a tenth of that. Not a dataclass
    either: a check imports no ``dataclasses``.
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        for at, name in enumerate(cls.__dict__.get("_fields", ())):
            setattr(cls, name, property(itemgetter(at), doc=f"Alias for field number {at}"))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True))
        return f"{type(self).__name__}({fields})"

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)

    def _replace(self, **changes: Any) -> Self:
        """Return a copy with ``changes`` made to fields by name, as a named tuple's ``_replace``."""
        values = [changes.pop(name, value) for name, value in zip(self._fields, self, strict=True)]
        if changes:
            raise ValueError(list(changes))  # names no field
        return tuple.__new__(type(self), values)

    def _asdict(self) -> dict[str, Any]:
        """Return the fields by name, as a named tuple's ``_asdict``."""
        return dict(zip(self._fields, self, strict=True))


# Location and Problem are records, neither dataclasses (a check of a document imports no ``dataclasses``: the
# module, its ``copy``, each class's methods) nor ``typing.NamedTuple`` classes (``Record``)
class Location(Record):
    """Where something is in an input file: 1-based line and column (0 when unknown)."""

    __slots__ = ()
    _fields = ("file", "line", "column")
    file: str
    line: int
    column: int

    def __new__(cls, file: str, line: int = 0, column: int = 0) -> Location:
        """Return the location ``file:line:column``."""
        return tuple.__new__(cls, (file, line, column))

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.file}:{self.line}:{self.column}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


class OpsplanError(Exception):
    """Base of every error shown to a user. Exit code 2: bad input or usage.

    ``language`` is the language of messages where the error was made, so the CLI's ``error:`` in front of the
    message is in the message's language (a Chinese profile's errors are said in Chinese in any shell).
    """

    exit_code = 2

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.language = language()


def in_language_of(error: OpsplanError, messages: Sequence[str]) -> OpsplanError:
    """Give ``error`` the language its ``messages`` were said in (``i18n.Said``) when they share one."""
    languages = {getattr(message, "language", None) for message in messages}
    if len(languages) == 1 and None not in languages:
        error.language = str(languages.pop())
    return error


class InputError(OpsplanError):
    """An input file cannot be read, parsed or is too large or too deep."""


class Problem(Record):
    """One problem found in a profile: where, which field, what is wrong."""

    __slots__ = ()
    _fields = ("location", "field", "message")
    location: Location
    field: str
    message: str

    def __new__(cls, location: Location, field: str, message: str) -> Problem:
        """Return the problem ``message`` about ``field`` at ``location``."""
        return tuple.__new__(cls, (location, field, message))

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.location}:{field} {self.message}"


class ProfileError(OpsplanError):
    """A profile that does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class PlanError(OpsplanError):
    """A valid profile whose plan cannot be computed (a dependency cycle, for instance).

    ``cycle`` holds the qualified task ids of a dependency cycle, the first one repeated at the end.
    """

    def __init__(self, message: str, cycle: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.cycle = cycle


class TemplateError(OpsplanError):
    """A template that fails to load or render."""


class OutputError(OpsplanError):
    """An output file cannot be written; what the user had is left as it was."""


class RenderError(OpsplanError):
    """One or more profiles could not be rendered; the message lists each with its file name."""


class RefusedError(OpsplanError):
    """A profile has check errors and ``--draft`` was not given: nothing is written for it (exit 1)."""

    exit_code = 1

    def __init__(self, message: str, report: str = "") -> None:
        super().__init__(message)
        self.report = report


class ChartsUnavailable(OpsplanError):
    """``--charts`` was asked for but matplotlib is not installed."""


class UsageError(OpsplanError):
    """A bad option value (``opsplan check --format``, ``--ignore``)."""


class DamagedInstall(OpsplanError):
    """A file of opsplan's own installation is damaged: the environment's problem, neither the input's nor a bug.

    Exit 72, ``EX_OSFILE`` of sysexits.h ("a system file ... has some sort of error"); the message says to reinstall.
    """

    exit_code = 72


class Stopped(KeyboardInterrupt):
    """A stop signal (SIGTERM, SIGHUP) arrived: unwind as Ctrl-C does, so no file is left half-written.

    A ``KeyboardInterrupt`` so that code catching ``Exception`` lets it pass; ``exit_code`` is the shell's
    128 + the signal number.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.exit_code = 128 + signum


def stop_on_signals() -> None:
    """Make SIGTERM and SIGHUP raise ``Stopped`` in the main thread (where the platform has them).

    Through ``_signal``, not ``signal``, whose enums the console script's fast paths need not build.
    """
    import _signal  # type: ignore[import-not-found]

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(_signal, name):
            _signal.signal(getattr(_signal, name), stop)
