"""The campaign calendar: the profile's campaigns plus well-known retail dates in the plan window (§5).

A profile campaign written with full dates (``2027-05-13``) happens once; one written with month-days
(``05-13``) or festival days (``七夕-9``, following the lunar calendar) happens every year, and the plan
holds one occurrence for each year of the window in which it starts (a 24-month window holds two 520s).
An end month-day before the start's (``12-28`` to ``01-03``) runs into the next year. An occurrence
belongs to the plan when its first day is inside the window (plan start to the last goal horizon); a
campaign with none is left out and reported (``campaign-outside-window``, a warning).

Retail dates are added only when ``plan.retail_calendar`` is true. Each is a window ending on the peak
day. 七夕 and the Spring Festival (which 年货节 leads up to) move with the lunar calendar; their Gregorian
dates are tabled for 2024–2050 in ``opsplan.festivals``. Outside those years a lunar campaign, the
profile's or the retail calendar's, is left out rather than guessed, and reported where the window could
hold it (``festival-beyond-table``, a warning at the campaign's start or at ``plan.retail_calendar``).
"""

from __future__ import annotations

import datetime as dt

from opsplan.festivals import FIRST_YEAR, LAST_YEAR, QIXI, SPRING_FESTIVAL, LunarRule, untabled_years
from opsplan.i18n import listing
from opsplan.monthday import FestivalDay, MonthDay, yearly
from opsplan.plan.messages import emsg
from opsplan.plan.model import CampaignRow, EngineFinding
from opsplan.profile_campaign import Campaign

# key → (zh-CN name, en name)
RETAIL_NAMES: dict[str, tuple[str, str]] = {
    "nianhuo": ("年货节", "New Year shopping festival"),
    "valentine": ("情人节", "Valentine's Day"),
    "womens_day": ("38节", "Women's Day (3.8)"),
    "520": ("520", "520 (May 20)"),
    "618": ("618", "618 mid-year sale"),
    "qixi": ("七夕", "Qixi (Chinese Valentine's Day)"),
    "double11": ("双11", "Double 11 (Singles' Day)"),
    "double12": ("双12", "Double 12"),
}


# words that mark a profile campaign as the same event (case-insensitive)
RETAIL_TOKENS: dict[str, tuple[str, ...]] = {
    "nianhuo": ("年货", "new year goods", "new year shopping", "spring festival"),
    "valentine": ("情人节", "valentine"),
    "womens_day": ("38节", "3.8", "三八", "女神节", "女王节", "妇女节", "women"),
    "520": ("520",),
    "618": ("618",),
    "qixi": ("七夕", "qixi"),
    "double11": ("双11", "双十一", "double 11", "singles"),
    "double12": ("双12", "双十二", "double 12"),
}


def same_event(key: str, name: str) -> bool:
    """Return whether a campaign called ``name`` is the retail event ``key``."""
    lowered = name.lower()
    return any(token in lowered for token in RETAIL_TOKENS[key])


def retail_events(year: int) -> list[tuple[str, dt.date, dt.date]]:
    """Return the retail windows ``(key, first day, peak day)`` of ``year``, lunar ones when tabled."""
    events = [
        ("valentine", dt.date(year, 2, 10), dt.date(year, 2, 14)),
        ("womens_day", dt.date(year, 3, 1), dt.date(year, 3, 8)),
        ("520", dt.date(year, 5, 15), dt.date(year, 5, 20)),
        ("618", dt.date(year, 6, 1), dt.date(year, 6, 18)),
        ("double11", dt.date(year, 10, 20), dt.date(year, 11, 11)),
        ("double12", dt.date(year, 12, 1), dt.date(year, 12, 12)),
    ]
    if year in QIXI:
        events.append(("qixi", QIXI[year] - dt.timedelta(days=6), QIXI[year]))
    if year in SPRING_FESTIVAL:
        # the New Year shopping festival runs in the four weeks before the last delivery week
        new_year = SPRING_FESTIVAL[year]
        events.append(("nianhuo", new_year - dt.timedelta(days=35), new_year - dt.timedelta(days=8)))
    return events


def campaign_runs(campaign: Campaign, years: range) -> list[tuple[dt.date, dt.date]]:
    """Return the days ``campaign`` runs: once as written, or (recurring) once for each start year in ``years``."""
    start, end = campaign.start, campaign.end
    if isinstance(start, MonthDay) and isinstance(end, MonthDay):
        return [yearly(start, end, year) for year in years]
    if isinstance(start, FestivalDay) and isinstance(end, FestivalDay):
        runs = [(start.in_year(year), end.in_year(year)) for year in years]
        return [(first, last) for first, last in runs if first is not None and last is not None]
    if isinstance(start, dt.date) and isinstance(end, dt.date):
        return [(start, end)]
    return []  # the profile model refuses two kinds of day in one campaign


def runs_in_window(campaign: Campaign, first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Return the runs of ``campaign`` whose first day falls in ``first``–``last`` (the plan window)."""
    runs = campaign_runs(campaign, range(first.year - 1, last.year + 2))  # a festival run may start a year early
    return [(start, end) for start, end in runs if first <= start <= last]


def campaign_window_findings(campaigns: list[Campaign], first: dt.date, last: dt.date) -> list[EngineFinding]:
    """Report each campaign with no run starting in the plan window ``first``–``last`` (it is left out)."""
    out: list[EngineFinding] = []
    window = f"{first.isoformat()} – {last.isoformat()}"
    for index, campaign in enumerate(campaigns):
        if runs_in_window(campaign, first, last):
            continue
        start = campaign.start
        if isinstance(start, FestivalDay) and untabled_years(start.rule, start.offset, first, last):
            continue  # festival_table_findings says why
        out.append(
            EngineFinding(
                code="campaign-outside-window",
                severity="warning",
                path=f"campaigns[{index}].start",
                message=emsg(
                    "campaign-outside-window", name=campaign.name, when=campaign_days(campaign), window=window
                ),
            )
        )
    return out


def campaign_days(campaign: Campaign) -> str:
    """Return the days ``campaign`` runs as its profile writes them: ``2027-05-13 – 2027-05-20``, or every year …."""
    if campaign.recurring:
        return emsg("campaign-every-year", start=campaign.start, end=campaign.end)
    return f"{campaign.start} – {campaign.end}"


# the retail windows that follow a lunar festival (see retail_events): key → (festival, first day, last day)
_RETAIL_LUNAR: dict[str, tuple[str, int, int]] = {"qixi": ("qixi", -6, 0), "nianhuo": ("spring_festival", -35, -8)}


def festival_table_findings(
    campaigns: list[Campaign], retail: bool, window: tuple[dt.date, dt.date], last: dt.date
) -> list[EngineFinding]:
    """Report lunar campaigns the window could hold in a year the festival table does not reach.

    ``window`` is the goals' window the profile's campaigns are placed in; the retail calendar runs to
    ``last`` (the plan window's end), as in ``build_campaigns``.
    """
    span = f"{window[0].isoformat()} – {window[1].isoformat()}"
    out: list[EngineFinding] = []
    for index, campaign in enumerate(campaigns):
        start = campaign.start
        years = untabled_years(start.rule, start.offset, *window) if isinstance(start, FestivalDay) else []
        if years and isinstance(start, FestivalDay):
            said = {"name": campaign.name, "festival": start.name, "window": span}
            out.append(_beyond_table(f"campaigns[{index}].start", "festival-beyond-table", years, said))
    retail_years: set[int] = set()
    for lunar, earliest, latest in _RETAIL_LUNAR.values() if retail else ():
        for offset in (earliest, latest):  # a window is placed when its first or its peak day is in the plan
            retail_years |= set(untabled_years(LunarRule(lunar), offset, window[0], last))
    if retail_years:
        said = {"window": f"{window[0].isoformat()} – {last.isoformat()}"}
        out.append(_beyond_table("plan.retail_calendar", "retail-beyond-table", sorted(retail_years), said))
    return out


def _beyond_table(path: str, key: str, years: list[int], said: dict[str, str]) -> EngineFinding:
    message = emsg(key, first=FIRST_YEAR, last=LAST_YEAR, years=listing(map(str, years)), **said)
    return EngineFinding(code="festival-beyond-table", severity="warning", path=path, message=message)


def build_campaigns(
    campaigns: list[Campaign], retail: bool, locale: str, window: tuple[dt.date, dt.date], last: dt.date
) -> list[CampaignRow]:
    """Return the profile's campaigns in ``window`` and, if ``retail``, the retail windows in ``window[0]``–``last``.

    ``window`` is the goals' window (plan start to the last horizon); each campaign is placed by
    ``runs_in_window``. A retail window is skipped when a profile campaign that names the same event
    (``618年中大促`` for 618) overlaps it. The result is sorted by start date, then name.
    """
    first = window[0]
    rows = [
        CampaignRow(name=c.name, start=start, end=end, goal=c.goal, source="profile", key=None)
        for c in campaigns
        for start, end in runs_in_window(c, *window)
    ]
    own = list(rows)
    if retail:
        zh = locale.startswith("zh")
        for year in range(first.year, last.year + 2):
            for key, start, end in retail_events(year):
                if end < first or start > last:
                    continue
                name = RETAIL_NAMES[key][0] if zh else RETAIL_NAMES[key][1]
                if any(same_event(key, r.name) and r.start <= end and start <= r.end for r in own):
                    continue
                rows.append(CampaignRow(name=name, start=start, end=end, goal="", source="retail", key=key))
    rows.sort(key=lambda r: (r.start, r.name))
    return rows
