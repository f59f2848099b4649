"""Names the plan shows twice: two items of a list alike (OPS112), two KPIs on a metric (OPS113), two titles (OPS303).

Both are compared as the plan shows them, references resolved (``Plan.texts``): a budget line ``${shop.name}达人合作``
beside a line ``拾光花事达人合作`` is a second line of that name, and ``${budget.items.拾光花事达人合作.amount}`` could
mean either. Chapter titles are compared as ``opsplan check`` compares a document's chapter headings (OPS301), so a
profile that passes renders a plan that passes.

A KPI is named by its metric (``${kpis.monthly_gmv}``, the dashboard's row). Two KPIs on one metric are a warning:
the same metric may be watched by two people or at two cadences on purpose; two rows alike in target (as the plan
shows it: a KPI without one takes its goal's), cadence and owner are a copy, an error.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from opsplan.check.findings import Finding
from opsplan.check.messages import metric_label, msg
from opsplan.check.profile_rules import Locator
from opsplan.check.rule import Severity
from opsplan.check.textutil import clipped
from opsplan.enum_words import LABELS
from opsplan.formatting import metric_value, text_list
from opsplan.i18n import Catalogue, is_zh, language, say
from opsplan.load import format_path
from opsplan.yamlread import PathKey

if TYPE_CHECKING:
    from opsplan.plan.model import ChapterRef, Plan
    from opsplan.profile import Kpi

NAME_MESSAGES: Catalogue = {
    "OPS112": (
        "{what} {name!r} is named twice: {field}{written} has the name of {first} ({where}); the plan shows two "
        "{what}s named {name!r}, and a reference such as ${{{example}}} can name only one of them",
        "{what}「{name}」重名了：{field}{written}和 {first}（{where}）同名；方案里会出现两个叫「{name}」的{what}，"
        "像 ${{{example}}} 这样的引用只能指到其中一个",
    ),
    "OPS112.written": (" (written {raw!r})", "（写作「{raw}」）"),
    "OPS112.hint": (
        "rename one of them: each {what} needs a name of its own",
        "给其中一个改名：每个{what}都要有自己的名字",
    ),
    "OPS113": (
        "KPI {label} ({metric}) is listed twice: {first} ({first_at}) and {second} ({second_at}), {how}; the dashboard "
        "shows two rows for one metric, and ${{kpis.{metric}}} names only the first",
        "KPI「{label}」（{metric}）列了两次：{first}（{first_at}）和 {second}（{second_at}），{how}；"
        "数据看板上同一个指标会有两行，${{kpis.{metric}}} 只能指到第一行",
    ),
    "OPS113.copy": ("alike in target, cadence and owner", "目标、复盘频率和负责人都一样"),
    "OPS113.differ": ("with different {parts}", "{parts}不同"),
    "OPS113.target": ("targets ({first} and {second})", "目标（{first} / {second}）"),
    "OPS113.cadence": ("cadences ({first} and {second})", "复盘频率（{first} / {second}）"),
    "OPS113.owner": ("owners ({first} and {second})", "负责人（{first} / {second}）"),
    "OPS113.none": ("none", "无"),
    "OPS113.hint.copy": ("delete one of the two rows", "删掉其中一行"),
    "OPS113.hint": (
        "keep one KPI per metric, with one target, cadence and owner (a second review of it goes under "
        "data.reviews); if both rows are meant, --ignore OPS113",
        "每个指标只留一个KPI，只有一个目标、复盘频率和负责人（另一层复盘写进 data.reviews）；两行都是有意的话，"
        "可以 --ignore OPS113",
    ),
    "OPS303": (
        "chapter {key!r} is titled {title!r}, as chapter {first_key!r} is ({where}); the plan would hold two "
        "chapters titled {title!r}, which check of the rendered plan reports (OPS301)",
        "「{key}」这一章的标题是「{title}」，和「{first_key}」这一章（{where}）相同；方案里会有两章都叫「{title}」，"
        "检查渲染出的方案时会报 OPS301",
    ),
    "OPS303.default": ("its own title", "它本来的标题"),
    "OPS303.hint": (
        "give one of them another title under sections.<key>.title",
        "在 sections.<key>.title 里给其中一章换个标题",
    ),
    "budget": ("budget line", "预算项"),
    "channels": ("traffic channel", "流量渠道"),
    "roles": ("team role", "岗位"),
    "funnel": ("funnel stage", "漏斗环节"),
    "pillars": ("content pillar", "内容支柱"),
    "segments": ("user segment", "用户分层"),
}


class _Named(NamedTuple):
    """A list whose items references address by name: where it is, the field naming an item, a reference to one."""

    what: str
    path: PathKey
    field: str
    names: list[str]
    example: str  # a reference to the item named {name}


def _named_lists(loc: Locator) -> list[_Named]:
    """Return every list of the profile whose items a ``${list.NAME.field}`` reference addresses by name.

    Campaigns are left out on purpose: two campaigns of one name are one event in two years (``plan.anchors``).
    """
    p = loc.profile
    return [
        _Named("budget", ("budget", "items"), "name", [x.name for x in p.budget.items], "budget.items.{name}.amount"),
        _Named(
            "channels", ("traffic", "channels"), "name", [x.name for x in p.traffic.channels], "channels.{name}.share"
        ),
        _Named("roles", ("team",), "role", [x.role for x in p.team], "team.roles.{name}.count"),
        _Named("funnel", ("traffic", "funnel"), "stage", [x.stage for x in p.traffic.funnel], "funnel.rates.{name}"),
        _Named(
            "pillars",
            ("content", "pillars"),
            "name",
            [x.name for x in p.content.pillars],
            "content.pillars.{name}.share",
        ),
        _Named("segments", ("users", "segments"), "name", [x.name for x in p.users.segments], "segments.{name}.share"),
    ]


def _where(loc: Locator, path: PathKey, here: PathKey) -> str:
    """Say where ``path`` is for a finding at ``here``: its line, or its file and line when it is in another file."""
    first, at = loc.document.locate(path), loc.document.locate(here)
    if first.file != at.file:
        return f"{first.file}:{first.line}"
    return msg("line", n=first.line)


def check_item_names(loc: Locator) -> Iterator[Finding]:
    """OPS112: two items of one named list (budget lines, channels, roles, stages, pillars, segments) named alike.

    Names are compared as the plan shows them and a reference looks them up: resolved, without surrounding spaces.
    """
    for named in _named_lists(loc):
        seen: dict[str, int] = {}
        what = say(NAME_MESSAGES, named.what)
        for index, raw in enumerate(named.names):
            name = loc.said(raw).strip()
            if not name:
                continue  # an empty name is OPS103's
            first = seen.setdefault(name, index)
            if first == index:
                continue
            here: PathKey = (*named.path, index, named.field)
            there: PathKey = (*named.path, first, named.field)
            written = say(NAME_MESSAGES, "OPS112.written", raw=clipped(raw)) if raw.strip() != name else ""
            yield loc.finding(
                "OPS112",
                here,
                say(
                    NAME_MESSAGES,
                    "OPS112",
                    what=what,
                    name=clipped(name),
                    field=format_path(here),
                    written=written,
                    first=format_path(there),
                    where=_where(loc, there, here),
                    example=named.example.format(name=clipped(name)),
                ),
                say(NAME_MESSAGES, "OPS112.hint", what=what),
            )


def _kpi_target(loc: Locator, kpi: Kpi) -> float | None:
    """Return a KPI's target as the plan shows it: its own, else its goal's (the first horizon that targets it)."""
    from opsplan.plan.defaults import goal_target

    return kpi.target if kpi.target is not None else goal_target(loc.profile, kpi.metric)


def _same_target(one: float | None, two: float | None) -> bool:
    """Return whether two KPI targets are the same figure, or both absent."""
    if one is None or two is None:
        return one is None and two is None
    return math.isclose(one, two, rel_tol=1e-9, abs_tol=1e-12)


def _kpi_differences(loc: Locator, first: Kpi, second: Kpi) -> list[str]:
    """Say what two KPIs on one metric differ in: target (as the plan shows it), cadence, owner (references said)."""

    def shown(value: float | None) -> str:
        return say(NAME_MESSAGES, "OPS113.none") if value is None else metric_value(language(), value, first.metric)

    parts = []
    one, two = _kpi_target(loc, first), _kpi_target(loc, second)
    if not _same_target(one, two):
        parts.append(say(NAME_MESSAGES, "OPS113.target", first=shown(one), second=shown(two)))
    if first.cadence is not second.cadence:
        labels = [LABELS["Cadence"][kpi.cadence.value] for kpi in (first, second)]  # (zh-CN, en, more words)
        said = [label[0] if is_zh() else label[1].lower() for label in labels]
        parts.append(say(NAME_MESSAGES, "OPS113.cadence", first=said[0], second=said[1]))
    owners = [loc.said(kpi.owner).strip() or say(NAME_MESSAGES, "OPS113.none") for kpi in (first, second)]
    if owners[0] != owners[1]:
        parts.append(say(NAME_MESSAGES, "OPS113.owner", first=clipped(owners[0]), second=clipped(owners[1])))
    return parts


def check_kpi_metrics(loc: Locator) -> Iterator[Finding]:
    """OPS113: a KPI on the metric of an earlier one; an error when the two rows are alike, else a warning.

    The finding is at the later KPI's metric and names both rows by field and ``file:line``.
    """
    kpis = loc.profile.kpis
    seen: dict[str, int] = {}
    for index, kpi in enumerate(kpis):
        first = seen.setdefault(kpi.metric, index)
        if first == index:
            continue
        here: PathKey = ("kpis", index, "metric")
        there: PathKey = ("kpis", first, "metric")
        at = [loc.document.locate(path) for path in (there, here)]
        parts = _kpi_differences(loc, kpis[first], kpi)
        if parts:
            how = say(NAME_MESSAGES, "OPS113.differ", parts=text_list(language(), parts))
        else:
            how = say(NAME_MESSAGES, "OPS113.copy")
        finding = loc.finding(
            "OPS113",
            here,
            say(
                NAME_MESSAGES,
                "OPS113",
                label=metric_label(kpi.metric),
                metric=kpi.metric,
                first=format_path(there[:2]),
                first_at=f"{at[0].file}:{at[0].line}",
                second=format_path(here[:2]),
                second_at=f"{at[1].file}:{at[1].line}",
                how=how,
            ),
            say(NAME_MESSAGES, "OPS113.hint" if parts else "OPS113.hint.copy"),
        )
        yield finding if parts else finding._replace(severity=Severity.ERROR)


def _chapters(loc: Locator, plan: Plan | None) -> Sequence[ChapterRef]:
    """Return the chapters the plan holds, titles as it shows them (said through ``Plan.texts`` without a plan)."""
    if plan is not None:
        return plan.chapters
    from opsplan.plan.chapters import select_chapters

    return [ref.model_copy(update={"title": loc.said(ref.title)}) for ref in select_chapters(loc.profile)[0]]


def check_chapter_titles(loc: Locator, plan: Plan | None) -> Iterator[Finding]:
    """OPS303: two chapters whose headings the rendered plan would show alike (ignoring numbers, case, punctuation).

    Only a title the profile writes (``sections.<key>.title``, a chapter of its own) can collide: the kinds' own
    titles differ, so a profile without one reads no heading rules (their patterns cost a profile check time).
    """
    chapters = _chapters(loc, plan)
    written = {ref.key for ref in chapters if ("sections", ref.key, "title") in loc.document.keys}
    if not written:
        return
    from opsplan.check.heading_numbers import int_to_chinese, is_contents_title, normalize_title

    zh = loc.profile.plan.locale.startswith("zh")
    seen: dict[str, ChapterRef] = {}
    for number, ref in enumerate(chapters, start=1):
        title = " ".join(ref.title.split())  # as the renderer writes a chapter heading
        heading = f"{int_to_chinese(number)}、{title}" if zh else f"{number} {title}"
        key = normalize_title(heading)
        if not key or is_contents_title(heading):
            continue  # as OPS301 passes them over
        first = seen.setdefault(key, ref)
        if first is ref:
            continue
        at = ref if ref.key in written else first
        other = first if at is ref else ref
        here: PathKey = ("sections", at.key, "title")
        there: PathKey = ("sections", other.key, "title") if other.key in written else ("sections", other.key)
        where = _where(loc, there, here) if other.key in written else say(NAME_MESSAGES, "OPS303.default")
        yield loc.finding(
            "OPS303",
            here,
            say(NAME_MESSAGES, "OPS303", key=at.key, title=clipped(title), first_key=other.key, where=where),
            say(NAME_MESSAGES, "OPS303.hint"),
            chapter=at.key,
        )


def check_names(loc: Locator, plan: Plan | None) -> list[Finding]:
    """Run OPS112, OPS113 and OPS303 on the profile read by ``loc``; ``plan`` is its plan (None on a cycle)."""
    return [*check_item_names(loc), *check_kpi_metrics(loc), *check_chapter_titles(loc, plan)]
