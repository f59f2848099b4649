"""Time ``build_plan`` on generated timelines of 100, 1,000 and 10,000 tasks.

Run: ``python bench/bench_engine.py``. Each timeline has phases of 10 tasks: in a phase, task 0 and 5
follow the previous phase, the others wait for the task before them, every third task also waits for
a task two phases back; ten milestones are spread evenly over the phases (a plan's milestone count
does not grow with its task count; the KPI links are as large as critical tasks × milestones). The
profile is built in-process (not timed); the table shows the best of several runs (CPU time of this
process, so other load on the machine counts less) and the cost per task, which stays flat when the
engine is linear.
"""

from __future__ import annotations

import timeit
from functools import partial
from time import process_time
from typing import Any

from opsplan.plan import build_plan
from opsplan.profile import Profile

SIZES = (100, 1_000, 10_000)
PER_PHASE = 10


def generated_profile(tasks: int) -> Profile:
    """Return a valid profile whose timeline has ``tasks`` tasks."""
    phases: list[dict[str, Any]] = []
    milestones: list[dict[str, Any]] = []
    for p in range(tasks // PER_PHASE):
        items = []
        for t in range(PER_PHASE):
            after: list[str] = []
            if t not in (0, 5):
                after.append(f"t{t - 1}")
            if t % 3 == 2 and p >= 2:
                after.append(f"p{p - 2}.t{t}")
            items.append({"id": f"t{t}", "name": f"task {p}.{t}", "weeks": 0.5 + (p * 7 + t * 3) % 4, "after": after})
        phases.append({"id": f"p{p}", "name": f"phase {p}", "tasks": items})
        if p % (tasks // PER_PHASE // 10) == 0:
            milestones.append(
                {
                    "id": f"M{p}",
                    "name": f"gate {p}",
                    "after": [f"p{p}.t9", f"p{p}.t4"],
                    "criteria": "done",
                    "kpis": ["followers"],
                }
            )
    data = {
        "version": 1,
        "plan": {"title": "bench", "locale": "en", "start": "2027-03-01", "kind": "custom", "retail_calendar": True},
        "shop": {"name": "bench", "platform": "douyin"},
        "baseline": {"followers": 10_000, "monthly_gmv": 100_000, "aov": 200},
        "goals": {
            "short": {"months": 6, "targets": {"followers": 50_000, "monthly_gmv": 400_000}},
            "mid": {"months": 12, "targets": {"followers": 100_000}},
        },
        "traffic": {
            "funnel": [{"stage": "view"}, {"stage": "click", "rate": 0.05}, {"stage": "pay", "rate": 0.1}],
            "monthly_entry_volume": 1_000_000,
        },
        "budget": {"total": 1_000_000, "months": 6, "items": [{"name": "all", "share": 1}]},
        "timeline": {"phases": phases, "milestones": milestones},
    }
    return Profile.model_validate(data)


def main() -> None:
    """Print the timing table."""
    print(f"{'tasks':>7} {'deps':>7} {'best ms':>9} {'µs/task':>9} {'length d':>9} {'critical':>9}")
    for size in SIZES:
        profile = generated_profile(size)
        deps = sum(len(t.after) for ph in profile.timeline.phases for t in ph.tasks)
        number = max(1, 2_000 // size)
        best = min(timeit.repeat(partial(build_plan, profile), number=number, repeat=5, timer=process_time)) / number
        plan = build_plan(profile)
        print(
            f"{size:>7,} {deps:>7,} {best * 1000:>9.1f} {best * 1e6 / size:>9.1f} "
            f"{plan.timeline.length_days:>9,} {len(plan.timeline.critical_path):>9,}"
        )


if __name__ == "__main__":
    main()
