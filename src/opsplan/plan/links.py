"""KPI links: for each critical task, the milestones its slip delays and the KPIs those gate (§5, issue 3)."""

from __future__ import annotations

from opsplan.plan.model import KpiLink, Timeline
from opsplan.plan.timeline import Graph


def build_links(timeline: Timeline, graph: Graph, succs: list[list[int]], order: list[int]) -> list[KpiLink]:
    """Return a link per critical task, in critical-path order.

    A milestone depends on a task when the task is one the milestone closes or comes before one of them
    in the graph. Each node carries a bit mask of the milestones that depend on it, filled in reverse
    topological order, so the cost is linear in tasks + dependencies (times a word per 64 milestones).
    """
    position = {ident: i for i, ident in enumerate(graph.ids[: graph.tasks])}
    mask = [0] * len(graph.ids)
    for bit, milestone in enumerate(timeline.milestones):
        for task in milestone.after:
            mask[position[task]] |= 1 << bit
    for v in reversed(order):
        for s in succs[v]:
            mask[v] |= mask[s]
    names = {t.id: t.name for t in timeline.tasks}
    links: list[KpiLink] = []
    for task in timeline.critical_path:
        bits = mask[position[task]]
        milestones = []
        while bits:  # visit only the set bits: the cost follows the size of the answer
            low = bits & -bits
            milestones.append(timeline.milestones[low.bit_length() - 1])
            bits ^= low
        kpis: dict[str, None] = {}
        for m in milestones:
            for k in m.kpis:
                kpis.setdefault(k, None)
        links.append(KpiLink(task=task, name=names[task], milestones=[m.id for m in milestones], kpis=list(kpis)))
    return links
