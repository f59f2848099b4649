"""Rules on plan documents (Markdown and DOCX): structure, placeholders, duplicates, numbering, contents."""

from __future__ import annotations

from collections.abc import Iterator

from opsplan.check import document_sums as sums
from opsplan.check.docread import BodyLine, Heading, PlanDocument
from opsplan.check.findings import Finding
from opsplan.check.heading_numbers import is_contents_title, normalize_title, show_number, split_number
from opsplan.check.messages import Wording, msg, wording
from opsplan.check.textutil import clipped, find_placeholder
from opsplan.i18n import settled

# A hostile or broken document can hold a finding on every line; past this many findings of one rule,
# the rest are counted in one last finding of that rule, so a report stays readable and small.
MAX_FINDINGS_PER_RULE = 200


class _Found:
    """A finding before it is kept: its message and hint are said only if it is (``_Context.finding``).

    ``heading`` is the heading it is under (-1: none); ``chapter`` None is the chapter of that heading. A plain
    class: a named tuple's class costs 0.1 ms more to make, in every check.
    """

    __slots__ = ("chapter", "heading", "hint", "message", "position", "rule")

    def __init__(
        self, rule: str, heading: int, position: int, message: Wording, hint: Wording, chapter: str | None = None
    ) -> None:
        self.rule, self.heading, self.position = rule, heading, position
        self.message, self.hint, self.chapter = message, hint, chapter


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
        self.chapters: list[str] = []
        current = ""
        for heading in headings:
            if heading.level == self.chapter_level:
                current = heading.text
            self.chapters.append(current if heading.level >= self.chapter_level else "")
        self.counted: dict[str, int] = {}

    def room(self, rule: str) -> bool:
        """Count a finding of ``rule``; return whether it is kept (its rule's first ``MAX_FINDINGS_PER_RULE`` + 1).

        Each rule comes upon its findings in document order, so the first ones counted are the first in the
        document. A finding past them is counted and nothing more: a hostile document can hold a million, and
        building each (1 MB of repeated headings: 11–15 s) cost more than the rest of the check.
        """
        count = self.counted[rule] = self.counted.get(rule, 0) + 1
        return count <= MAX_FINDINGS_PER_RULE + 1

    def finding(self, found: _Found, message: str) -> Finding:
        """Return the finding ``found`` says, with ``message``, located at its position under its heading."""
        doc, heading = self.doc, found.heading
        path = doc.headings[heading].path if heading >= 0 else ()
        if self.titled and len(path) > 1:
            path = path[1:]
        chapter = found.chapter if found.chapter is not None else self.chapters[heading] if heading >= 0 else ""
        line = found.position if doc.has_lines else 0
        return Finding(found.rule, message, doc.file, line=line, headings=path, chapter=chapter, hint=found.hint.said())


def check_document(document: PlanDocument) -> list[Finding]:
    """Run every document rule on ``document`` and return the findings in document order.

    Each rule's first ``MAX_FINDINGS_PER_RULE`` findings are kept and worded; the environment's language is read
    once for them all.
    """
    with settled():
        return _checked(document)


def _checked(document: PlanDocument) -> list[Finding]:
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
    found = [
        *_placeholders(ctx),
        *_duplicates(ctx),
        *_numbering(ctx),
        *_empty_sections(ctx),
        *_contents(ctx),
        *_cut_off(ctx),
        *_sums(ctx),
    ]
    found.sort(key=lambda f: f.position)
    return _capped(ctx, found)


def _capped(ctx: _Context, found: list[_Found]) -> list[Finding]:
    """Word the first ``MAX_FINDINGS_PER_RULE`` findings of each rule; the first one over says how many more."""
    counts = ctx.counted
    kept: list[Finding] = []
    seen: dict[str, int] = {}
    for each in found:
        seen[each.rule] = number = seen.get(each.rule, 0) + 1
        if number <= MAX_FINDINGS_PER_RULE:
            kept.append(ctx.finding(each, each.message.said()))
        elif number == MAX_FINDINGS_PER_RULE + 1:
            message, more = each.message.said(), counts[each.rule] - MAX_FINDINGS_PER_RULE
            if more > 1:
                message = msg("more", message=message, more=f"{more - 1:,}", rule=each.rule)
            kept.append(ctx.finding(each, message))
    return kept


def _placeholders(ctx: _Context) -> Iterator[_Found]:
    for index, heading in enumerate(ctx.doc.headings):
        found = find_placeholder(heading.text)
        if found and ctx.room("OPS202"):
            said = wording("OPS202", found=clipped(found), heading=clipped(heading.text))
            yield _Found("OPS202", index, heading.position, said, wording("OPS202.hint"))
    for line in ctx.doc.body:
        found = find_placeholder(line.text)
        if found and ctx.room("OPS203"):
            under = clipped(ctx.doc.headings[line.heading].text) if line.heading >= 0 else wording("start")
            said = wording("OPS203", found=clipped(found), under=under, excerpt=clipped(line.text))
            yield _Found("OPS203", line.heading, line.position, said, wording("OPS203.hint"))


def _duplicates(ctx: _Context) -> Iterator[_Found]:
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
        if not ctx.room("OPS301" if is_chapter else "OPS302"):
            continue
        where = wording("and", a=ctx.doc.where(first.position), b=ctx.doc.where(heading.position))
        titles = {"heading": clipped(heading.text), "first": clipped(first.text), "where": where}
        if is_chapter:
            yield _Found("OPS301", index, heading.position, wording("OPS301", **titles), wording("OPS301.hint"))
        else:
            said = wording("OPS302", **titles, parent=clipped(scope[-1]))
            yield _Found("OPS302", index, heading.position, said, wording("OPS302.hint"))


def _numbering(ctx: _Context) -> Iterator[_Found]:
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
        parents = current[: depth - 1]
        if not number.implicit and depth > 1:
            stated = list(number.parts[:-1])
            if len(parents) < depth - 1:
                if ctx.room("OPS401"):
                    shown, missing = show_number(number.parts, style), show_number(tuple(stated), style)
                    said = wording("OPS401.before", shown=shown, missing=missing)
                    hint = wording("OPS401.before_hint", shown=shown, missing=missing)
                    yield _Found("OPS401", index, heading.position, said, hint)
                current, styles = [*stated, value], [*(styles + [style] * depth)[: depth - 1], style]
                continue
            if stated != parents and stated != _translate(parents, alias):
                if ctx.room("OPS403"):
                    shown = show_number(number.parts, style)
                    parent_shown = show_number(tuple(parents), styles[len(parents) - 1])
                    expected = show_number((*parents, 1), "decimal")[:-1] + "x"
                    stated_shown = show_number(tuple(stated), styles[len(parents) - 1])
                    said = wording("OPS403", shown=shown, parent=parent_shown, expected=expected)
                    hint = wording("OPS403.hint", expected=expected, stated=stated_shown)
                    yield _Found("OPS403", index, heading.position, said, hint)
                current, styles = [*parents, value], [*(styles + [style] * depth)[: depth - 1], style]
                continue
        previous = current[depth - 1] if len(current) >= depth else 0
        if value != previous + 1:
            alias[(*parents, value)] = (*_translate(parents, alias), previous + 1)
        if value == previous + 1:
            pass
        elif value > previous + 1 and ctx.room("OPS401"):
            gap = "、".join(show_number((*parents, n), style) for n in range(previous + 1, value))
            before = show_number((*parents, previous), style) if previous else wording("start")
            jump = "OPS401.jump" if value == previous + 2 else "OPS401.jumps"
            said = wording(jump, before=before, shown=show_number(number.parts, style), gap=gap)
            yield _Found("OPS401", index, heading.position, said, wording("OPS401.hint"))
        elif value <= previous and ctx.room("OPS402"):
            shown, last = show_number(number.parts, style), show_number((*parents, previous), style)
            said = wording("OPS402.again" if value == previous else "OPS402.back", shown=shown, last=last)
            yield _Found("OPS402", index, heading.position, said, wording("OPS402.hint"))
        current, styles = [*parents, value], [*(styles + [style] * depth)[: depth - 1], style]


def _translate(parents: list[int], alias: dict[tuple[int, ...], tuple[int, ...]]) -> list[int]:
    """Return ``parents`` with its longest mis-numbered prefix replaced by the number it stands for."""
    for size in range(len(parents), 0, -1):
        prefix = tuple(parents[:size])
        if prefix in alias:
            return [*alias[prefix], *parents[size:]]
    return parents


def _empty_sections(ctx: _Context) -> Iterator[_Found]:
    has_body = {line.heading for line in ctx.doc.body}
    headings = ctx.doc.headings
    for index, heading in enumerate(headings):
        if index in has_body or is_contents_title(heading.text):
            continue
        following = headings[index + 1] if index + 1 < len(headings) else None
        if (following is not None and following.level > heading.level) or not ctx.room("OPS105"):
            continue
        said = wording("OPS105", heading=clipped(heading.text))
        yield _Found("OPS105", index, heading.position, said, wording("OPS105.hint"))


def missing_entries(document: PlanDocument) -> list[tuple[BodyLine, str | None]]:
    """Return the contents entries with no heading of the same number and title after the contents.

    Each comes with the text of a heading that has the title under another number, if there is one. An
    entry or heading without a number matches on its title alone.
    """
    if not document.contents:
        return []
    toc_heading = document.contents[0].heading
    # each title after the contents: the text of its first heading and the numbers it has (None: unnumbered)
    titles: dict[str, tuple[str, set[tuple[int, ...] | None]]] = {}
    for heading in document.headings[toc_heading + 1 :]:
        parts = heading.number.parts if heading.number is not None else None
        titles.setdefault(normalize_title(heading.text), (heading.text, set()))[1].add(parts)
    missing: list[tuple[BodyLine, str | None]] = []
    for entry in document.contents:
        key = normalize_title(entry.text)
        if not key:
            continue
        number, _ = split_number(entry.text)
        found = titles.get(key)
        if found is not None and (number is None or None in found[1] or number.parts in found[1]):
            continue
        missing.append((entry, found[0] if found is not None else None))
    return missing


def _contents(ctx: _Context) -> Iterator[_Found]:
    for entry, other in missing_entries(ctx.doc):
        if not ctx.room("OPS104"):
            continue
        if other is None:
            said, hint = wording("OPS104", entry=clipped(entry.text)), wording("OPS104.hint")
        else:
            said = wording("OPS104.elsewhere", entry=clipped(entry.text), other=clipped(other))
            hint = wording("OPS104.hint_elsewhere")
        yield _Found("OPS104", entry.heading, entry.position, said, hint, chapter=entry.text)


_OPEN_ENDS = tuple("，、,;；：:（(「『“‘《-—")
_CLOSED_ENDS = tuple("。！？!?….」』”’）)》\"'*")


def _cut_off(ctx: _Context) -> Iterator[_Found]:
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
    ended = text.endswith(_OPEN_ENDS) or (usually_closed and not text.endswith(_CLOSED_ENDS))
    if ended and ctx.room("OPS108"):
        under = ctx.doc.headings[ending.heading].text if ending.heading >= 0 else wording("start")
        excerpt = text if len(text) <= 40 else "…" + text[-39:]
        said = wording("OPS108", under=under, excerpt=excerpt)
        yield _Found("OPS108", ending.heading, ending.position, said, wording("OPS108.hint"))


def _sums(ctx: _Context) -> Iterator[_Found]:
    """OPS510/OPS511 of running text and of tables, in document order (text first at one position)."""
    found = _text_sums(ctx.doc)
    tables = list(_table_sums(ctx.doc))  # none in a plan whose tables add up
    if tables:
        import heapq  # 0.3 ms to import: only for a table that does not add up

        found = heapq.merge(found, tables, key=lambda each: each.position)
    return (each for each in found if ctx.room(each.rule))


def _text_sums(document: PlanDocument) -> Iterator[_Found]:
    for paragraph in _running_text(document):
        for rule, said, hint in sums.sum_problems(paragraph.text):
            yield _Found(rule, paragraph.heading, paragraph.position, said, hint)


def _table_sums(document: PlanDocument) -> Iterator[_Found]:
    for table in document.tables:
        for header, column_total, rows in sums.share_column_sums(table):
            said = wording("OPS510.column", rows=rows, header=header, total=f"{column_total:g}")
            yield _Found("OPS510", table.heading, table.position, said, wording("OPS510.column_hint"))
        for position, header, stated_total, parts_total in sums.total_row_mismatches(table):
            from opsplan.formatting import said_number  # Babel: imported only when a total is off

            said = wording("OPS511.row", stated=stated_total, header=header, sum=said_number(parts_total))
            yield _Found("OPS511", table.heading, position, said, wording("OPS511.row_hint"))


def _running_text(document: PlanDocument) -> list[BodyLine]:
    """Return every text a sentence rule reads, in document order: headings, paragraphs, list items, table cells.

    Text from a profile may land in any of them, so that the same sentence gets the same verdict on the profile
    and on the plan rendered from it (OPS510, OPS511). A cell merged across columns or down rows counts once.
    Only a text that may not add up (``may_not_add_up``) is returned: the others hold nothing to sum. A table or a
    row is passed over whole when its cells together may not either (``cells_may_not_add_up``): two percent signs
    in a cell are two in the row, and a word in a cell is a word in the row.
    """
    keep, any_keep = sums.may_not_add_up, sums.cells_may_not_add_up
    texts = [BodyLine(index, h.position, h.text) for index, h in enumerate(document.headings) if keep(h.text)]
    texts += [line for line in (*document.paragraphs, *document.list_items) if keep(line.text)]
    for table in document.tables:
        rows = ((table.position, table.header), *table.rows)
        if not any_keep([cell for _, row in rows for cell in row]):
            continue
        for index, (position, row) in enumerate(rows):
            if not any_keep(row):
                continue
            cells = [cell for column, cell in enumerate(row) if (index - 1, column) not in table.merged]
            texts += [BodyLine(table.heading, position, cell) for cell in dict.fromkeys(cells) if cell and keep(cell)]
    return sorted(texts, key=lambda line: line.position)
