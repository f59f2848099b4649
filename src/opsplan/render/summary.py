"""A terminal summary of a computed plan (``opsplan render --summary``): targets, funnel, budget, critical path."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from opsplan.metrics import CATALOGUE, MetricKind
from opsplan.plan.model import Plan

_HEAD = {
    "targets": ("目标", "Targets"),
    "metric": ("指标", "Metric"),
    "baseline": ("基线", "Baseline"),
    "cmgr": ("月复合增长", "CMGR"),
    "funnel": ("转化漏斗（月）", "Funnel (per month)"),
    "stage": ("环节", "Stage"),
    "rate": ("转化率", "Rate"),
    "budget": ("预算", "Budget"),
    "item": ("项目", "Item"),
    "share": ("占比", "Share"),
    "amount": ("金额", "Amount"),
    "monthly": ("每月", "Monthly"),
    "total": ("合计", "Total"),
    "payroll": ("人力成本（期间）", "Payroll (period)"),
    "critical": ("关键路径", "Critical path"),
    "task": ("任务", "Task"),
    "start": ("开始", "Start"),
    "finish": ("结束", "Finish"),
    "days": ("天数", "Days"),
    "buffer": ("项目缓冲", "Project buffer"),
    "end": ("含缓冲结束", "End with buffer"),
    "findings": ("提示", "Findings"),
    "forward": ("按计划流量", "From planned traffic"),
    "short": ("短期", "Short"),
    "mid": ("中期", "Mid"),
    "long": ("长期", "Long"),
    "months": ("个月", " months"),
}


def _t(key: str, locale: str) -> str:
    zh, en = _HEAD[key]
    return zh if locale.startswith("zh") else en


def _horizon(name: str, months: int, locale: str) -> str:
    return f"{_t(name, locale)} ({months}{_t('months', locale)})"


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:,.2f}"


def _metric_value(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    kind = CATALOGUE[key].kind
    if kind == MetricKind.RATE:
        return f"{value:.1%}"
    if kind == MetricKind.RATIO:
        return f"{value:,.2f}"
    return _num(value)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def targets_table(plan: Plan) -> Table:
    """Return the targets table: baseline, each horizon's target and the monthly growth rate."""
    loc = plan.locale
    table = Table(title=_t("targets", loc))
    table.add_column(_t("metric", loc))
    table.add_column(_t("baseline", loc), justify="right")
    for h in plan.goals.horizons:
        table.add_column(_horizon(h.name, h.months, loc), justify="right")
    table.add_column(_t("cmgr", loc), justify="right")
    for m in plan.goals.metrics:
        table.add_row(
            CATALOGUE[m.metric].label(loc),
            _metric_value(m.metric, m.baseline),
            *[_metric_value(m.metric, m.targets.get(h.name)) for h in plan.goals.horizons],
            _pct(m.cmgr),
        )
    return table


def funnel_table(plan: Plan) -> Table:
    """Return the funnel table: each stage's rate and the monthly volume each horizon needs."""
    loc = plan.locale
    table = Table(title=_t("funnel", loc))
    table.add_column(_t("stage", loc))
    table.add_column(_t("rate", loc), justify="right")
    cases = plan.funnel.horizons
    for case in cases:
        table.add_column(_horizon(case.horizon, case.months, loc), justify="right")
    forward = plan.funnel.forward
    if forward is not None:
        table.add_column(_t("forward", loc), justify="right")
    stages = cases[0].stages if cases else (forward.stages if forward else [])
    for i, stage in enumerate(stages):
        cells = [_num(c.stages[i].volume) for c in cases]
        if forward is not None:
            cells.append(_num(forward.stages[i].volume))
        table.add_row(stage.stage, _pct(stage.rate), *cells)
    return table


def budget_table(plan: Plan) -> Table:
    """Return the budget table: items with share, amount and monthly amount, the total and the payroll."""
    loc = plan.locale
    b = plan.budget
    table = Table(title=f"{_t('budget', loc)} ({plan.currency}, {b.months}{_t('months', loc)})")
    for key, justify in (("item", "left"), ("share", "right"), ("amount", "right"), ("monthly", "right")):
        table.add_column(_t(key, loc), justify=justify)  # type: ignore[arg-type]
    for item in b.items:
        table.add_row(item.name, _pct(item.share), _num(item.amount), _num(item.monthly))
    table.add_row(_t("total", loc), _pct(b.share_sum), _num(b.total), _num(b.monthly_total), style="bold")
    t = plan.team
    table.add_row(_t("payroll", loc), _pct(t.payroll_share_of_budget), _num(t.period_payroll), _num(t.monthly_payroll))
    return table


def critical_path_table(plan: Plan) -> Table:
    """Return the critical path table with the project buffer and the end date."""
    loc = plan.locale
    tl = plan.timeline
    table = Table(title=_t("critical", loc))
    for key in ("task", "start", "finish", "days"):
        table.add_column(_t(key, loc), justify="right" if key == "days" else "left")
    rows = {t.id: t for t in tl.tasks}
    for ident in tl.critical_path:
        task = rows[ident]
        table.add_row(
            f"{task.id} {task.name}", task.start.isoformat(), task.finish.isoformat(), str(task.duration_days)
        )
    table.add_row(_t("buffer", loc), "", "", str(tl.buffer_days))
    table.add_row(
        _t("end", loc), "", tl.end_with_buffer.isoformat(), str(tl.length_days + tl.buffer_days), style="bold"
    )
    return table


def print_summary(plan: Plan, console: Console) -> None:
    """Print the plan's targets, funnel, budget and critical path (and its findings) to ``console``.

    Profile text is printed as written: ``console`` must be made with ``markup=False``.
    """
    console.print(Text(f"{plan.profile.plan.title} — {plan.profile.shop.name}", style="bold"))
    console.print(targets_table(plan))
    if plan.funnel.horizons or plan.funnel.forward is not None:
        console.print(funnel_table(plan))
    console.print(budget_table(plan))
    if plan.timeline.tasks:
        console.print(critical_path_table(plan))
    if plan.findings:
        console.print(Text(_t("findings", plan.locale), style="bold"))
        for f in plan.findings:
            console.print(f"  {f.severity}: {f.path}: {f.message}", markup=False, highlight=False)
