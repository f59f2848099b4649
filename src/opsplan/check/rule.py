"""What a check rule is: its severity, its category and its entry in the rule table."""

from __future__ import annotations

from enum import StrEnum

from opsplan.errors import Record


class Severity(StrEnum):
    """How bad a finding is: errors always fail, warnings fail with ``--strict``, info never fails."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Category(StrEnum):
    """The categories CI configurations and scripts can rely on (BRIEF §6)."""

    STRUCTURE = "structure"
    PLACEHOLDER = "placeholder"
    DUPLICATE_HEADING = "duplicate-heading"
    NUMBERING = "numbering"
    MISSING_SECTION = "missing-section"
    EMPTY_SECTION = "empty-section"
    SUM = "sum"
    GOAL = "goal"
    TIMELINE = "timeline"
    RISK = "risk"
    MONEY = "money"


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
