"""Limits on a validated profile that no single field can check: how long its timeline runs.

A timeline's length decides the cost of everything drawn over it (the Gantt's columns, the calendar),
so it is bounded before a plan is computed: the longest chain of tasks, following ``after`` and the
rule that a task with no ``after`` waits for the previous phase, may run at most ``MAX_TIMELINE_DAYS``.
A longer one is refused at the ``weeks`` of the task where the chain passes the limit. A dependency
cycle is left for the plan to report, with the tasks it names.
"""

from __future__ import annotations

from opsplan.errors import Problem, ProfileError
from opsplan.load_messages import lmsg
from opsplan.profile import Profile, resolve_reference, task_index
from opsplan.yamlread import Document

MAX_TIMELINE_DAYS = 18_262  # fifty years: dates stay far from year 9999 and a Gantt of it stays small


def check_timeline_length(profile: Profile, document: Document) -> None:
    """Raise ``ProfileError`` at the task whose chain of predecessors runs past ``MAX_TIMELINE_DAYS``."""
    index = task_index(profile)
    places: list[tuple[int, int]] = []
    days: list[int] = []
    waits: list[list[int]] = []
    position: dict[str, int] = {}
    for i, phase in enumerate(profile.timeline.phases):
        for j, task in enumerate(phase.tasks):
            position[f"{phase.id}.{task.id}"] = len(places)
            places.append((i, j))
            days.append(max(1, round(task.weeks * 7)))
    previous: list[int] = []  # the tasks a task with no ``after`` waits for: the last phase that had tasks
    for phase in profile.timeline.phases:
        for task in phase.tasks:
            named = (resolve_reference(profile, phase.id, ref, index) for ref in task.after)
            waits.append([position[q] for q in named if q is not None] or previous)
        if phase.tasks:
            previous = [position[f"{phase.id}.{task.id}"] for task in phase.tasks]
    finish = _longest_finish(days, waits)
    for node, end in enumerate(finish):
        if end > MAX_TIMELINE_DAYS:
            i, j = places[node]
            path = ("timeline", "phases", i, "tasks", j, "weeks")
            message = lmsg("limit.timeline", days=f"{end:,}", limit=f"{MAX_TIMELINE_DAYS:,}")
            field = f"timeline.phases[{i}].tasks[{j}].weeks"
            raise ProfileError([Problem(document.locate(path), field, message)])


def _longest_finish(days: list[int], waits: list[list[int]]) -> list[int]:
    """Return each task's latest finish day over its chains of predecessors (tasks in a cycle get 0)."""
    count = len(days)
    followers: list[list[int]] = [[] for _ in range(count)]
    pending = [0] * count
    for node, before in enumerate(waits):
        for other in set(before):
            followers[other].append(node)
            pending[node] += 1
    finish = [0] * count
    ready = [node for node in range(count) if pending[node] == 0]
    while ready:
        node = ready.pop()
        finish[node] += days[node]
        for after in followers[node]:
            finish[after] = max(finish[after], finish[node])
            pending[after] -= 1
            if pending[after] == 0:
                ready.append(after)
    return finish
