"""Rules on plan documents (Markdown and DOCX): structure, placeholders, duplicates, numbering, contents."""

from __future__ import annotations

from collections.abc import Iterator

from opsplan.check import document_sums as sums
from opsplan.check.docread import BodyLine, Heading, PlanDocument
from opsplan.check.findings import Finding
from opsplan.check.heading_numbers import is_contents_title, normalize_title, show_number, split_number
from opsplan.check.messages import msg
from opsplan.check.textutil import clipped, find_placeholder

# A hostile or broken document can hold a finding on every line; past this many findings of one rule,
# the rest are counted in one last finding of that rule, so a report stays readable and small.
MAX_FINDINGS_PER_RULE = 200


class _Context:
    """A document with its chapter level and each heading's chapter worked out once."""

    def __init__(self, document: PlanDocument) -> None:
        self.doc = document
        headings = document.headings
        levels = [h.level for h in headings]
        titled = bool(headings) and levels.count(1) == 1 and levels[0] == 1 and len(headings) > 1
        rest = [h.level for h in headings[1:]] if titled else levels
        self.chapter_level = min(rest) if rest else 1
        self.titled = titled
        self.positions: dict[int, int] = {}
        self.chapters: list[str] = []
        current = ""
        for heading in headings:
            if heading.level == self.chapter_level:
                current = heading.text
            self.chapters.append(current if heading.level >= self.chapter_level else "")

    def finding(self, rule: str, message: str, heading: int, position: int, hint: str) -> Finding:
        """Build a finding located at ``position`` under heading number ``heading``."""
        doc = self.doc
        path = doc.headings[heading].path if heading >= 0 else ()
        if self.titled and len(path) > 1:
            path = path[1:]
        chapter = self.chapters[heading] if heading >= 0 else ""
        finding = Finding(
            rule,
            message,
            doc.file,
            line=position if doc.has_lines else 0,
            headings=path,
            chapter=chapter,
            hint=hint,
        )
        self.positions[id(finding)] = position
        return finding


def check_document(document: PlanDocument) -> list[Finding]:
    """Run every document rule on ``document`` and return the findings in document order."""
    ctx = _Context(document)
    if not document.headings:
        return [
            Finding(
                "OPS106",
                msg("OPS106"),
                document.file,
                line=1 if document.has_lines else 0,
                hint=msg("OPS106.hint"),
            )
        ]
    findings = [
        *_placeholders(ctx),
        *_duplicates(ctx),
        *_numbering(ctx),
        *_empty_sections(ctx),
        *_contents(ctx),
        *_cut_off(ctx),
        *_sums(ctx),
    ]
    findings.sort(key=lambda f: ctx.positions.get(id(f), 0))
    return _capped(findings)


def _capped(findings: list[Finding]) -> list[Finding]:
    """Keep the first ``MAX_FINDINGS_PER_RULE`` findings of each rule; the first one over says how many more."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    if max(counts.values(), default=0) <= MAX_FINDINGS_PER_RULE:
        return findings
    kept: list[Finding] = []
    seen: dict[str, int] = {}
    for finding in findings:
        seen[finding.rule] = seen.get(finding.rule, 0) + 1
        if seen[finding.rule] <= MAX_FINDINGS_PER_RULE:
            kept.append(finding)
        elif seen[finding.rule] == MAX_FINDINGS_PER_RULE + 1:
            more = counts[finding.rule] - MAX_FINDINGS_PER_RULE
            kept.append(
                finding._replace(
                    message=msg("more", message=finding.message, more=f"{more - 1:,}", rule=finding.rule)
                    if more > 1
                    else finding.message,
                )
            )
    return kept


def _placeholders(ctx: _Context) -> Iterator[Finding]:
    for index, heading in enumerate(ctx.doc.headings):
        found = find_placeholder(heading.text)
        if found:
            yield ctx.finding(
                "OPS202",
                msg("OPS202", found=clipped(found), heading=clipped(heading.text)),
                index,
                heading.position,
                msg("OPS202.hint"),
            )
    for line in ctx.doc.body:
        found = find_placeholder(line.text)
        if found:
            under = clipped(ctx.doc.headings[line.heading].text) if line.heading >= 0 else msg("start")
            excerpt = clipped(line.text)
            yield ctx.finding(
                "OPS203",
                msg("OPS203", found=clipped(found), under=under, excerpt=excerpt),
                line.heading,
                line.position,
                msg("OPS203.hint"),
            )


def _duplicates(ctx: _Context) -> Iterator[Finding]:
    seen: dict[tuple[tuple[str, ...], str], Heading] = {}
    for index, heading in enumerate(ctx.doc.headings):
        key = normalize_title(heading.text)
        if not key or is_contents_title(heading.text) or heading.level < ctx.chapter_level:
            continue
        is_chapter = heading.level == ctx.chapter_level
        scope = () if is_chapter else heading.path[:-1]
        first = seen.get((scope, key))
        if first is None:
            seen[(scope, key)] = heading
            continue
        where = msg("and", a=ctx.doc.where(first.position), b=ctx.doc.where(heading.position))
        if is_chapter:
            yield ctx.finding(
                "OPS301",
                msg("OPS301", heading=clipped(heading.text), first=clipped(first.text), where=where),
                index,
                heading.position,
                msg("OPS301.hint"),
            )
        else:
            yield ctx.finding(
                "OPS302",
                msg(
                    "OPS302",
                    heading=clipped(heading.text),
                    first=clipped(first.text),
                    parent=clipped(scope[-1]),
                    where=where,
                ),
                index,
                heading.position,
                msg("OPS302.hint"),
            )


def _numbering(ctx: _Context) -> Iterator[Finding]:
    current: list[int] = []
    styles: list[str] = []
    # a mis-numbered heading stands for the number it should have had, so its children are not
    # reported again: 四 where 三 was due may hold 3.1 or 4.1
    alias: dict[tuple[int, ...], tuple[int, ...]] = {}
    for index, heading in enumerate(ctx.doc.headings):
        number = heading.number
        if number is None or heading.depth == 0:
            continue
        depth, value, style = heading.depth, number.parts[-1], number.style
        shown = show_number(number.parts, style)
        parents = current[: depth - 1]
        if not number.implicit and depth > 1:
            stated = list(number.parts[:-1])
            if len(parents) < depth - 1:
                missing = show_number(tuple(stated), style)
                yield ctx.finding(
                    "OPS401",
                    msg("OPS401.before", shown=shown, missing=missing),
                    index,
                    heading.position,
                    msg("OPS401.before_hint", shown=shown, missing=missing),
                )
                current, styles = [*stated, value], [*(styles + [style] * depth)[: depth - 1], style]
                continue
            if stated != parents and stated != _translate(parents, alias):
                parent_shown = show_number(tuple(parents), styles[len(parents) - 1])
                expected = show_number((*parents, 1), "decimal")[:-1] + "x"
                stated_shown = show_number(tuple(stated), styles[len(parents) - 1])
                yield ctx.finding(
                    "OPS403",
                    msg("OPS403", shown=shown, parent=parent_shown, expected=expected),
                    index,
                    heading.position,
                    msg("OPS403.hint", expected=expected, stated=stated_shown),
                )
                current, styles = [*parents, value], [*(styles + [style] * depth)[: depth - 1], style]
                continue
        previous = current[depth - 1] if len(current) >= depth else 0
        if value != previous + 1:
            alias[(*parents, value)] = (*_translate(parents, alias), previous + 1)
        if value == previous + 1:
            pass
        elif value > previous + 1:
            gap = [show_number((*parents, n), style) for n in range(previous + 1, value)]
            before = show_number((*parents, previous), style) if previous else msg("start")
            yield ctx.finding(
                "OPS401",
                msg("OPS401.jump" if len(gap) == 1 else "OPS401.jumps", before=before, shown=shown, gap="、".join(gap)),
                index,
                heading.position,
                msg("OPS401.hint"),
            )
        else:
            last = show_number((*parents, previous), style)
            yield ctx.finding(
                "OPS402",
                msg("OPS402.again" if value == previous else "OPS402.back", shown=shown, last=last),
                index,
                heading.position,
                msg("OPS402.hint"),
            )
        current, styles = [*parents, value], [*(styles + [style] * depth)[: depth - 1], style]


def _translate(parents: list[int], alias: dict[tuple[int, ...], tuple[int, ...]]) -> list[int]:
    """Return ``parents`` with its longest mis-numbered prefix replaced by the number it stands for."""
    for size in range(len(parents), 0, -1):
        prefix = tuple(parents[:size])
        if prefix in alias:
            return [*alias[prefix], *parents[size:]]
    return parents


def _empty_sections(ctx: _Context) -> Iterator[Finding]:
    has_body = {line.heading for line in ctx.doc.body}
    headings = ctx.doc.headings
    for index, heading in enumerate(headings):
        if index in has_body or is_contents_title(heading.text):
            continue
        following = headings[index + 1] if index + 1 < len(headings) else None
        if following is not None and following.level > heading.level:
            continue
        yield ctx.finding(
            "OPS105",
            msg("OPS105", heading=clipped(heading.text)),
            index,
            heading.position,
            msg("OPS105.hint"),
        )


def missing_entries(document: PlanDocument) -> list[tuple[BodyLine, str | None]]:
    """Return the contents entries with no heading of the same number and title after the contents.

    Each comes with the text of a heading that has the title under another number, if there is one. An
    entry or heading without a number matches on its title alone.
    """
    if not document.contents:
        return []
    toc_heading = document.contents[0].heading
    numbers: dict[str, list[tuple[tuple[int, ...] | None, str]]] = {}
    for heading in document.headings[toc_heading + 1 :]:
        parts = heading.number.parts if heading.number is not None else None
        numbers.setdefault(normalize_title(heading.text), []).append((parts, heading.text))
    missing: list[tuple[BodyLine, str | None]] = []
    for entry in document.contents:
        key = normalize_title(entry.text)
        if not key:
            continue
        number, _ = split_number(entry.text)
        found = numbers.get(key, [])
        if any(number is None or parts is None or parts == number.parts for parts, _ in found):
            continue
        missing.append((entry, found[0][1] if found else None))
    return missing


def _contents(ctx: _Context) -> Iterator[Finding]:
    for entry, other in missing_entries(ctx.doc):
        if other is None:
            message, hint = msg("OPS104", entry=clipped(entry.text)), msg("OPS104.hint")
        else:
            message, hint = (
                msg("OPS104.elsewhere", entry=clipped(entry.text), other=clipped(other)),
                msg("OPS104.hint_elsewhere"),
            )
        finding = ctx.finding(
            "OPS104",
            message,
            entry.heading,
            entry.position,
            hint,
        )
        moved = finding._replace(chapter=entry.text)
        ctx.positions[id(moved)] = entry.position
        yield moved


_OPEN_ENDS = tuple("，、,;；：:（(「『“‘《-—")
_CLOSED_ENDS = tuple("。！？!?….」』”’）)》\"'*")


def _cut_off(ctx: _Context) -> Iterator[Finding]:
    """Report a last paragraph that stops mid-sentence.

    It ends on a comma, a colon or an opening bracket, or without closing punctuation in a document that
    closes at least four in five of its other paragraphs (of ten characters or more, three or more).
    """
    ending = ctx.doc.ending
    if ending is None:
        return
    text = ending.text.strip()
    closed = [p.text.strip().endswith(_CLOSED_ENDS) for p in ctx.doc.paragraphs[:-1] if len(p.text.strip()) >= 10]
    usually_closed = len(closed) >= 3 and sum(closed) >= 0.8 * len(closed)
    if text.endswith(_OPEN_ENDS) or (usually_closed and not text.endswith(_CLOSED_ENDS)):
        under = ctx.doc.headings[ending.heading].text if ending.heading >= 0 else msg("start")
        excerpt = text if len(text) <= 40 else "…" + text[-39:]
        yield ctx.finding(
            "OPS108",
            msg("OPS108", under=under, excerpt=excerpt),
            ending.heading,
            ending.position,
            msg("OPS108.hint"),
        )


def _sums(ctx: _Context) -> Iterator[Finding]:
    for paragraph in _running_text(ctx.doc):
        for rule, message, hint in sums.sum_problems(paragraph.text):
            yield ctx.finding(rule, message, paragraph.heading, paragraph.position, hint)
    for table in ctx.doc.tables:
        for header, column_total, rows in sums.share_column_sums(table):
            yield ctx.finding(
                "OPS510",
                msg("OPS510.column", rows=rows, header=header, total=f"{column_total:g}"),
                table.heading,
                table.position,
                msg("OPS510.column_hint"),
            )
        for position, header, stated_total, parts_total in sums.total_row_mismatches(table):
            from opsplan.formatting import said_number  # Babel: imported only when a total is off

            yield ctx.finding(
                "OPS511",
                msg("OPS511.row", stated=stated_total, header=header, sum=said_number(parts_total)),
                table.heading,
                position,
                msg("OPS511.row_hint"),
            )


def _running_text(document: PlanDocument) -> list[BodyLine]:
    """Return every text a sentence rule reads, in document order: headings, paragraphs, list items, table cells.

    Text from a profile may land in any of them, so that the same sentence gets the same verdict on the profile
    and on the plan rendered from it (OPS510, OPS511). A cell merged across columns or down rows counts once.
    Only a text that may not add up (``may_not_add_up``) is returned: the others hold nothing to sum. A table or a
    row is passed over whole when its cells joined (``_JOIN`` is in no word the test looks for) may not either:
    two percent signs in a cell are two in the row, and a word in a cell is a word in the row.
    """
    keep = sums.may_not_add_up
    texts = [BodyLine(index, h.position, h.text) for index, h in enumerate(document.headings) if keep(h.text)]
    texts += [line for line in (*document.paragraphs, *document.list_items) if keep(line.text)]
    for table in document.tables:
        rows = ((table.position, table.header), *table.rows)
        if not keep(_JOIN.join(cell for _, row in rows for cell in row)):
            continue
        for index, (position, row) in enumerate(rows):
            if not keep(_JOIN.join(row)):
                continue
            cells = [cell for column, cell in enumerate(row) if (index - 1, column) not in table.merged]
            texts += [BodyLine(table.heading, position, cell) for cell in dict.fromkeys(cells) if cell and keep(cell)]
    return sorted(texts, key=lambda line: line.position)


_JOIN = "\n"
