"""Consistency rules on a profile: anchors that name nothing, cross-checks, text against the numbers.

Each rule reads the validated profile (and, where it needs numbers, the computed plan) and places its
finding with the ``Locator``, so it names ``file:line:column`` and the field path.
"""

from __future__ import annotations

from collections.abc import Iterator

from opsplan.check.findings import Finding
from opsplan.check.messages import msg
from opsplan.check.profile_rules import Locator
from opsplan.errors import PlanError
from opsplan.load import parse_path
from opsplan.plan.model import Plan


def check_anchors(loc: Locator) -> Iterator[Finding]:
    """OPS709: an ``on``/``before`` anchor that names neither a campaign nor a date."""
    from opsplan.plan.anchors import unresolved_anchors

    for problem in unresolved_anchors(loc.profile):
        where, _, _ = problem.partition(": ")
        yield loc.finding(
            "OPS709",
            parse_path(where),
            problem,
            msg("OPS709.hint"),
        )


def check_consistency(loc: Locator, plan: Plan | None = None) -> list[Finding]:
    """Run the consistency rules; those that need numbers use ``plan`` (computed here if not given)."""
    from opsplan.check.cross_rules import check_cross
    from opsplan.check.engine_rules import engine_profile
    from opsplan.check.text_rules import check_text_rules
    from opsplan.check.text_sums import check_text_sums
    from opsplan.plan import build_plan

    findings = [*check_anchors(loc), *check_text_sums(loc)]
    if plan is None:
        try:
            plan = build_plan(engine_profile(loc.profile))
        except PlanError:
            return findings  # a dependency cycle: OPS701 reports it, and there are no numbers to check
    return [*findings, *check_cross(loc, plan), *check_text_rules(loc, plan)]
