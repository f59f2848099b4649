"""The campaign calendar: the profile's campaigns plus well-known retail dates in the plan window (§5).

Retail dates are added only when ``plan.retail_calendar`` is true. Each is a window ending on the peak
day. 七夕 (7th day of the 7th lunar month) and the Spring Festival (1st day of the 1st lunar month, which
年货节 leads up to) move with the lunar calendar; their Gregorian dates are tabled for 2024–2035 below
(checked against published almanac tables and the ``lunardate`` conversion). Outside those years the
lunar campaigns are left out rather than guessed.
"""

from __future__ import annotations

import datetime as dt

from opsplan.plan.model import CampaignRow

D = dt.date

QIXI: dict[int, dt.date] = {
    2024: D(2024, 8, 10),
    2025: D(2025, 8, 29),
    2026: D(2026, 8, 19),
    2027: D(2027, 8, 8),
    2028: D(2028, 8, 26),
    2029: D(2029, 8, 16),
    2030: D(2030, 8, 5),
    2031: D(2031, 8, 24),
    2032: D(2032, 8, 12),
    2033: D(2033, 8, 1),
    2034: D(2034, 8, 20),
    2035: D(2035, 8, 10),
}
SPRING_FESTIVAL: dict[int, dt.date] = {
    2024: D(2024, 2, 10),
    2025: D(2025, 1, 29),
    2026: D(2026, 2, 17),
    2027: D(2027, 2, 6),
    2028: D(2028, 1, 26),
    2029: D(2029, 2, 13),
    2030: D(2030, 2, 3),
    2031: D(2031, 1, 23),
    2032: D(2032, 2, 11),
    2033: D(2033, 1, 31),
    2034: D(2034, 2, 19),
    2035: D(2035, 2, 8),
}

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
        ("valentine", D(year, 2, 10), D(year, 2, 14)),
        ("womens_day", D(year, 3, 1), D(year, 3, 8)),
        ("520", D(year, 5, 15), D(year, 5, 20)),
        ("618", D(year, 6, 1), D(year, 6, 18)),
        ("double11", D(year, 10, 20), D(year, 11, 11)),
        ("double12", D(year, 12, 1), D(year, 12, 12)),
    ]
    if year in QIXI:
        events.append(("qixi", QIXI[year] - dt.timedelta(days=6), QIXI[year]))
    if year in SPRING_FESTIVAL:
        # the New Year shopping festival runs in the four weeks before the last delivery week
        new_year = SPRING_FESTIVAL[year]
        events.append(("nianhuo", new_year - dt.timedelta(days=35), new_year - dt.timedelta(days=8)))
    return events


def build_campaigns(
    campaigns: list[tuple[str, dt.date, dt.date, str]], retail: bool, locale: str, first: dt.date, last: dt.date
) -> list[CampaignRow]:
    """Return the profile's campaigns and, if ``retail``, the retail windows overlapping ``first``–``last``.

    A retail window is skipped when a profile campaign that names the same event (``618年中大促`` for
    618) overlaps it. The result is sorted by start date, then name.
    """
    rows = [
        CampaignRow(name=name, start=start, end=end, goal=goal, source="profile", key=None)
        for name, start, end, goal in campaigns
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
