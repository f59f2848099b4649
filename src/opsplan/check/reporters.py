"""Report findings as text (rich), JSON, GitHub workflow commands or SARIF 2.1.0.

JSON format (``--format json``): a list with one object per finding, in file order::

    [{"rule": "OPS501", "category": "sum", "severity": "error",
      "message": "content pillar shares sum to 95%, not 100%: …",
      "file": "shop.yaml", "line": 42, "column": 14,          # 0 when unknown (DOCX)
      "field": "content.pillars[0].share",                    # profiles; "" for documents
      "headings": ["三、内容矩阵", "3.1 内容支柱"],              # documents; [] for profiles
      "chapter": "content",                                   # chapter key (profile) or heading (document)
      "hint": "take off 5% so they sum to 100% (1.0)"}]

``severity`` is the finding's own (``error``, ``warning`` or ``info``); ``--strict`` makes warnings fail the run
but does not rewrite them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from opsplan.check.findings import FileReport, Finding, fails, heading_path
from opsplan.check.messages import MESSAGES, counted, msg
from opsplan.check.plain_report import Grid, Line
from opsplan.check.rule import Severity
from opsplan.check.rule_table import RULES
from opsplan.check.textutil import clipped
from opsplan.i18n import about_profile

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/opsplan/opsplan"


def relative(file: str) -> str:
    """Return ``file`` relative to the working folder when it lies inside it, with forward slashes."""
    from pathlib import Path  # GitHub's and SARIF's reports only: a check of a DOCX imports no pathlib

    path = Path(file)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def all_findings(reports: Sequence[FileReport]) -> list[Finding]:
    """Return every finding of every report, in order."""
    return [finding for report in reports for finding in report.findings]


def render_json(reports: Sequence[FileReport]) -> str:
    """Return the findings as a JSON list (see the module docstring)."""
    import json  # the text report, the usual one, needs none of it

    return json.dumps([f.as_dict() for f in all_findings(reports)], ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: Sequence[FileReport]) -> str:
    """Return one GitHub Actions workflow command (``::error file=…,line=…``) per finding."""
    lines = []
    for report in reports:
        with about_profile(report.locale):
            lines += [_github_line(finding) for finding in report.findings]
    return "".join(line + "\n" for line in lines)


def _github_line(finding: Finding) -> str:
    """Return the workflow command of one finding (in the current language)."""
    from opsplan.check.rule_titles import rule_title

    props = [f"file={_escape_property(relative(finding.file))}"]
    if finding.line:
        props.append(f"line={finding.line}")
        if finding.column:
            props.append(f"col={finding.column}")
    props.append(f"title={_escape_property(finding.rule + ' ' + rule_title(finding.rule))}")
    message = finding.message
    if finding.headings and not finding.line:
        message = f"{heading_path(finding.headings)}: {message}"
    if finding.hint:
        message += msg("report.github_hint", hint=finding.hint)
    level = "notice" if finding.level is Severity.INFO else finding.level.value
    return f"::{level} {','.join(props)}::{_escape_data(message)}"


def render_sarif(reports: Sequence[FileReport]) -> str:
    """Return a SARIF 2.1.0 log with the rule table and one result per finding."""
    import json

    from opsplan import __version__
    from opsplan.check.rule_titles import rule_title

    ids = list(RULES)
    rules = [
        {
            "id": rule.id,
            "shortDescription": {"text": rule_title(rule.id)},
            "fullDescription": {
                "text": msg(
                    "report.sarif_rule", title=rule_title(rule.id), applies_to=rule.applies_to, example=rule.example
                )
            },
            "defaultConfiguration": {"level": _sarif_level(rule.severity)},
            "properties": {"category": rule.category.value, "tags": [rule.category.value]},
        }
        for rule in RULES.values()
    ]
    results = []
    for finding in all_findings(reports):
        region: dict[str, int] = {"startLine": max(finding.line, 1)}
        if finding.column:
            region["startColumn"] = finding.column
        location: dict[str, object] = {
            "physicalLocation": {"artifactLocation": {"uri": relative(finding.file)}, "region": region}
        }
        if finding.headings or finding.field:
            name = heading_path(finding.headings) if finding.headings else finding.field
            location["logicalLocations"] = [{"fullyQualifiedName": name}]
        text = finding.message + (msg("report.sarif_hint", hint=finding.hint) if finding.hint else "")
        results.append(
            {
                "ruleId": finding.rule,
                "ruleIndex": ids.index(finding.rule),
                "level": _sarif_level(finding.level),
                "message": {"text": text},
                "locations": [location],
                "properties": {"category": finding.category.value},
            }
        )
    log = {
        "version": "2.1.0",
        "$schema": SARIF_SCHEMA,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "opsplan",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _sarif_level(severity: Severity) -> str:
    return "note" if severity is Severity.INFO else severity.value


def _chapter_label(report: FileReport, key: str) -> str:
    labels = {**report.labels, **dict(report.chapters)}
    if key in labels:
        return clipped(labels[key])
    return clipped(key) if key else msg("report.whole_file")


def summary_line(reports: Sequence[FileReport], *, strict: bool) -> str:
    """Return the one-line summary: files, errors, warnings and the verdict."""
    findings = all_findings(reports)
    errors = sum(f.level is Severity.ERROR for f in findings)
    warnings = sum(f.level is Severity.WARNING for f in findings)
    infos = len(findings) - errors - warnings
    failed = any(fails(f, strict=strict) for f in findings)
    return msg(
        "summary",
        verdict=msg("summary.failed" if failed else "summary.passed"),
        files=counted("file", len(reports)),
        errors=counted("error", errors),
        warnings=counted("warning", warnings),
        infos=msg("summary.infos", n=infos) if infos else "",
        mode=msg("summary.strict") if strict and warnings else "",
    )


def render_text(reports: Sequence[FileReport], *, strict: bool, color: bool = False, width: int = 110) -> str:
    """Return the human report: findings grouped by file and chapter, completeness tables, a summary.

    Without colour the report is written as plain text (``plain_report``) and rich is not imported; what the
    plain writer does not lay out exactly as rich does (a table wider than ``width``, control characters, emoji
    codes) is left to rich, so the text is the same either way.
    """
    blocks = text_blocks(reports, strict=strict)
    if not color:
        from opsplan.check.plain_report import plain_text

        text = plain_text(blocks, width)
        if text is not None:
            return text
    return rich_text(blocks, color=color, width=width)


def text_blocks(reports: Sequence[FileReport], *, strict: bool) -> list[Line | Grid]:
    """Return the lines and tables of the human report, each file's in its own language, then the summary."""
    blocks: list[Line | Grid] = []
    for report in reports:
        with about_profile(report.locale):
            blocks += report_blocks(report)
    with about_profile(common_locale(reports)):
        blocks.append(((summary_line(reports, strict=strict), "bold"),))
    return blocks


def rich_text(blocks: Sequence[Line | Grid], *, color: bool, width: int) -> str:
    """Return ``blocks`` laid out by rich (in colour when ``color``)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        soft_wrap=True,
        markup=False,  # file names, headings and messages are shown as written
        color_system="standard" if color else None,
    )
    for block in blocks:
        if isinstance(block, Grid):
            table = Table(title=block.title, title_justify="left")
            for header, justify in block.columns:
                table.add_column(header, justify=justify)  # type: ignore[arg-type]
            for row in block.rows:
                table.add_row(*row)
            console.print(table)
        else:
            console.print(Text.assemble(*block))
    return buffer.getvalue()


def common_locale(reports: Sequence[FileReport]) -> str | None:
    """Return the ``plan.locale`` every profile among ``reports`` shares (None when they differ or for documents)."""
    locales = {report.locale for report in reports}
    return locales.pop() if len(locales) == 1 else None


def report_blocks(report: FileReport) -> list[Line | Grid]:
    """Return one file's report as lines and its completeness table, in the current language."""
    blocks: list[Line | Grid] = [((f"{report.file}  ({msg('report.kind.' + report.kind)})", "bold"),)]
    order = [key for key, _ in report.chapters]
    groups: dict[str, list[Finding]] = {}
    for finding in report.findings:
        groups.setdefault(finding.chapter, []).append(finding)
    keys = sorted(groups, key=lambda k: (order.index(k) if k in order else -1 if not k else len(order), k))
    for key in keys:
        blocks.append(((f"  {_chapter_label(report, key)}", "bold cyan"),))
        for finding in groups[key]:
            style = {Severity.ERROR: "red", Severity.WARNING: "yellow"}.get(finding.level, "cyan")
            head = f"{pad(msg('report.' + finding.level.value), 7)} {finding.rule}"
            category = f" {finding.category.value:<17} "
            blocks.append((("    ", ""), (head, style), (category, ""), (finding.where, "dim")))
            blocks.append(((f"            {finding.message}", ""),))
            if finding.hint:
                blocks.append((("            " + msg("report.hint", hint=finding.hint), "dim"),))
    if not report.findings:
        blocks.append((("  " + msg("report.none"), "green"),))
    if report.chapters:
        blocks.append(_completeness(report))
    return blocks


def _completeness(report: FileReport) -> Grid:
    columns = tuple(
        (msg(f"report.{column}"), "right" if column in ("errors", "warnings") else "left")
        for column in ("chapter", "status", "errors", "warnings")
    )
    rows = []
    for key, label in report.chapters:
        chapter_findings = [f for f in report.findings if f.chapter == key]
        errors = sum(f.level is Severity.ERROR for f in chapter_findings)
        warnings = sum(f.level is Severity.WARNING for f in chapter_findings)
        status = report.status.get(key, "ok")
        if status == "ok":
            status = "has findings" if chapter_findings else "complete"
        shown = msg(f"status.{status}") if f"status.{status}" in MESSAGES else status
        rows.append((label, shown, str(errors), str(warnings)))
    return Grid(msg("report.completeness", file=report.file), columns, tuple(rows))


def pad(text: str, width: int) -> str:
    """Pad ``text`` to ``width`` terminal columns (a Chinese character takes two)."""
    from opsplan.check.plain_report import cell_width

    return text + " " * max(0, width - cell_width(text))


def render(reports: Sequence[FileReport], output_format: str, *, strict: bool, color: bool = False) -> str:
    """Return the report in ``output_format``: text, json, github or sarif."""
    if output_format == "json":
        return render_json(reports)
    if output_format == "github":
        return render_github(reports)
    if output_format == "sarif":
        with about_profile(common_locale(reports)):
            return render_sarif(reports)
    return render_text(reports, strict=strict, color=color)
