"""Consistency rules on a profile: anchors that name nothing (more cross-checks are added here).

Each rule reads the validated profile (and, where it needs numbers, the computed plan) and places its
finding with the ``Locator``, so it names ``file:line:column`` and the field path.
"""

from __future__ import annotations

from collections.abc import Iterator

from opsplan.check.findings import Finding
from opsplan.check.profile_rules import Locator
from opsplan.load import parse_path


def check_anchors(loc: Locator) -> Iterator[Finding]:
    """OPS709: an ``on``/``before`` anchor that names neither a campaign nor a date."""
    from opsplan.plan.anchors import unresolved_anchors

    for problem in unresolved_anchors(loc.profile):
        where, _, _ = problem.partition(": ")
        yield loc.finding(
            "OPS709",
            parse_path(where),
            problem,
            "name a campaign from `campaigns`, a retail date (520, 618, 双11 …) or a date written YYYY-MM-DD",
        )


def check_consistency(loc: Locator) -> list[Finding]:
    """Run the consistency rules."""
    return [*check_anchors(loc)]
