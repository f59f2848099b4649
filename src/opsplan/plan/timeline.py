"""The schedule by the critical path method, in days (BRIEF §5.6).

Every task lasts ``round(weeks × 7)`` days (at least 1). A task waits for the tasks in its ``after``
list; a task with none follows the previous phase. "Follows the previous phase" is modelled with one
zero-length virtual *phase end* node per phase, which waits for every task of its phase (or, for an
empty phase, for the phase end before it), so the graph has one edge per stated dependency plus one per
task: the cost stays linear in tasks + dependencies.

References that name no task (possible only in a profile loaded with lenient references, for the
check) are skipped; a task left with none follows the previous phase.

Nodes are ordered by Kahn's algorithm; a cycle raises ``PlanError`` naming it. The forward pass gives
the earliest start and finish (ES, EF), the backward pass the latest (LS, LF); float = LS − ES and a task
with no float is critical. Day offsets count from ``plan.start`` = day 0 with EF/LF exclusive, so a task
runs from ``plan.start + ES`` to ``plan.start + EF − 1`` inclusive.

The project buffer is ``ceil(critical × length)``; where a non-critical chain joins a critical task, a
feeding buffer of ``ceil(feeding × chain length)`` protects it.

A task anchored to a date or campaign (``on``/``before``, see ``opsplan.plan.anchors``) starts no earlier
than its due date allows (ES ≥ due + 1 − duration) and, when it meets that date, finishes no later
(LF ≤ due + 1), so it has no float. Dependencies win a collision: a task whose predecessors finish too
late starts when they finish and is marked as missing its anchor. An anchor outside the goals' window
(starting the task before the plan, or due after the last horizon) is not applied, only reported.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import deque
from typing import NamedTuple

from opsplan.errors import PlanError
from opsplan.plan.anchors import AnchorKind, Occurrence, resolve
from opsplan.plan.dates import day_offset, goals_window
from opsplan.plan.messages import emsg
from opsplan.plan.milestones import date_milestones
from opsplan.plan.model import AnchorRow, FeedingBuffer, PhaseSpan, TaskRow, Timeline
from opsplan.profile import Profile, resolve_reference, task_index


def duration_days(weeks: float) -> int:
    """Return a task's length in days: ``round(weeks × 7)``, at least 1."""
    return max(1, round(weeks * 7))


def buffer_days(fraction: float, days: int) -> int:
    """Return ``ceil(fraction × days)``, ignoring floating-point dust (0.1 × 70 is 7, not 8)."""
    return math.ceil(round(fraction * days, 9))


class Graph(NamedTuple):
    """The task graph: tasks are nodes 0…n−1 in profile order, phase ends n…n+p−1."""

    ids: list[str]
    durations: list[int]
    preds: list[list[int]]
    tasks: int

    def succs(self) -> list[list[int]]:
        """Return the successor lists."""
        out: list[list[int]] = [[] for _ in self.ids]
        for v, ps in enumerate(self.preds):
            for p in ps:
                out[p].append(v)
        return out


def build_graph(profile: Profile) -> Graph:
    """Return the task graph of ``profile`` (references that resolve to no task are skipped)."""
    index = task_index(profile)
    ids: list[str] = []
    durations: list[int] = []
    position: dict[str, int] = {}
    for phase in profile.timeline.phases:
        for task in phase.tasks:
            position[f"{phase.id}.{task.id}"] = len(ids)
            ids.append(f"{phase.id}.{task.id}")
            durations.append(duration_days(task.weeks))
    n = len(ids)
    preds: list[list[int]] = [[] for _ in range(n + len(profile.timeline.phases))]
    node = 0
    for p, phase in enumerate(profile.timeline.phases):
        end = n + p
        ids.append(f"{phase.id}.<end>")
        durations.append(0)
        if not phase.tasks and p > 0:
            preds[end].append(end - 1)
        for task in phase.tasks:
            for ref in task.after:
                qualified = resolve_reference(profile, phase.id, ref, index)
                if qualified is not None and position[qualified] not in preds[node]:
                    preds[node].append(position[qualified])
            if not preds[node] and p > 0:
                preds[node].append(end - 1)
            preds[end].append(node)
            node += 1
    return Graph(ids=ids, durations=durations, preds=preds, tasks=n)


def topological_order(graph: Graph, succs: list[list[int]]) -> list[int]:
    """Order the nodes with Kahn's algorithm; raise ``PlanError`` naming a cycle if there is one."""
    indegree = [len(ps) for ps in graph.preds]
    queue = deque(v for v, d in enumerate(indegree) if d == 0)
    order: list[int] = []
    while queue:
        v = queue.popleft()
        order.append(v)
        for s in succs[v]:
            indegree[s] -= 1
            if indegree[s] == 0:
                queue.append(s)
    if len(order) < len(graph.ids):
        cycle = _cycle(graph, indegree)
        raise PlanError(emsg("cycle", names=" → ".join(cycle)), cycle=cycle)
    return order


def _cycle(graph: Graph, indegree: list[int]) -> tuple[str, ...]:
    """Find a cycle among the nodes Kahn's algorithm could not order: its task ids, the first one again at the end."""
    left = {v for v, d in enumerate(indegree) if d > 0}
    # every node left waits for at least one other node left: walking back must revisit a node
    v = min(left)
    path: list[int] = []
    where: dict[int, int] = {}
    while v not in where:
        where[v] = len(path)
        path.append(v)
        v = min(p for p in graph.preds[v] if p in left)
    cycle = [u for u in reversed(path[where[v] :]) if u < graph.tasks]
    first = cycle.index(min(cycle))
    cycle = cycle[first:] + cycle[:first]
    return tuple(graph.ids[u] for u in [*cycle, cycle[0]])


class TaskAnchor(NamedTuple):
    """A task's resolved anchor: what it names and the (exclusive) finish day offset it asks for."""

    kind: AnchorKind
    text: str
    occurrence: Occurrence
    ef: int
    fits: bool  # the task starts on or after the plan start and is due by the goals' window's end: applied

    def row(self, ef: int) -> AnchorRow:
        """Describe the anchor for the task's row, given the task's scheduled (exclusive) finish ``ef``."""
        due = self.occurrence.due(self.kind)
        return AnchorRow(
            kind=self.kind,
            text=self.text,
            campaign=self.occurrence.name,
            start=self.occurrence.start,
            end=self.occurrence.end,
            due=due,
            met=ef <= self.ef,
            in_window=self.fits,
        )


def task_anchors(profile: Profile, durations: list[int]) -> list[TaskAnchor | None]:
    """Resolve each task's ``on``/``before`` (None where it has none, or names nothing)."""
    out: list[TaskAnchor | None] = []
    start = profile.plan.start
    for phase in profile.timeline.phases:
        for task in phase.tasks:
            kind: AnchorKind = "on" if task.on is not None else "before"
            text = task.on if task.on is not None else task.before
            earliest = day_offset(start, durations[len(out)] - 1)
            found = None if text is None else resolve(profile, text, kind, earliest)
            if text is None or found is None:
                out.append(None)
            else:
                ef = (found.due(kind) - start).days + 1
                fits = ef - durations[len(out)] >= 0 and found.due(kind) <= goals_window(profile)[1]
                out.append(TaskAnchor(kind, text, found, ef, fits))
    return out


def build_timeline(profile: Profile) -> Timeline:
    """Schedule every task, find the critical path, size the buffers and date tasks and milestones."""
    return schedule(profile)[0]


def schedule(profile: Profile) -> tuple[Timeline, Graph, list[list[int]], list[int]]:
    """Return the timeline with the graph, its successor lists and topological order behind it."""
    graph = build_graph(profile)
    succs = graph.succs()
    order = topological_order(graph, succs)
    dur, preds, n = graph.durations, graph.preds, graph.tasks
    total = len(graph.ids)
    anchors = task_anchors(profile, dur)
    # the exclusive finish an anchored task keeps; 0 where there is none (no task can finish on day 0)
    pinned = [0] * total
    for v, anchor in enumerate(anchors):
        if anchor is not None and anchor.fits:
            pinned[v] = anchor.ef
    es = [0] * total
    ef = [0] * total
    for v in order:
        start = pinned[v] - dur[v] if pinned[v] else 0
        for p in preds[v]:
            if ef[p] > start:
                start = ef[p]
        es[v] = start
        ef[v] = start + dur[v]
        if ef[v] > pinned[v]:
            pinned[v] = 0  # predecessors finishing too late move the task: its anchor is missed, not kept
    length = max(ef[:n], default=0)
    ls = [0] * total
    lf = [0] * total
    for v in reversed(order):
        finish = min(length, pinned[v]) if pinned[v] else length
        for s in succs[v]:
            if ls[s] < finish:
                finish = ls[s]
        lf[v] = finish
        ls[v] = finish - dur[v]
    critical = [ls[v] == es[v] for v in range(total)]
    start_day = profile.plan.start
    buffers = profile.timeline.buffers

    dates: dict[int, dt.date] = {}

    def date_of(day: int) -> dt.date:
        if day not in dates:
            dates[day] = day_offset(start_day, day)
        return dates[day]

    rows: list[TaskRow] = []
    phases: list[PhaseSpan] = []
    v = 0
    for phase in profile.timeline.phases:
        first = v
        for task in phase.tasks:
            rows.append(
                TaskRow(
                    id=graph.ids[v],
                    phase=phase.id,
                    name=task.name,
                    owner=task.owner,
                    weeks=task.weeks,
                    duration_days=dur[v],
                    start=date_of(es[v]),
                    finish=date_of(ef[v] - 1),
                    es=es[v],
                    ef=ef[v],
                    ls=ls[v],
                    lf=lf[v],
                    float_days=ls[v] - es[v],
                    critical=critical[v],
                    after=[graph.ids[q] for q in graph.preds[v] if q < n],
                    follows_phase=next((graph.ids[q][: -len(".<end>")] for q in graph.preds[v] if q >= n), None),
                    anchor=_task_anchor_row(anchors[v], ef[v]),
                )
            )
            v += 1
        span_es = min(es[first:v], default=None)
        span_ef = max(ef[first:v], default=None)
        phases.append(
            PhaseSpan(
                id=phase.id,
                name=phase.name,
                tasks=graph.ids[first:v],
                es=span_es,
                ef=span_ef,
                start=None if span_es is None else day_offset(start_day, span_es),
                finish=None if span_ef is None else day_offset(start_day, span_ef - 1),
            )
        )
    path = sorted((v for v in range(n) if critical[v]), key=lambda v: (es[v], ef[v], v))
    project_buffer = buffer_days(buffers.critical, length)
    timeline = Timeline(
        start=start_day,
        tasks=rows,
        phases=phases,
        critical_path=[graph.ids[v] for v in path],
        length_days=length,
        critical_fraction=buffers.critical,
        feeding_fraction=buffers.feeding,
        buffer_days=project_buffer,
        feeding_buffers=_feeding_buffers(graph, succs, order, critical, es, buffers.feeding),
        end=day_offset(start_day, max(length - 1, 0)),
        end_with_buffer=day_offset(start_day, max(length + project_buffer - 1, 0)),
        milestones=date_milestones(profile, graph.ids[: graph.tasks], ef),
    )
    return timeline, graph, succs, order


def _task_anchor_row(anchor: TaskAnchor | None, ef: int) -> AnchorRow | None:
    return None if anchor is None else anchor.row(ef)


def _feeding_buffers(
    graph: Graph, succs: list[list[int]], order: list[int], critical: list[bool], es: list[int], feeding: float
) -> list[FeedingBuffer]:
    """Size a buffer for each non-critical task that hands over to a critical one.

    The chain behind a hand-over is found by walking back along the longest run of non-critical
    predecessors. Each task belongs to one chain at most: the walk stops at the critical path, at the
    start, or at a task an earlier chain (in topological order) already holds, so the chains together list
    each task once and the cost stays linear. The buffer is ``ceil(feeding × chain days)``.
    """
    n = graph.tasks
    chain = [0] * len(graph.ids)
    back = [-1] * len(graph.ids)
    for v in order:
        if critical[v]:
            continue
        best = -1
        for p in graph.preds[v]:
            if not critical[p] and (best < 0 or chain[p] > chain[best]):
                best = p
        chain[v] = graph.durations[v] + (chain[best] if best >= 0 else 0)
        back[v] = best
    # the first critical task after each critical phase end (phase ends come after their tasks in ``order``)
    first_task: dict[int, int] = {}
    for u in reversed(order):
        if u >= n and critical[u]:
            reached = [s if s < n else first_task.get(s, -1) for s in succs[u] if critical[s]]
            reached = [s for s in reached if s >= 0]
            if reached:
                first_task[u] = min(reached, key=lambda s: (es[s], s))
    claimed = [False] * len(graph.ids)
    out: list[FeedingBuffer] = []
    for v in order:  # topological: a chain only ever claims tasks before the one it starts from
        if v >= n or critical[v]:
            continue
        # the edge to its own phase end counts only when nothing else waits for the task
        # (otherwise the chain goes on and hands over later)
        via_end = len(succs[v]) == 1
        reached = [s if s < n else first_task.get(s, -1) for s in succs[v] if critical[s] and (s < n or via_end)]
        reached = [s for s in reached if s >= 0]
        if not reached:
            continue
        joins = min(reached, key=lambda s: (es[s], s))
        ids: list[str] = []
        days = 0
        u = v
        while u >= 0 and not claimed[u]:
            claimed[u] = True
            if u < n:
                ids.append(graph.ids[u])
                days += graph.durations[u]
            u = back[u]
        ids.reverse()
        out.append(FeedingBuffer(chain=ids, joins=graph.ids[joins], chain_days=days, days=buffer_days(feeding, days)))
    return out
