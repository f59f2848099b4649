"""``opsplan check``: check profiles (.yaml) and plan documents (.md, .docx), report, pick the exit code.

Exit codes: 0 nothing fails; 1 an error (or, with ``strict``, a warning) was found; 2 an input could
not be read or a profile does not validate (raised as ``OpsplanError`` for the CLI to print).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable, Sequence

from opsplan.check.findings import FileReport, Finding, fails
from opsplan.check.messages import msg
from opsplan.check.rule_table import RULES
from opsplan.errors import InputError, Problem, Record, UsageError
from opsplan.gcpace import few_collections
from opsplan.i18n import about_profile

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from pathlib import Path
    from typing import TextIO

    from opsplan.check.docread import PlanDocument
    from opsplan.plan.model import Plan
    from opsplan.profile import Profile
    from opsplan.yamlread import Document

FORMATS = ("text", "json", "github", "sarif")
PROFILE_SUFFIXES = (".yaml", ".yml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


class CheckOptions(Record):
    """Options of ``opsplan check``: strict mode, output format and rule ids to skip (a named tuple)."""

    __slots__ = ()
    _fields = ("strict", "output_format", "ignore", "extends_anywhere")
    strict: bool
    output_format: str
    ignore: set[str] | frozenset[str]
    extends_anywhere: bool

    def __new__(
        cls,
        strict: bool = False,
        output_format: str = "text",
        ignore: set[str] | frozenset[str] = frozenset(),
        extends_anywhere: bool = False,
    ) -> CheckOptions:
        """Return the options, each as ``opsplan check`` takes it by default unless given."""
        return tuple.__new__(cls, (strict, output_format, ignore, extends_anywhere))


def check_profile(path: Path, *, extends_anywhere: bool = False) -> FileReport:
    """Check the profile at ``path``; raise ``OpsplanError`` if it cannot be read or validated."""
    from opsplan.load import load_document, validate_document

    document = load_document(path, extends_anywhere=extends_anywhere)
    return profile_report(path, document, validate_document(document, lenient_references=True))


def profile_report(path: Path, document: Document, profile: Profile, plan: Plan | None = None) -> FileReport:
    """Run every profile rule on ``profile`` (read from ``document``); ``plan``, if given, is its plan.

    The findings are worded in the profile's ``plan.locale`` unless ``--lang`` or ``OPSPLAN_LANG`` chose.
    """
    with about_profile(profile.plan.locale):
        return _profile_report(path, document, profile, plan)


def _profile_report(path: Path, document: Document, profile: Profile, plan: Plan | None) -> FileReport:
    from opsplan.check.agreement_rules import check_agreement
    from opsplan.check.consistency_rules import check_consistency
    from opsplan.check.engine_rules import check_engine
    from opsplan.check.name_rules import check_names
    from opsplan.check.profile_rules import Locator, check_profile_structure
    from opsplan.kinds import Chapter, chapters_for

    if plan is None:
        plan = _plan_for_check(profile)
    loc = Locator(profile, document, plan.texts if plan is not None else None)
    findings = check_profile_structure(loc)
    findings += check_engine(loc, plan)
    findings += check_agreement(loc)
    findings += check_names(loc, plan)
    findings += check_consistency(loc, plan)
    findings += [_note(note) for note in document.notes]
    findings.sort(key=lambda f: (f.file != str(path), f.file, f.line, f.column, f.rule))
    locale = profile.plan.locale
    from opsplan.plan.chapters import chapter_heading
    from opsplan.plan.own_chapters import own_chapter_keys, with_own_chapters

    keys = [*(c.value for c in Chapter), *own_chapter_keys(profile)]  # titled as the plan titles them
    labels = {key: f"{loc.said(chapter_heading(profile, key))} ({key})" for key in keys}
    kind_keys = [c.value for c in chapters_for(profile.plan.kind, profile.plan.chapters)]
    chapters = [(key, labels[key]) for key in with_own_chapters(kind_keys, profile)]
    return FileReport(str(path), "profile", chapters, loc.status, findings, labels, locale)


def _note(note: Problem) -> Finding:
    """Return an OPS107 info finding for a value ``input_forms`` read in a form that could be meant otherwise."""
    from opsplan.check.profile_rules import chapter_of
    from opsplan.load import parse_path

    where = note.location
    message, _, hint = note.message.partition("; " if "; " in note.message else "；")
    chapter = chapter_of(parse_path(note.field))
    return Finding("OPS107", message, where.file, where.line, where.column, note.field, chapter=chapter, hint=hint)


def _plan_for_check(profile: Profile) -> Plan | None:
    """Compute the plan the numeric rules read (None on a dependency cycle, which OPS701 reports)."""
    from opsplan.check.engine_rules import engine_profile
    from opsplan.errors import PlanError
    from opsplan.plan import build_plan

    try:
        return build_plan(engine_profile(profile))
    except PlanError:
        return None


def document_report(document: PlanDocument, kind: str) -> FileReport:
    """Run the document rules and work out the completeness of each chapter heading."""
    from opsplan.check.document_rules import check_document, missing_entries
    from opsplan.check.heading_numbers import is_contents_title

    findings = check_document(document)
    headings = document.headings
    levels = [h.level for h in headings if not is_contents_title(h.text)]
    titled = levels.count(1) == 1 and bool(headings) and headings[0].level == 1 and len(levels) > 1
    chapter_level = min((lv for lv in levels if not (titled and lv == 1)), default=0)
    chapters: list[tuple[str, str]] = []
    status: dict[str, str] = {}
    for heading in headings:
        if heading.level == chapter_level and not is_contents_title(heading.text) and heading.text not in status:
            chapters.append((heading.text, heading.text))
            status[heading.text] = "ok"
    for finding in findings:
        if finding.rule == "OPS105" and finding.headings and finding.headings[-1] in status:
            status[finding.headings[-1]] = "empty"
    for entry, _ in missing_entries(document):
        if entry.text not in status:
            chapters.append((entry.text, entry.text))
            status[entry.text] = "missing"
    return FileReport(document.file, kind, chapters, status, findings)


def check_file(path: str | os.PathLike[str], *, extends_anywhere: bool = False) -> FileReport:
    """Check one file by its suffix: a profile, a Markdown plan or a DOCX plan.

    ``path`` is a ``Path`` or the text typed, read as ``Path`` reads it (``shown_path``, ``path_suffix``) without
    importing ``pathlib`` until a reader is given the file. Each kind imports only its own reader and rules (a
    render, which checks its profile, reads no document).
    """
    shown = shown_path(os.fspath(path))
    suffix = path_suffix(shown).lower()
    if suffix in PROFILE_SUFFIXES:
        return check_profile(_as_path(shown), extends_anywhere=extends_anywhere)
    if suffix in MARKDOWN_SUFFIXES:
        from opsplan.check.docread import read_markdown

        return document_report(read_markdown(shown), "markdown")
    if suffix == ".docx":
        from opsplan.check.docxread import read_docx

        return document_report(read_docx(shown), "docx")
    if _is_dir(shown):
        raise InputError(msg("folder", path=shown))
    what = suffix or msg("no_suffix")
    raise InputError(msg("suffix", path=shown, what=what))


def shown_path(name: str) -> str:
    """Return ``str(pathlib.Path(name))``: ``name`` without ``.`` parts, repeated or trailing slashes; ``.`` for ''.

    As ``PurePosixPath`` reads it where the separator is ``/`` alone (two leading slashes stay two, three or more
    are one); elsewhere (Windows) ``pathlib`` itself is asked.
    """
    if os.sep != "/" or os.altsep is not None:
        return str(_as_path(name))
    root = ""
    if name.startswith("/"):
        rest = name.lstrip("/")
        root, name = ("//" if len(name) - len(rest) == 2 else "/"), rest
    return root + "/".join(part for part in name.split("/") if part and part != ".") or "."


def path_suffix(shown: str) -> str:
    """Return the suffix of a path as ``shown_path`` shows it, as ``Path.suffix`` does: ``.docx``, '' for none."""
    if os.sep != "/" or os.altsep is not None:
        return _as_path(shown).suffix
    name = shown.rpartition("/")[2]
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _is_dir(shown: str) -> bool:
    """``Path(shown).is_dir()``: False for a path that does not exist, an ``OSError`` for one that cannot be read."""
    try:
        return stat.S_ISDIR(os.stat(shown).st_mode)
    except OSError as error:
        if error.errno not in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            raise
        return False
    except ValueError:  # a NUL in the name
        return False


def _as_path(shown: str) -> Path:
    from pathlib import Path  # a profile's check takes a Path

    return Path(shown)


def _drop_ignored(report: FileReport, ignore: Iterable[str]) -> FileReport:
    skipped = set(ignore)
    kept = [f for f in report.findings if f.rule not in skipped]
    return report.with_findings(kept)


def check_paths(paths: Sequence[str | os.PathLike[str]], options: CheckOptions, out: TextIO | None = None) -> int:
    """Check every file in ``paths``, write the report to ``out`` (stdout) and return the exit code.

    ``paths`` are ``Path`` objects or the text typed (``check_file``).
    """
    if options.output_format not in FORMATS:
        raise UsageError(msg("format", value=options.output_format, choices=", ".join(FORMATS)))
    unknown = sorted(rule for rule in options.ignore if rule.upper() not in RULES)
    if unknown:
        raise UsageError(msg("ignore", unknown=", ".join(unknown), first=min(RULES), last=max(RULES)))
    ignore = {rule.upper() for rule in options.ignore}
    with few_collections():
        reports = [_drop_ignored(check_file(path, extends_anywhere=options.extends_anywhere), ignore) for path in paths]
        from opsplan.check.reporters import render

        stream = out if out is not None else sys.stdout
        color = options.output_format == "text" and out is None and stream.isatty()
        stream.write(render(reports, options.output_format, strict=options.strict, color=color))
    findings: list[Finding] = [f for report in reports for f in report.findings]
    return 1 if any(fails(f, strict=options.strict) for f in findings) else 0
