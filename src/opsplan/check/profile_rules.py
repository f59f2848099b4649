"""Structural rules on a shop profile: chapters, placeholders, empty text, sums, risks, milestones.

Each rule reads the validated ``Profile`` and places its finding with the YAML ``Document``'s
locations, so a finding names ``file:line:column`` and the field path.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

from opsplan.check.findings import Finding
from opsplan.check.messages import listing, msg
from opsplan.check.textutil import clipped, find_profile_placeholder
from opsplan.gaps import is_gap
from opsplan.i18n import Catalogue, is_zh, say
from opsplan.kinds import Chapter, chapters_for
from opsplan.load import format_path, parse_path
from opsplan.plan.chapters import CHAPTER_DATA, chapter_has_data, chapter_heading, has_text, select_chapters
from opsplan.plan.own_chapters import own_chapter_keys
from opsplan.profile import ChannelType, Profile, unresolved_references
from opsplan.yamlread import Document, PathKey

SHARE_TOLERANCE = 0.005
HIGH_RISK_SCORE = 15

_TOP_CHAPTER: dict[str, Chapter] = {
    "market": Chapter.BACKGROUND,
    "problems": Chapter.PROBLEMS,
    "shop": Chapter.POSITIONING,
    "baseline": Chapter.GOALS,
    "goals": Chapter.GOALS,
    "content": Chapter.CONTENT,
    "traffic": Chapter.TRAFFIC,
    "live": Chapter.TRAFFIC,
    "users": Chapter.USERS,
    "supply": Chapter.SUPPLY,
    "kpis": Chapter.DATA,
    "data": Chapter.DATA,
    "risks": Chapter.RISKS,
    "team": Chapter.ORGANIZATION,
    "organization": Chapter.ORGANIZATION,
    "tools": Chapter.ORGANIZATION,
    "budget": Chapter.ORGANIZATION,
    "timeline": Chapter.TIMELINE,
    "campaigns": Chapter.TIMELINE,
}


class Locator:
    """Builds findings for a profile: location, field path and chapter from a path tuple.

    One locator serves every rule of a check, so what several rules read is read once (``strings``).
    """

    def __init__(self, profile: Profile, document: Document, texts: Mapping[str, str] | None = None) -> None:
        self.profile = profile
        self.document = document
        self.texts: Mapping[str, str] = texts or {}

    def said(self, text: str) -> str:
        """Return a profile text as the plan says it: its references (``${…}``) resolved, as the plan resolved them.

        ``texts`` is the plan's ``Plan.texts``; without a plan (a dependency cycle) a text is said as written.
        """
        return self.texts.get(text, text)

    @functools.cached_property
    def status(self) -> dict[str, str]:
        """Each required chapter's status, as ``chapter_status`` gives it: read by a rule and by the report."""
        return chapter_status(self.profile, self.document)

    @functools.cached_property
    def strings(self) -> list[tuple[PathKey, str]]:
        """Every text value of the profile data with its path, as ``profile_strings`` returns them."""
        return profile_strings(self.document.data)

    def finding(
        self, rule: str, path: PathKey, message: str, hint: str = "", *, key: bool = False, chapter: str = ""
    ) -> Finding:
        """Return a finding of ``rule`` at field ``path`` (grouped under ``chapter`` if given)."""
        location = self.document.locate(path, key=key)
        return Finding(
            rule,
            message,
            location.file,
            line=location.line,
            column=location.column,
            field=format_path(path),
            chapter=chapter or chapter_of(path),
            hint=hint,
        )


def chapter_of(path: PathKey) -> str:
    """Return the chapter key a profile field belongs to (``""`` for plan-wide fields)."""
    if not path:
        return ""
    if path[0] == "sections" and len(path) > 1:
        return str(path[1])
    chapter = _TOP_CHAPTER.get(str(path[0]))
    return chapter.value if chapter else ""


def chapter_status(profile: Profile, document: Document) -> dict[str, str]:
    """Return each required chapter's status: ``ok``, ``missing`` (no data), ``empty`` or ``intro-only``.

    Free text under ``sections`` never makes a chapter complete: a chapter with an introduction or notes
    but no data is ``intro-only`` (the plan leaves it out, as it does a missing or empty one).
    """
    status: dict[str, str] = {}
    for chapter in chapters_for(profile.plan.kind, profile.plan.chapters):
        if chapter_has_data(profile, chapter):
            status[chapter.value] = "ok"
            continue
        text = profile.sections.get(chapter)
        if text is not None and has_text(text.intro, text.notes):
            status[chapter.value] = "intro-only"
        elif any((key,) in document.keys for key in CHAPTER_DATA[chapter][0]):
            status[chapter.value] = "empty"
        else:
            status[chapter.value] = "missing"
    placed = {ref.key for ref in select_chapters(profile)[0]}
    for key in own_chapter_keys(profile):
        body = (profile.sections[key].body or "").strip()
        status[key] = "ok" if key in placed else ("missing" if body else "empty")
    return status


def check_chapters(loc: Locator) -> Iterator[Finding]:
    """OPS101/OPS102/OPS109: chapters the plan kind requires that have no data, are empty or only an intro."""
    profile = loc.profile
    kind = profile.plan.kind.value
    for key, status in loc.status.items():
        if status == "ok" or key not in CHAPTER_DATA:  # the summary is computed; own chapters: check_own_chapters
            continue
        chapter = Chapter(key)
        title = loc.said(chapter_heading(profile, key))  # the title the plan and check's chapter table show
        keys = CHAPTER_DATA[chapter][0]
        either = (" 或 " if is_zh() else " or ").join(keys)
        if status == "intro-only":
            yield loc.finding(
                "OPS109",
                ("sections", key),
                msg("OPS109", key=key, title=title, keys=either),
                msg("OPS109.hint", first=keys[0], kind=kind),
                key=True,
                chapter=key,
            )
        elif status == "missing":
            yield loc.finding(
                "OPS101",
                ("plan", "kind"),
                msg("OPS101", key=key, title=title, kind=kind, keys=either),
                msg("OPS101.hint", first=keys[0], kind=kind),
                chapter=key,
            )
        elif status == "empty":
            yield loc.finding(
                "OPS102",
                (keys[0],) if (keys[0],) in loc.document.keys else (keys[-1],),
                msg("OPS102", key=key, title=title, keys=" / ".join(keys)),
                msg("OPS102.hint", first=keys[0], kind=kind),
                key=True,
            )


OWN_CHAPTER_MESSAGES: Catalogue = {
    "no_body": (
        "chapter {key!r} ({title}) has no body, so the plan leaves it out",
        "自己的章节「{title}」（{key}）没有正文，方案不会收录它",
    ),
    "no_place": (
        "chapter {key!r} ({title}) follows {after!r}, which the plan does not hold, so the plan leaves it out",
        "自己的章节「{title}」（{key}）接在 {after} 之后，但方案里没有这一章，因此不会收录它",
    ),
    "hint": ("write its body, or place it after a chapter the plan holds", "写上正文，或让它接在方案已有的章节之后"),
    "markdown": (
        "sections.{key}.body uses {kinds}; the plan shows it as text",
        "sections.{key}.body 用了方案不支持的 Markdown（{kinds}），方案会把它原样显示为文字",
    ),
    "heading": ("a # or ## heading (use ### for a section)", "# 或 ## 标题（小节请用 ###）"),
    "html": ("raw HTML", "HTML 标签"),
    "image": ("an image", "图片"),
    "fence": ("a fenced code block", "代码块"),
    "numbered": (
        "sections.{key}.body: the heading {heading!r} carries its own number {number!r}; "
        "the plan numbers its headings, so it shows {shown!r}",
        "sections.{key}.body 的标题「{heading}」自带编号「{number}」；方案会自动编号，显示为「{shown}」",
    ),
    "numbered_hint": (
        "leave the number out: ### and #### headings are numbered by the plan (7.1, 7.1.1)",
        "去掉标题里的编号：### 和 #### 标题由方案自动编号（7.1、7.1.1）",
    ),
    "markdown_hint": (
        "use paragraphs, lists, tables, ### sections and **bold**",
        "请用段落、列表、表格、### 小节和 **加粗**",
    ),
}


def check_own_chapters(loc: Locator) -> Iterator[Finding]:
    """OPS110 an own chapter left out (no body, or after a missing chapter); OPS111 its Markdown; OPS404 numbers."""
    from opsplan.plan.own_chapters import manual_numbers, unsupported_markdown

    profile = loc.profile
    placed = {ref.key for ref in select_chapters(profile)[0]}
    for key in own_chapter_keys(profile):
        text = profile.sections[key]
        values = {"key": key, "title": loc.said(text.title) if text.title else key, "after": text.after}
        if key not in placed:
            reason = "no_body" if not (text.body or "").strip() else "no_place"
            message = say(OWN_CHAPTER_MESSAGES, reason, **values)
            yield loc.finding("OPS110", ("sections", key), message, say(OWN_CHAPTER_MESSAGES, "hint"), key=True)
        kinds = unsupported_markdown(text.body or "")
        if kinds:
            yield loc.finding(
                "OPS111",
                ("sections", key, "body"),
                say(
                    OWN_CHAPTER_MESSAGES,
                    "markdown",
                    key=key,
                    kinds=listing([say(OWN_CHAPTER_MESSAGES, k) for k in kinds]),
                ),
                say(OWN_CHAPTER_MESSAGES, "markdown_hint"),
            )
        for heading, number in manual_numbers(text.body or ""):
            shown = heading[len(number) :].strip()
            yield loc.finding(
                "OPS404",
                ("sections", key, "body"),
                say(OWN_CHAPTER_MESSAGES, "numbered", key=key, heading=heading, number=number, shown=shown),
                say(OWN_CHAPTER_MESSAGES, "numbered_hint"),
            )


def profile_strings(data: Any) -> list[tuple[PathKey, str]]:
    """Return every text value of the profile data with its path, in the data's order.

    Built into one list by plain recursion: a generator for each mapping and list, each text passed up through
    every level by ``yield from``, took twice as long over an example's 864 texts (0.42 ms).
    """
    found: list[tuple[PathKey, str]] = []
    if isinstance(data, dict | list):
        _add_strings(data, (), found)
    elif isinstance(data, str):
        found.append(((), data))
    return found


_NESTED = (dict, list)


def _add_strings(data: dict[Any, Any] | list[Any], path: PathKey, found: list[tuple[PathKey, str]]) -> None:
    for key, value in data.items() if isinstance(data, dict) else enumerate(data):
        if isinstance(value, str):
            found.append(((*path, key), value))
        elif isinstance(value, _NESTED):
            _add_strings(value, (*path, key), found)


def check_text(loc: Locator) -> Iterator[Finding]:
    """OPS201 placeholders in any value and numbers left to fill; OPS103 free-text fields written empty."""
    for path in loc.document.number_gaps:
        yield loc.finding("OPS201", path, msg("OPS201.gap", field=format_path(path)), msg("OPS201.number_hint"))
    seen: dict[str, tuple[bool, str | None]] = {}  # a value met before: a longer plan repeats many
    for path, value in loc.strings:
        read = seen.get(value)
        if read is None:
            read = seen[value] = (is_gap(value), find_profile_placeholder(value))
        gap, found = read
        if gap:
            yield loc.finding(
                "OPS201",
                path,
                msg("OPS201.gap", field=format_path(path)),
                msg("OPS201.gap_hint"),
            )
        elif found:
            excerpt = clipped(value)
            yield loc.finding(
                "OPS201",
                path,
                msg("OPS201", found=clipped(found), field=format_path(path), excerpt=excerpt),
                msg("OPS201.hint"),
            )
        elif not value.strip():
            yield loc.finding(
                "OPS103",
                path,
                msg("OPS103", field=format_path(path)),
                msg("OPS103.hint"),
            )


def _pct(value: float) -> str:
    return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"


def check_sums(loc: Locator) -> Iterator[Finding]:
    """OPS501–OPS505: shares and weights that do not sum to 100%."""
    p = loc.profile
    lists: list[tuple[str, PathKey, list[tuple[str, float]]]] = [
        ("OPS501", ("content", "pillars"), [(loc.said(x.name), x.share) for x in p.content.pillars]),
        ("OPS502", ("budget", "items"), [(loc.said(x.name), x.share) for x in p.budget.items]),
        ("OPS503", ("traffic", "channels"), [(loc.said(x.name), x.share) for x in p.traffic.channels]),
        ("OPS504", ("users", "segments"), [(loc.said(x.name), x.share) for x in p.users.segments]),
        (
            "OPS505",
            ("live", "evaluation"),
            [(loc.said(x.name), x.weight) for x in (p.live.evaluation if p.live else [])],
        ),
    ]
    for rule, path, items in lists:
        if not items:
            continue
        total = sum(share for _, share in items)
        if abs(total - 1) <= SHARE_TOLERANCE:
            continue
        field = "weight" if rule == "OPS505" else "share"
        parts = listing([f"{name} {_pct(share)}" for name, share in items])
        gap = 1 - total
        hint = msg("OPS50x.add" if gap > 0 else "OPS50x.take", gap=_pct(abs(gap)))
        yield loc.finding(rule, (*path, 0, field), msg("OPS50x", what=msg(rule), total=_pct(total), parts=parts), hint)


def check_risks(loc: Locator) -> Iterator[Finding]:
    """OPS801–OPS803: risks without owner or mitigation; high risks without a response commitment."""
    for index, risk in enumerate(loc.profile.risks):
        name = msg("risk", id=risk.id, title=loc.said(risk.title))
        path: PathKey = ("risks", index)
        if not risk.owner.strip():
            yield loc.finding("OPS801", path, msg("OPS801", name=name), msg("OPS801.hint"))
        if not risk.mitigation.strip():
            yield loc.finding("OPS802", path, msg("OPS802", name=name), msg("OPS802.hint"))
        score = risk.likelihood * risk.impact
        if score >= HIGH_RISK_SCORE and not risk.response.strip():
            yield loc.finding(
                "OPS803",
                path,
                msg("OPS803", name=name, likelihood=risk.likelihood, impact=risk.impact, score=score),
                msg("OPS803.hint"),
            )


def check_channels(loc: Locator) -> Iterator[Finding]:
    """OPS902: a paid channel without an ROI assumption."""
    for index, channel in enumerate(loc.profile.traffic.channels):
        if channel.type is ChannelType.PAID and channel.roi is None:
            yield loc.finding(
                "OPS902",
                ("traffic", "channels", index),
                msg("OPS902", name=loc.said(channel.name)),
                msg("OPS902.hint"),
            )


def check_milestones(loc: Locator) -> Iterator[Finding]:
    """OPS702 unknown task references; OPS703 milestones closing no task; OPS704 no criteria."""
    for problem in unresolved_references(loc.profile):
        where, _, message = problem.partition(": ")
        yield loc.finding("OPS702", parse_path(where), msg("OPS702", where=where, problem=message), msg("OPS702.hint"))
    for index, milestone in enumerate(loc.profile.timeline.milestones):
        name = msg("milestone", id=milestone.id, name=loc.said(milestone.name))
        path: PathKey = ("timeline", "milestones", index)
        if not milestone.after:
            yield loc.finding("OPS703", path, msg("OPS703", name=name), msg("OPS703.hint"))
        if not milestone.criteria.strip():
            yield loc.finding(
                "OPS704",
                path,
                msg("OPS704", name=name),
                msg("OPS704.hint"),
            )


def check_profile_structure(loc: Locator) -> list[Finding]:
    """Run the structural profile rules; OPS103 is left out where another rule covers the same field."""
    findings = [
        *check_chapters(loc),
        *check_text(loc),
        *check_own_chapters(loc),
        *check_sums(loc),
        *check_risks(loc),
        *check_channels(loc),
        *check_milestones(loc),
    ]
    covered = [f.field for f in findings if f.rule != "OPS103" and f.field]
    return [f for f in findings if f.rule != "OPS103" or not any(_within(f.field, c) for c in covered)]


def _within(field: str, parent: str) -> bool:
    """Return whether field path ``field`` is ``parent`` or lies inside it."""
    return field == parent or field.startswith((parent + ".", parent + "["))
