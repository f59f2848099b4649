"""Dated work: tasks and milestones anchored to a date or a campaign (``on: 520``, ``before: 618``).

An anchor names a date (``2027-05-20``) or a campaign. A campaign name is looked up, in this order:
a campaign in the profile's ``campaigns`` with exactly that name; a profile campaign that is the same
retail event (``618年中大促`` for ``618``); the retail calendar's dates for that event (520, 618, 七夕,
双11 … by their key, Chinese or English name). A campaign that recurs (one written with month-days,
``start: 05-13``, a retail date, or two profile campaigns of the same name) is taken in the first year
where the anchored work still fits after the plan start, so a 520 task in a plan starting 2026-09-01
lands in May 2027. When that year is past the goals' window (a recurring campaign the window does not
contain), the anchor is not applied: the work is scheduled by its dependencies and reported
(``anchor-outside-window``), and the campaign is not listed.

``on`` means the work ends on the campaign's last day (for a date: on that day); ``before`` means it ends
the day before the campaign's first day. That last allowed day is the anchor's *due* date. A task is
scheduled to finish on its due date unless its predecessors finish too late (dependencies always win:
the task then starts when they finish, and the check reports it). A milestone keeps the date of the tasks
it closes; landing after its due date is a finding.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, NamedTuple

from opsplan.load_messages import did_you_mean
from opsplan.plan.calendar import RETAIL_NAMES, campaign_runs, retail_events, same_event
from opsplan.plan.dates import goals_window
from opsplan.plan.messages import emsg
from opsplan.plan.model import AnchorRow, CampaignRow, EngineFinding, Timeline
from opsplan.profile import Campaign, Profile
from opsplan.profile_messages import pmsg

AnchorKind = Literal["on", "before"]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Occurrence(NamedTuple):
    """A dated occurrence of what an anchor names: a campaign (``name``) or a plain date (``name`` None)."""

    name: str | None
    start: dt.date
    end: dt.date

    def due(self, kind: AnchorKind) -> dt.date:
        """Return the last day anchored work may finish: the last day (``on``) or the day before (``before``)."""
        return self.end if kind == "on" else self.start - dt.timedelta(days=1)


def retail_key(text: str) -> str | None:
    """Return the retail calendar key ``text`` names (its key, Chinese or English name, or a known word)."""
    lowered = text.strip().casefold()
    for key, names in RETAIL_NAMES.items():
        if lowered in (key.casefold(), names[0].casefold(), names[1].casefold()):
            return key
    return next((key for key in RETAIL_NAMES if same_event(key, lowered)), None)


def occurrences(profile: Profile, text: str) -> list[Occurrence]:
    """Return every dated occurrence ``text`` can name, sorted by start; empty if it names nothing."""
    text = text.strip()
    if _DATE.match(text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return []
        return [Occurrence(None, day, day)]
    first, last = goals_window(profile)
    years = range(first.year - 1, last.year + 2)

    def runs(named: list[Campaign]) -> list[Occurrence]:
        return [Occurrence(c.name, start, end) for c in named for start, end in campaign_runs(c, years)]

    found = runs([c for c in profile.campaigns if c.name.strip() == text])
    key = retail_key(text)
    if not found and key is not None:
        found = runs([c for c in profile.campaigns if same_event(key, c.name)])
        if not found:
            name = RETAIL_NAMES[key][0 if profile.plan.locale.startswith("zh") else 1]
            for year in years:
                found += [Occurrence(name, start, end) for k, start, end in retail_events(year) if k == key]
    return sorted(found, key=lambda o: (o.start, o.end))


def resolve(profile: Profile, text: str, kind: AnchorKind, earliest_due: dt.date) -> Occurrence | None:
    """Return the occurrence an anchor means: the first whose due date is on or after ``earliest_due``.

    When every occurrence is too early (a profile campaign before the plan starts), the last one is
    returned, for the check to report. None when ``text`` names nothing.
    """
    found = occurrences(profile, text)
    if not found:
        return None
    return next((o for o in found if o.due(kind) >= earliest_due), found[-1])


def unresolved_anchors(profile: Profile) -> list[str]:
    """Describe every ``on``/``before`` that names neither a date nor a campaign, with a did-you-mean hint."""
    names = [c.name for c in profile.campaigns] + [n for pair in RETAIL_NAMES.values() for n in pair]
    problems: list[str] = []

    def check(where: str, text: str | None) -> None:
        if text is None or occurrences(profile, text):
            return
        if _DATE.match(text.strip()):
            problems.append(pmsg("anchor.not_a_day", where=where, text=text))
            return
        from difflib import get_close_matches  # only when a name is unknown

        close = get_close_matches(text, names, n=2, cutoff=0.5)
        problems.append(pmsg("anchor.unknown", where=where, text=text, hint=did_you_mean(close)))

    for i, phase in enumerate(profile.timeline.phases):
        for j, task in enumerate(phase.tasks):
            for kind, text in (("on", task.on), ("before", task.before)):
                check(f"timeline.phases[{i}].tasks[{j}].{kind}", text)
    for i, milestone in enumerate(profile.timeline.milestones):
        for kind, text in (("on", milestone.on), ("before", milestone.before)):
            check(f"timeline.milestones[{i}].{kind}", text)
    return problems


def _what(row: AnchorRow) -> str:
    when = row.start.isoformat() if row.start == row.end else f"{row.start.isoformat()} – {row.end.isoformat()}"
    return (
        emsg("anchor.campaign", campaign=row.campaign, when=when) if row.campaign is not None else row.start.isoformat()
    )


def anchor_findings(profile: Profile, timeline: Timeline) -> list[EngineFinding]:
    """Report anchored work outside the plan window, tasks that miss their anchor, milestones after theirs.

    Codes (all errors): ``anchor-outside-window``, ``anchor-missed`` (a task whose predecessors finish too
    late for its date) and ``milestone-after-campaign``.
    """
    out: list[EngineFinding] = []

    def add(code: str, path: str, message: str) -> None:
        out.append(EngineFinding(code=code, severity="error", path=path, message=message))

    first, last = goals_window(profile)
    window = emsg("anchor.window", first=first.isoformat(), last=last.isoformat())
    phases = profile.timeline.phases
    paths = [f"timeline.phases[{i}].tasks[{j}]" for i, p in enumerate(phases) for j in range(len(p.tasks))]
    for path, row in zip(paths, timeline.tasks, strict=True):
        anchor = row.anchor
        name = emsg("anchor.task", id=row.id, name=row.name)
        if anchor is not None and not anchor.in_window:
            add(
                "anchor-outside-window",
                f"{path}.{anchor.kind}",
                emsg(
                    "anchor-outside-window.task", name=name, what=_what(anchor), window=window, days=row.duration_days
                ),
            )
        elif anchor is not None and not anchor.met:
            ready = row.start - dt.timedelta(days=1)
            add(
                "anchor-missed",
                f"{path}.{anchor.kind}",
                emsg(
                    "anchor-missed",
                    name=name,
                    due=anchor.due.isoformat(),
                    what=_what(anchor),
                    ready=ready.isoformat(),
                    start=row.start.isoformat(),
                    finish=row.finish.isoformat(),
                ),
            )
    for i, milestone in enumerate(timeline.milestones):
        anchor = milestone.anchor
        path = f"timeline.milestones[{i}]"
        name = emsg("anchor.milestone", id=milestone.id, name=milestone.name)
        if anchor is not None and not anchor.in_window:
            add(
                "anchor-outside-window",
                f"{path}.{anchor.kind}",
                emsg("anchor-outside-window.milestone", name=name, what=_what(anchor), window=window),
            )
        elif anchor is not None and not anchor.met and milestone.date is not None:
            add(
                "milestone-after-campaign",
                f"{path}.{anchor.kind}",
                emsg(
                    "milestone-after-campaign",
                    name=name,
                    date=milestone.date.isoformat(),
                    what=_what(anchor),
                    due=anchor.due.isoformat(),
                ),
            )
    return out


def anchored_campaigns(timeline: Timeline, campaigns: list[CampaignRow]) -> list[CampaignRow]:
    """Return ``campaigns`` plus each retail date an anchor in the window names that the list lacks, by start."""
    rows = list(campaigns)
    known = {(c.start, c.end) for c in rows}
    anchors = [t.anchor for t in timeline.tasks] + [m.anchor for m in timeline.milestones]
    for anchor in anchors:
        if anchor is None or anchor.campaign is None or not anchor.in_window or (anchor.start, anchor.end) in known:
            continue
        known.add((anchor.start, anchor.end))
        rows.append(
            CampaignRow(
                name=anchor.campaign,
                start=anchor.start,
                end=anchor.end,
                goal="",
                source="retail",
                key=retail_key(anchor.text),
            )
        )
    rows.sort(key=lambda r: (r.start, r.name))
    return rows
