"""What ``presets``, ``metrics``, ``schema`` and ``rules`` print, without typer.

``cli_lists`` (the typer commands) and the console script's fast path (``cli_fast_help``) call these with the same
parameters and print what they return, so both print the same bytes.
"""

from __future__ import annotations

from opsplan.cli_run import run, state
from opsplan.i18n import language


def presets(locale: str | None, lang: str | None) -> list[str]:
    """Return the lines of ``opsplan presets``: each plan kind (preset) and its description."""
    from opsplan.kinds import KIND_DESCRIPTIONS, PlanKind

    locale = locale or lang or language()
    return [
        f"{kind.value:<24} {zh if locale.startswith('zh') else en}"
        for kind, (zh, en) in KIND_DESCRIPTIONS.items()
        if kind is not PlanKind.CUSTOM
    ]


def metrics(locale: str | None, lang: str | None) -> list[str]:
    """Return the lines of ``opsplan metrics``: each metric's key, kind, direction and label."""
    from opsplan.metrics import CATALOGUE

    locale = locale or lang or language()
    return [
        f"{metric.key:<26} {metric.kind.value:<9} {metric.direction.value:<5} {metric.label(locale)}"
        for metric in CATALOGUE.values()
    ]


def schema(plan: bool, lang: str | None) -> str:
    """Return the JSON Schema ``opsplan schema`` prints: the profile's, or the computed plan's (``plan``)."""
    from opsplan.prepared import schema_text

    return schema_text("plan" if plan else "profile", lang or state.lang or "en")


def rules(lang: str | None) -> str:
    """Return the text of ``opsplan rules``: each check rule's id, category, default severity and what it finds."""
    from opsplan.check.rule_titles import rules_text

    return run(rules_text, lang)
