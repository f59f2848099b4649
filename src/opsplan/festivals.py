"""Festivals on the lunar calendar, by Gregorian year, 2024–2035 (outside those years they are not guessed).

七夕 is the 7th day of the 7th lunar month, 端午 the 5th of the 5th, 中秋 the 15th of the 8th and 春节 (the
Spring Festival) the 1st of the 1st. The dates were checked against published almanac tables and the
``lunardate`` conversion (0.3.0). ``FESTIVALS`` maps each festival's names to its table, for campaign days
written relative to one (``七夕-9``, ``opsplan.monthday``).
"""

from __future__ import annotations

import datetime as dt

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
DRAGON_BOAT: dict[int, dt.date] = {
    2024: D(2024, 6, 10),
    2025: D(2025, 5, 31),
    2026: D(2026, 6, 19),
    2027: D(2027, 6, 9),
    2028: D(2028, 5, 28),
    2029: D(2029, 6, 16),
    2030: D(2030, 6, 5),
    2031: D(2031, 6, 24),
    2032: D(2032, 6, 12),
    2033: D(2033, 6, 1),
    2034: D(2034, 6, 20),
    2035: D(2035, 6, 10),
}
MID_AUTUMN: dict[int, dt.date] = {
    2024: D(2024, 9, 17),
    2025: D(2025, 10, 6),
    2026: D(2026, 9, 25),
    2027: D(2027, 9, 15),
    2028: D(2028, 10, 3),
    2029: D(2029, 9, 22),
    2030: D(2030, 9, 12),
    2031: D(2031, 10, 1),
    2032: D(2032, 9, 19),
    2033: D(2033, 9, 8),
    2034: D(2034, 9, 27),
    2035: D(2035, 9, 16),
}

# the name a campaign day is written with (casefolded) → (the name shown, the festival's table)
FESTIVALS: dict[str, tuple[str, dict[int, dt.date]]] = {
    "春节": ("春节", SPRING_FESTIVAL),
    "spring festival": ("Spring Festival", SPRING_FESTIVAL),
    "端午": ("端午", DRAGON_BOAT),
    "dragon boat": ("Dragon Boat", DRAGON_BOAT),
    "七夕": ("七夕", QIXI),
    "qixi": ("Qixi", QIXI),
    "中秋": ("中秋", MID_AUTUMN),
    "mid-autumn": ("Mid-Autumn", MID_AUTUMN),
}
