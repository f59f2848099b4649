"""What ``opsplan track`` says about its options and an actuals file it cannot read, in en and zh-CN side by side.

Problems in an actuals file are said in the profile's ``plan.locale`` (unless ``--lang`` or ``OPSPLAN_LANG``
chose), each after its ``file:row:column``.
"""

from __future__ import annotations

from opsplan.i18n import Catalogue, say

TRACK: Catalogue = {
    # options
    "option.as_of": (
        "--as-of: {text!r} is not a date; write YYYY-MM-DD",
        "--as-of: {text!r} 不是日期；请写成 YYYY-MM-DD",
    ),
    "option.report": (
        "-f: unknown report format {unknown}; choose from {choices}",
        "-f: 没有报告格式 {unknown}；可选：{choices}",
    ),
    "option.format": (
        "--format: unknown output {value!r}; choose from {choices}",
        "--format: 没有输出格式 {value!r}；可选：{choices}",
    ),
    "option.tolerance": (
        "--tolerance: give a fraction between 0 and 1, such as 0.05 for 5%",
        "--tolerance: 请给 0 到 1 之间的小数，例如 0.05 表示 5%",
    ),
    # the file
    "file.kind": (
        "{path}: unknown kind of actuals file {suffix!r}; give a .csv or .xlsx",
        "{path}: 不认识的实际数据文件类型 {suffix!r}；请给 .csv 或 .xlsx 文件",
    ),
    "file.no_suffix": ("(no suffix)", "（没有后缀）"),
    "file.empty": (
        "{path}: the file is empty; it needs a header row and at least one actual value",
        "{path}: 文件是空的；需要一行表头和至少一个实际值",
    ),
    "file.no_values": (
        "{path}: holds no actual values yet; fill in at least one period",
        "{path}: 还没有任何实际值；请至少填一个期间",
    ),
    "file.encoding": (
        "{path}: neither UTF-8 nor GB18030 text; save the actuals as CSV UTF-8",
        "{path}: 既不是 UTF-8 也不是 GB18030 文本；请把实际数据另存为 CSV UTF-8",
    ),
    "file.csv": ("{path}: not readable as CSV ({error})", "{path}: 无法按 CSV 读取（{error}）"),
    "file.unpacked": (
        "{path}: unpacks to {size} bytes, over the {limit} a workbook may hold",
        "{path}: 解压后有 {size} 字节，超过了工作簿的上限 {limit}",
    ),
    "file.workbook": (
        "{path}: not a readable .xlsx workbook ({error})",
        "{path}: 不是能读取的 .xlsx 工作簿（{error}）",
    ),
    "file.no_sheet": (
        "{path}: no sheet named {names}; the actuals go in that sheet (render the plan with -f xlsx to get one)",
        "{path}: 没有名为 {names} 的工作表；实际数据要填在这张表里（用 -f xlsx 生成方案即可得到）",
    ),
    "file.no_header": (
        "{where}: no header row found; start with 'metric,period,value' (指标,期间,值) or use the Actuals sheet of a "
        "workbook from `opsplan render -f xlsx`",
        "{where}: 没有找到表头行；请以“指标,期间,值”（metric,period,value）开头，或者使用 `opsplan render -f xlsx` "
        "生成的工作簿里的实际数据表",
    ),
    "or": (" or ", " 或 "),
    # a row
    "row.no_metric": (
        "the metric is empty; name a metric, 'spend', a funnel stage or a milestone",
        "指标是空的；请写指标名、spend、漏斗环节或里程碑",
    ),
    "row.untracked": (
        "{text!r} is not a goal or KPI of this plan, so it has no plan to compare with; add it to the profile's goals "
        "or kpis, or leave it out",
        "{text!r} 不是这份方案的目标或 KPI，没有计划值可比；请把它加到档案的 goals 或 kpis 里，或者删掉这一行",
    ),
    "row.unknown_metric": ("unknown metric {text!r}{hint}", "没有指标 {text!r}{hint}"),
    "row.see_metrics": (" (see `opsplan metrics`)", "（见 `opsplan metrics`）"),
    "row.outside": (
        "period {period} is outside the plan, which runs from {start} to {end}",
        "期间 {period} 不在方案周期内，方案从 {start} 到 {end}",
    ),
    "row.twice": (
        "a second value for {name} in {period}; the first is at {earlier}",
        "{name} 在 {period} 有第二个值；第一个在 {earlier}",
    ),
    "row.done_where": (
        "milestone {milestone}: write the day it was done in the period column",
        "里程碑 {milestone}：请在期间一栏写完成的日期",
    ),
    "row.done_day": (
        "milestone {milestone}: give the day it was done (YYYY-MM-DD), not a month",
        "里程碑 {milestone}：请写完成的那一天（YYYY-MM-DD），而不是月份",
    ),
    "row.done_twice": (
        "milestone {milestone} is marked done twice; the first is at {earlier}",
        "里程碑 {milestone} 被标了两次完成；第一次在 {earlier}",
    ),
    # a cell
    "cell.not_number": ("{text} is not a number; write the value as a number", "{text} 不是数字；请写成数字"),
    "cell.not_number_text": (
        "{text!r} is not a number; write a number such as 1200, 35% or 50万",
        "{text!r} 不是数字；请写 1200、35% 或 50万 这样的数字",
    ),
    "cell.not_finite": ("the value is not a finite number", "这个值不是有限的数字"),
    "cell.too_large": (
        "{text} is too large; numbers are limited to {limit}, as in a profile",
        "{text} 太大了；和档案里一样，数字不能超过 {limit}",
    ),
    "cell.rate_over": ("{text} is not a rate; a rate cannot pass 100%", "{text} 不是比率；比率不能超过 100%"),
    "cell.rate_form": (
        "{text} is not a rate; write a rate as a fraction (0.35) or a percentage (35%)",
        "{text} 不是比率；比率请写成小数（0.35）或百分数（35%）",
    ),
    "cell.negative": (
        "{text} is negative; actuals are counts, money, rates or durations",
        "{text} 是负数；实际值只能是数量、金额、比率或时长",
    ),
    "period.unreal": ("period {text!r} is not a real month, week or day", "期间 {text!r} 不是真实存在的月、周或日"),
    "period.shape": (
        "period {text!r} is not a month (2027-03), a week (2027-W12) or a date (2027-03-15)",
        "期间 {text!r} 不是月（2027-03）、周（2027-W12）或日期（2027-03-15）",
    ),
    "period.empty": ("(empty)", "（空）"),
}


def tmsg(key: str, /, **params: object) -> str:
    """Return ``opsplan track``'s message ``key`` in the current language."""
    return say(TRACK, key, **params)
