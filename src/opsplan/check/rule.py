"""What a check rule is: its severity, its category and its entry in the rule table."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


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


class Rule(NamedTuple):
    """A check rule: stable id, category, default severity, title, applies-to, example message."""

    id: str
    category: Category
    severity: Severity
    title: str
    applies_to: str
    example: str
