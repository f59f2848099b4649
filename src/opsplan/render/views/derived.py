"""Totals the templates show that the plan model does not carry (sums of profile inputs only)."""

from __future__ import annotations

from typing import Any

from opsplan.plan.model import Plan

WEEKDAYS = 7


def spread_week(posts: int, offset: int) -> list[int]:
    """Spread ``posts`` posts over the seven days of a week, round-robin from day ``offset``.

    Presentation only (no new figures): 3 posts from Tuesday (offset 1) → [0, 1, 0, 1, 0, 1, 0].
    """
    days = [posts // WEEKDAYS] * WEEKDAYS
    for i in range(posts % WEEKDAYS):
        days[(offset + i * WEEKDAYS // max(posts % WEEKDAYS, 1)) % WEEKDAYS] += 1
    return days


def derived(plan: Plan) -> dict[str, Any]:
    """Totals the templates show that the plan model does not carry (sums of profile inputs only)."""
    profile = plan.profile
    calendar: list[dict[str, Any]] = []
    offset = 0
    for pillar in profile.content.pillars:
        per_week = round(pillar.per_week)
        calendar.append({"name": pillar.name, "per_week": per_week, "days": spread_week(per_week, offset)})
        offset += per_week
    live = profile.live
    tasks_by_phase: dict[str, list[Any]] = {}  # the timeline's tasks per phase, in order (one pass, not phases × tasks)
    for task in plan.timeline.tasks:
        tasks_by_phase.setdefault(task.phase, []).append(task)
    return {
        "tasks_by_phase": tasks_by_phase,
        "posts_per_week": sum(p.per_week for p in profile.content.pillars),
        "calendar": calendar,
        "calendar_total": sum(row["per_week"] for row in calendar),
        "calendar_days": [sum(row["days"][d] for row in calendar) for d in range(WEEKDAYS)],
        "live_hours_per_week": live.sessions_per_week * live.hours_per_session if live else 0.0,
        "script_minutes": sum(seg.minutes for seg in live.script) if live else 0.0,
    }
