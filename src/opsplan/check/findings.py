"""Findings of ``opsplan check``: one thing found in a file, one file's report, and whether a finding fails."""

from __future__ import annotations

from opsplan.check.rule import Category, Severity
from opsplan.check.rule_table import RULES
from opsplan.check.textutil import clipped
from opsplan.errors import Record


class Finding(Record):
    """One thing ``opsplan check`` found.

    ``line``/``column`` are 1-based (0 when unknown: DOCX has no lines). ``field`` is the profile field
    path (``content.pillars[0].share``) for profiles; ``headings`` the heading path for documents.
    ``chapter`` groups findings in the text report (a chapter key for profiles, a chapter heading for
    documents, ``""`` for the file as a whole).
    A named tuple (``errors.Record``).
    """

    __slots__ = ()
    _fields = ("rule", "message", "file", "line", "column", "field", "headings", "chapter", "hint", "severity")
    rule: str
    message: str
    file: str
    line: int
    column: int
    field: str
    headings: tuple[str, ...]
    chapter: str
    hint: str
    severity: Severity | None

    def __new__(
        cls,
        rule: str,
        message: str,
        file: str,
        line: int = 0,
        column: int = 0,
        field: str = "",
        headings: tuple[str, ...] = (),
        chapter: str = "",
        hint: str = "",
        severity: Severity | None = None,
    ) -> Finding:
        """Return the finding of ``rule`` saying ``message`` about ``file``."""
        return tuple.__new__(cls, (rule, message, file, line, column, field, headings, chapter, hint, severity))

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


class FileReport:
    """The result of checking one file: its findings and the completeness of its chapters.

    ``chapters`` lists ``(key, label)`` in plan order; ``status`` maps a key to ``ok``, ``missing`` or
    ``empty``. Findings whose ``chapter`` is not among ``chapters`` are grouped on their own, under
    their label in ``labels`` if it has one. ``locale`` is a profile's ``plan.locale`` (None for documents): the
    language its findings and its report are in. Equal when every field is (a plain class, as ``PlanDocument``:
    a check of a document imports no ``dataclasses``, see ``errors.Location``).
    """

    __slots__ = ("chapters", "file", "findings", "kind", "labels", "locale", "status")

    def __init__(
        self,
        file: str,
        kind: str,  # "profile", "markdown" or "docx"
        chapters: list[tuple[str, str]] | None = None,
        status: dict[str, str] | None = None,
        findings: list[Finding] | None = None,
        labels: dict[str, str] | None = None,  # labels of chapters outside ``chapters``
        locale: str | None = None,
    ) -> None:
        self.file = file
        self.kind = kind
        self.chapters = [] if chapters is None else chapters
        self.status = {} if status is None else status
        self.findings = [] if findings is None else findings
        self.labels = {} if labels is None else labels
        self.locale = locale

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FileReport):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass with eq

    def __repr__(self) -> str:
        return "FileReport(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__) + ")"

    def with_findings(self, findings: list[Finding]) -> FileReport:
        """Return a copy of the report with ``findings`` instead of its own."""
        return FileReport(self.file, self.kind, self.chapters, self.status, findings, self.labels, self.locale)


def fails(finding: Finding, *, strict: bool) -> bool:
    """Return whether ``finding`` fails the check (errors always; warnings with ``strict``; info never)."""
    return finding.level is Severity.ERROR or (strict and finding.level is Severity.WARNING)


def heading_path(headings: tuple[str, ...] | list[str]) -> str:
    """Return a heading path as reports show it: ``三、内容矩阵 › 3.1 内容支柱``, each heading cut to a line."""
    return " › ".join(clipped(heading) for heading in headings)
