"""The render stage's way in: a profile loaded (with what it extends) and its plan computed, or the load error.

``opsplan render`` (``render.run``) and ``opsplan serve`` both start here, so the preview shows what a render would
write and refuses what a render refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opsplan.plan.model import Plan
    from opsplan.profile import Profile
    from opsplan.yamlread import Document


# what opsplan writes and check reads: given to render or serve by mistake, they are named as such
PLAN_DOCUMENT_SUFFIXES = frozenset({".md", ".markdown", ".docx", ".pdf", ".html", ".htm", ".pptx", ".xlsx"})


@dataclass(frozen=True)
class LoadedPlan:
    """A profile loaded and its plan computed: the plan, the YAML it came from and the validated profile."""

    plan: Plan
    document: Document
    profile: Profile

    @property
    def sources(self) -> frozenset[Path]:
        """Return the files the plan was read from: the profile and every file it extends (resolved)."""
        return frozenset(Path(where.file).resolve() for where in self.document.values.values() if where.file)


def load_profile_plan(path: Path, *, extends_anywhere: bool = False) -> LoadedPlan:
    """Load the profile at ``path`` (and what it extends) and compute its plan, as ``opsplan render`` does.

    Raises ``OpsplanError`` when the profile does not load: unreadable YAML, a field that does not validate, or
    text with a reference that names no value (``ProfileError`` naming each at its file:line:column). The plan is
    not checked: ``check.run.profile_report`` on the result gives the findings ``opsplan check`` would print.
    """
    from opsplan.errors import InputError, PlanError, Problem, ProfileError
    from opsplan.io_messages import iomsg
    from opsplan.load import format_path, load_document, parse_path, validate_document
    from opsplan.plan import build_plan
    from opsplan.profile import cycle_field

    suffix = Path(path).suffix.lower()
    if suffix in PLAN_DOCUMENT_SUFFIXES:
        raise InputError(iomsg("render.plan_document", path=path, suffix=suffix))
    document = load_document(Path(path), extends_anywhere=extends_anywhere)
    profile = validate_document(document)
    try:
        plan = build_plan(profile, document.number_gaps)
    except PlanError as error:  # a dependency cycle: said at its first task's line, as check says it (OPS701)
        field = cycle_field(profile, error.cycle)
        message = str(error).removeprefix("timeline: ")
        raise ProfileError([Problem(document.locate(field), format_path(field), message)]) from None
    unknown = [f for f in plan.findings if f.code == "unknown-reference"]
    if unknown:
        raise ProfileError([Problem(document.locate(parse_path(f.path)), f.path, f.message) for f in unknown])
    return LoadedPlan(plan, document, profile)
