"""Findings of ``opsplan check``: one thing found in a file, one file's report, and whether a finding fails."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from opsplan.check.rule import Category, Severity
from opsplan.check.rule_table import RULES
from opsplan.check.textutil import clipped


class Finding(NamedTuple):
    """One thing ``opsplan check`` found.

    ``line``/``column`` are 1-based (0 when unknown: DOCX has no lines). ``field`` is the profile field
    path (``content.pillars[0].share``) for profiles; ``headings`` the heading path for documents.
    ``chapter`` groups findings in the text report (a chapter key for profiles, a chapter heading for
    documents, ``""`` for the file as a whole).
    """

    rule: str
    message: str
    file: str
    line: int = 0
    column: int = 0
    field: str = ""
    headings: tuple[str, ...] = ()
    chapter: str = ""
    hint: str = ""
    severity: Severity | None = None

    @property
    def category(self) -> Category:
        """The rule's category."""
        return RULES[self.rule].category

    @property
    def level(self) -> Severity:
        """The finding's severity: its own if set, else the rule's default."""
        return self.severity or RULES[self.rule].severity

    @property
    def where(self) -> str:
        """``file:line:column`` (parts left out when unknown), then the heading path or field path."""
        text = self.file
        if self.line:
            text += f":{self.line}"
            if self.column:
                text += f":{self.column}"
        if self.headings:
            text += " › " + heading_path(self.headings)
        elif self.field:
            text += f" ({self.field})"
        return text

    def as_dict(self) -> dict[str, object]:
        """Return the finding as the JSON object documented in ``reporters``."""
        return {
            "rule": self.rule,
            "category": self.category.value,
            "severity": self.level.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "headings": list(self.headings),
            "chapter": self.chapter,
            "hint": self.hint,
        }


@dataclass
class FileReport:
    """The result of checking one file: its findings and the completeness of its chapters.

    ``chapters`` lists ``(key, label)`` in plan order; ``status`` maps a key to ``ok``, ``missing`` or
    ``empty``. Findings whose ``chapter`` is not among ``chapters`` are grouped on their own, under
    their label in ``labels`` if it has one. ``locale`` is a profile's ``plan.locale`` (None for documents).
    """

    file: str
    kind: str  # "profile", "markdown" or "docx"
    chapters: list[tuple[str, str]] = field(default_factory=list)
    status: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # labels of chapters outside ``chapters``
    locale: str | None = None  # a profile's plan.locale: the language its findings and its report are in


def fails(finding: Finding, *, strict: bool) -> bool:
    """Return whether ``finding`` fails the check (errors always; warnings with ``strict``; info never)."""
    return finding.level is Severity.ERROR or (strict and finding.level is Severity.WARNING)


def heading_path(headings: tuple[str, ...] | list[str]) -> str:
    """Return a heading path as reports show it: ``三、内容矩阵 › 3.1 内容支柱``, each heading cut to a line."""
    return " › ".join(clipped(heading) for heading in headings)
