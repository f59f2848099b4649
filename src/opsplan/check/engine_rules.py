"""Goal, timeline and money rules: the plan engine's findings mapped to rule ids and YAML lines.

The engine (``opsplan.plan.build_plan``) computes trajectories, the funnel, payroll and the critical
path; its ``EngineFinding`` codes map one-to-one onto rule ids here. A dependency cycle stops the
engine with ``PlanError``; it becomes OPS701 and the checks that need no schedule still run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from opsplan.check.findings import Finding
from opsplan.check.messages import msg
from opsplan.check.profile_rules import Locator
from opsplan.check.rule import Severity
from opsplan.errors import PlanError
from opsplan.profile import Profile, resolve_reference, task_index, unresolved_references
from opsplan.yamlread import PathKey

if TYPE_CHECKING:
    from opsplan.plan.model import Plan

ENGINE_RULES: dict[str, str] = {
    "unknown-reference": "OPS210",
    "goal-direction": "OPS602",
    "goal-regression": "OPS603",
    "rate-range": "OPS604",
    "goal-unchanged": "OPS605",
    "goal-no-baseline": "OPS606",
    "timeline-over-horizon": "OPS705",
    "anchor-missed": "OPS706",
    "anchor-outside-window": "OPS707",
    "milestone-after-campaign": "OPS708",
    "acceptance-after-horizon": "OPS712",
    "milestone-falls-back": "OPS713",
    "campaign-outside-window": "OPS710",
    "festival-beyond-table": "OPS711",
    "payroll-over-budget": "OPS901",
    "funnel-gmv-gap": "OPS903",
}


def parse_field_path(text: str) -> PathKey:
    """Parse ``goals.mid.targets.member_repurchase_90d`` or ``kpis[2].target`` into a path tuple."""
    parts: list[str | int] = []
    for token in re.findall(r"\[\d+\]|[^.\[\]]+", text):
        parts.append(int(token[1:-1]) if token.startswith("[") else token)
    return tuple(parts)


def check_horizons(loc: Locator) -> Iterator[Finding]:
    """OPS601: a horizon without a numeric target."""
    for name, horizon in loc.profile.goals.horizons():
        if not horizon.targets:
            yield loc.finding(
                "OPS601",
                ("goals", name),
                msg("OPS601", name=name),
                msg("OPS601.hint", name=name),
                key=True,
            )


def _is_container(loc: Locator, path: PathKey) -> bool:
    data = loc.document.data
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(data, dict | list)


def engine_finding(loc: Locator, code: str, severity: str, path: str, message: str) -> Finding | None:
    """Turn one engine finding into a check finding (None for a code this check does not know)."""
    rule = ENGINE_RULES.get(code)
    if rule is None:
        return None
    field = parse_field_path(path)
    finding = loc.finding(rule, field, message, msg(f"{rule}.hint"), key=_is_container(loc, field))
    level = Severity(severity)
    return finding if level is finding.level else finding._replace(severity=level)


def _cycle_finding(loc: Locator, error: PlanError) -> Finding:
    from opsplan.plan.messages import emsg
    from opsplan.profile import cycle_field

    path: PathKey = cycle_field(loc.profile, error.cycle)
    message = emsg("cycle.fact", names=" → ".join(error.cycle)) if error.cycle else str(error)
    return loc.finding(
        "OPS701",
        path,
        message,
        msg("OPS701.hint"),
        key=True,
    )


def engine_profile(profile: Profile) -> Profile:
    """Return ``profile`` without the references that name nothing (OPS702 and OPS709 report them).

    Those are ``after`` entries that name no task and ``on``/``before`` anchors that name no campaign or
    date. The engine skips such references, but its ``Plan`` model validates the profile again, strictly.
    """
    from opsplan.plan.anchors import occurrences, unresolved_anchors

    if not unresolved_references(profile) and not unresolved_anchors(profile):
        return profile
    index = task_index(profile)
    data = profile.model_dump()
    for phase in data["timeline"]["phases"]:
        for task in phase["tasks"]:
            task["after"] = [r for r in task["after"] if resolve_reference(profile, phase["id"], r, index)]
    for milestone in data["timeline"]["milestones"]:
        milestone["after"] = [r for r in milestone["after"] if resolve_reference(profile, None, r, index)]
    for item in [*(t for p in data["timeline"]["phases"] for t in p["tasks"]), *data["timeline"]["milestones"]]:
        for kind in ("on", "before"):
            if item[kind] is not None and not occurrences(profile, item[kind]):
                item[kind] = None
    return Profile.model_validate(data)


def check_engine(loc: Locator, plan: Plan | None = None) -> list[Finding]:
    """Run the plan engine on the profile (or take its ``plan``) and map what it finds; a cycle is OPS701."""
    from opsplan.plan import build_plan
    from opsplan.plan.budget import build_budget, build_team
    from opsplan.plan.findings import goal_findings, money_findings

    findings: list[Finding] = list(check_horizons(loc))
    if plan is not None:  # a render's: the profile it was built from is not made again (engine_profile)
        engine = plan.findings
    else:
        profile = engine_profile(loc.profile)
        try:
            engine = build_plan(profile).findings
        except PlanError as error:
            findings.append(_cycle_finding(loc, error))
            engine = [*goal_findings(profile), *money_findings(build_budget(profile), build_team(profile))]
    for item in engine:
        mapped = engine_finding(loc, item.code, item.severity, item.path, item.message)
        if mapped is not None:
            findings.append(mapped)
    return findings
