"""What a check rule is: its severity, its category and its entry in the rule table."""

from __future__ import annotations

from opsplan.errors import Record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from typing import Any, ClassVar, Self


class Word(str):
    """A word of a fixed set (``Severity``, ``Category``): what a ``StrEnum`` member is, without ``enum``.

    Each word is one object, equal to its value (``Severity.ERROR == "error"``), shown as ``str`` shows it and read
    back by ``Severity("error")`` (``ValueError`` for a word not in the set), with ``name`` and ``value``, listed in
    order by iterating over ``words()``. A ``StrEnum`` class with its members costs 0.2–0.3 ms to make, two in every
    check; a ``Word`` class a tenth of that.
    """

    name: str
    _words: ClassVar[dict[str, Any]]  # of the class's own kind

    def __new__(cls, value: str) -> Self:
        """Return the word of the set written ``value``."""
        try:
            word: Self = cls._words[value]
            return word
        except (KeyError, TypeError):
            raise ValueError(value) from None  # not a word of the set

    @classmethod
    def _make(cls, **words: str) -> None:
        """Make the words of the set, by name in order, each its class's attribute."""
        cls._words = {}
        for name, value in words.items():
            word = str.__new__(cls, value)
            word.name = name
            cls._words[value] = word
            setattr(cls, name, word)

    @classmethod
    def words(cls) -> list[Self]:
        """Return every word of the set, in order."""
        return list(cls._words.values())

    @property
    def value(self) -> str:
        """The word as a plain ``str``."""
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}.{self.name}: {str.__repr__(self)}>"

    def __reduce__(self) -> tuple[type[Self], tuple[str]]:
        return type(self), (self.value,)

    __str__ = str.__str__
    __format__ = str.__format__


class Severity(Word):
    """How bad a finding is: errors always fail, warnings fail with ``--strict``, info never fails."""

    ERROR: ClassVar[Severity]
    WARNING: ClassVar[Severity]
    INFO: ClassVar[Severity]


Severity._make(ERROR="error", WARNING="warning", INFO="info")


class Category(Word):
    """The categories CI configurations and scripts can rely on (BRIEF §6)."""

    STRUCTURE: ClassVar[Category]
    PLACEHOLDER: ClassVar[Category]
    DUPLICATE_HEADING: ClassVar[Category]
    NUMBERING: ClassVar[Category]
    MISSING_SECTION: ClassVar[Category]
    EMPTY_SECTION: ClassVar[Category]
    SUM: ClassVar[Category]
    GOAL: ClassVar[Category]
    TIMELINE: ClassVar[Category]
    RISK: ClassVar[Category]
    MONEY: ClassVar[Category]


Category._make(
    STRUCTURE="structure",
    PLACEHOLDER="placeholder",
    DUPLICATE_HEADING="duplicate-heading",
    NUMBERING="numbering",
    MISSING_SECTION="missing-section",
    EMPTY_SECTION="empty-section",
    SUM="sum",
    GOAL="goal",
    TIMELINE="timeline",
    RISK="risk",
    MONEY="money",
)


class Rule(Record):
    """A check rule: stable id, category, default severity, title, applies-to, example message (a named tuple)."""

    __slots__ = ()
    _fields = ("id", "category", "severity", "title", "applies_to", "example")
    id: str
    category: Category
    severity: Severity
    title: str
    applies_to: str
    example: str

    def __new__(
        cls, id: str, category: Category, severity: Severity, title: str, applies_to: str, example: str
    ) -> Rule:
        """Return the rule ``id``."""
        return tuple.__new__(cls, (id, category, severity, title, applies_to, example))
