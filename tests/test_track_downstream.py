"""The tasks a late milestone holds up (``track.levers``): every task downstream, found in one walk of the graph."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from hypothesis import given
from hypothesis import strategies as st

from opsplan.track.levers import _downstream, _followers


@dataclass
class Task:
    """What the walk reads of a ``TaskRow``; ``reads`` counts the reads of ``phase``."""

    id: str
    phase_id: str
    after: list[str] = field(default_factory=list)
    follows_phase: str | None = None
    reads: list[int] = field(default_factory=lambda: [0])

    @property
    def phase(self) -> str:
        self.reads[0] += 1
        return self.phase_id


def _fixed_point(tasks: list[Task], start: set[str]) -> set[str]:
    """The former way: grow the set by every task one of whose predecessors is in it, until it stops growing."""
    after = {t.id: set(t.after) for t in tasks}
    for t in tasks:
        if t.follows_phase is not None:
            after[t.id] |= {u.id for u in tasks if u.phase == t.follows_phase}
    waiting, changed = set(start), True
    while changed:
        grown = waiting | {t for t, before in after.items() if before & waiting}
        changed, waiting = grown != waiting, grown
    return waiting


@st.composite
def plans(draw: Any) -> tuple[list[Task], set[str]]:
    """Phases of tasks, each depending on earlier ones or following the phase before; a start among them."""
    phases = draw(st.integers(1, 5))
    tasks: list[Task] = []
    for p in range(phases):
        for n in range(draw(st.integers(1, 4))):
            earlier = [t.id for t in tasks]
            after = draw(st.lists(st.sampled_from(earlier), max_size=3, unique=True)) if earlier else []
            follows = f"P{p - 1}" if p and not after and draw(st.booleans()) else None
            tasks.append(Task(id=f"T{p}.{n}", phase_id=f"P{p}", after=after, follows_phase=follows))
    start = set(draw(st.lists(st.sampled_from([t.id for t in tasks] + ["P0", "missing"]), max_size=3)))
    return tasks, start


@given(plans())
def test_the_walk_finds_what_the_former_fixed_point_found(plan: tuple[list[Task], set[str]]) -> None:
    tasks, start = plan
    assert _downstream(start, _followers(cast(Any, tasks))) == _fixed_point(tasks, start)


def test_a_chain_of_phases_is_walked_once() -> None:
    """Each phase follows the one before: the former grouping read every task's phase for every task."""
    reads = [0]
    tasks = [Task(id="T0", phase_id="P0", reads=reads)]
    tasks += [Task(id=f"T{p}", phase_id=f"P{p}", follows_phase=f"P{p - 1}", reads=reads) for p in range(1, 80)]
    assert _downstream({"T0"}, _followers(cast(Any, tasks))) == {t.id for t in tasks}
    assert reads[0] == 80  # each task's phase once (the former way: 80 × 79 for the grouping alone)
    reads[0] = 0
    _fixed_point(tasks, {"T0"})
    assert reads[0] == 80 * 79
