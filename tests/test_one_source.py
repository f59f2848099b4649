"""Issue 12's acceptance test: edit a preset the way a new user does and the plan stays consistent.

On every preset and locale: change the shop name, the start date, the budget total and the short-term target
of the first goal metric (in a profile that ``extends`` the preset, as a user's file would), render, and check:
the old name appears nowhere, every place that shows the edited values shows the new ones (goal table, KPI
table, milestone and goal prose), dated work follows the new start (the presets' campaigns recur every year:
each one the plan lists lies in the new window, every campaign-anchored task finishes inside its campaign, or
before it for ``before:``, and every anchored milestone lands by its campaign), and ``opsplan check`` finds no
errors.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from opsplan.check.rule import Severity
from opsplan.check.run import check_file
from opsplan.formatting import metric_value, money
from opsplan.load import load_profile
from opsplan.plan import Plan, build_plan
from opsplan.plan.dates import add_months
from opsplan.plan.schedule_model import AnchorRow
from opsplan.presets import LOCALES, preset_names, preset_path
from opsplan.profile_sections import Milestone, Task
from opsplan.render.markdown import render_markdown

NEW_NAME = {"zh-CN": "青禾新店", "en": "Greenfield Test Shop"}
# the issue's edit (a start earlier than the presets' 2027-03-01), and one that leaves every date the presets
# once typed (2027-03 to 2028-02) behind the window
NEW_STARTS = [dt.date(2026, 9, 1), dt.date(2028, 9, 1)]
CASES = [(name, locale, start) for name in preset_names() for locale in LOCALES for start in NEW_STARTS]


def _edited(tmp_path: Path, name: str, locale: str, start: dt.date) -> tuple[Path, str, float, float, str]:
    preset_file = preset_path(name, locale)
    assert preset_file is not None
    preset = load_profile(preset_file)
    metric, old_target = next(iter(preset.goals.short.targets.items()))
    baseline = preset.baseline.get(metric, 0)
    mid = preset.goals.mid.targets.get(metric) if preset.goals.mid else None
    # a new short target halfway between the baseline and the old one (or the mid target): it still moves the
    # metric the right way and does not overtake a later horizon
    new_target = old_target + ((mid if mid is not None else old_target) - old_target) * 0.5
    if new_target == old_target:
        new_target = baseline + (old_target - baseline) * 0.9
    new_total = preset.budget.total * 1.25
    path = tmp_path / f"{name}.{locale}.yaml"
    path.write_text(
        f"version: 1\nextends: {name}\n"
        f"plan: {{locale: {locale}, start: {start.isoformat()}, date: {start - dt.timedelta(days=12)}}}\n"
        f"shop: {{name: {NEW_NAME[locale]}}}\n"
        f"budget: {{total: {new_total}}}\n"
        f"goals: {{short: {{targets: {{{metric}: {new_target}}}}}}}\n",
        encoding="utf-8",
    )
    return path, metric, old_target, new_target, preset.shop.name


@pytest.mark.parametrize(("name", "locale", "start"), CASES)
def test_an_edited_preset_keeps_one_value_in_one_place(tmp_path: Path, name: str, locale: str, start: dt.date) -> None:
    path, metric, old_target, new_target, old_name = _edited(tmp_path, name, locale, start)
    plan = build_plan(load_profile(path))
    markdown = render_markdown(plan)
    assert old_name not in markdown
    assert NEW_NAME[locale] in plan.profile.plan.title

    new_shown = metric_value(locale, new_target, metric, plan.currency)
    old_shown = metric_value(locale, old_target, metric, plan.currency)
    # the goal and every KPI that measures it show the new target
    assert plan.goals.metrics[0].targets["short"] == new_target
    for kpi in plan.profile.kpis:
        if kpi.metric == metric:
            assert kpi.target == new_target
    # no prose that states the goal still states the old value
    texts = [plan.profile.goals.short.focus, *(m.criteria for m in plan.timeline.milestones)]
    texts += [s.intro for s in plan.profile.sections.values()]
    if old_shown != new_shown:
        assert not [t for t in texts if old_shown in t and new_shown not in t], old_shown
    # the budget total in prose is the new one
    total = money(locale, plan.budget.total, plan.currency)
    for text in texts:
        assert money(locale, plan.budget.total / 1.25, plan.currency) not in text or total in text
    assert plan.timeline.start == start
    _dated_work_follows_the_start(plan, start)

    errors = [f for f in check_file(path).findings if f.level is Severity.ERROR]
    assert errors == [], [f"{f.rule} {f.field}: {f.message}" for f in errors]


def _dated_work_follows_the_start(plan: Plan, new_start: dt.date) -> None:
    window_end = add_months(new_start, plan.profile.goals.horizons()[-1][1].months) - dt.timedelta(days=1)
    listed = {(c.name, c.start, c.end) for c in plan.campaigns}
    assert listed, "the presets list campaigns"
    for _, campaign_start, _ in listed:
        assert new_start <= campaign_start <= window_end
    anchored: list[tuple[str, dt.date | None, dt.date | None, AnchorRow | None]]
    anchored = [(t.id, t.start, t.finish, t.anchor) for t in plan.timeline.tasks]
    anchored += [(m.id, m.date, m.date, m.anchor) for m in plan.timeline.milestones]
    campaign_work = [(i, s, f, a) for i, s, f, a in anchored if a is not None and a.campaign is not None]
    # every anchor in the presets names a campaign (520, 618), none a bare date
    items: list[Task | Milestone] = [
        *(t for p in plan.profile.timeline.phases for t in p.tasks),
        *plan.profile.timeline.milestones,
    ]
    assert len(campaign_work) == sum(1 for item in items if item.on or item.before)
    for ident, start, finish, anchor in campaign_work:
        assert start is not None and finish is not None and anchor.campaign is not None
        # the campaign the work names is the one the campaign table and the Gantt show, with the same dates
        assert (anchor.campaign, anchor.start, anchor.end) in listed, ident
        assert new_start <= start
        if anchor.kind == "on":
            assert anchor.start <= finish <= anchor.end, (ident, finish, anchor)
        else:
            assert finish < anchor.start, (ident, finish, anchor)
        assert anchor.met and anchor.in_window, ident
