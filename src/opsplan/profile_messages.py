"""What the profile's own validators say (ids, chapters, campaigns, campaign days, anchors), in en and zh-CN.

These messages are raised inside pydantic validators and reach the user as load errors, after the location
(``file:line:column``) and field path; they are worded while the profile's language is in force (``load``
validates inside ``i18n.about_profile``). A field path in front of a message is
followed by ``": "`` in both languages (the loader takes it off and places the error there), and a ``{x!r}``
stays quoted in both where the loader looks for the quoted key to point at its line.
"""

from __future__ import annotations

from opsplan.i18n import Catalogue, say

PROFILE: Catalogue = {
    "version": (
        "format version {value} is not known; this opsplan reads version 1",
        "格式版本 {value} 无法识别；这个版本的 opsplan 只读版本 1",
    ),
    "id_twice": (
        "{where}[{i}]: {what} {ident!r} is used twice; ids must be unique",
        "{where}[{i}]: {what} {ident!r} 用了两次；id 不能重复",
    ),
    "chapter_twice": (
        "plan.chapters[{i}]: {chapter!r} is listed twice (items {first} and {again}); list each chapter once",
        "plan.chapters[{i}]: {chapter!r} 列了两次（第 {first} 项和第 {again} 项）；每章只列一次",
    ),
    "what.phase": ("phase id", "阶段 id"),
    "what.task": ("task id", "任务 id"),
    "what.milestone": ("milestone id", "里程碑 id"),
    "what.risk": ("risk id", "风险 id"),
    "kpi_target": (
        "kpis[{i}].target: no goal sets {metric!r}, so the KPI needs its own target",
        "kpis[{i}].target: 没有哪个目标给 {metric!r} 定了数值，所以这个 KPI 要写自己的 target",
    ),
    "own.kind_chapter": (
        "sections.{key}: after and body are for chapters of your own; {key!r} is a chapter of the kind (rename it "
        "with title, add text with intro and notes)",
        "sections.{key}: after 和 body 只用于自己加的章节；{key!r} 是方案类型自带的章节（改名用 title，加内容用 "
        "intro 和 notes）",
    ),
    "own.title": (
        "sections.{key}.title: a chapter of your own needs a title",
        "sections.{key}.title: 自己加的章节要有标题",
    ),
    "own.after": (
        "sections.{key}.after: say which chapter {key!r} follows (for example: content)",
        "sections.{key}.after: 请写明 {key!r} 排在哪一章后面（例如 content）",
    ),
    "own.no_chapter": (
        "sections.{key}.after: no chapter {after!r}{hint}",
        "sections.{key}.after: 没有 {after!r} 这一章{hint}",
    ),
    "goals_order": (
        "goals.{later}.months: {b} must be later than goals.{earlier}.months ({a})",
        "goals.{later}.months: {b} 必须晚于 goals.{earlier}.months（{a}）",
    ),
    "metric.unknown": (
        "unknown metric {key!r}{hint} (see `opsplan metrics` for the catalogue)",
        "没有指标 {key!r}{hint}（指标目录见 `opsplan metrics`）",
    ),
    "anchor.both": (
        "{what} has both `on` and `before`; anchor it to one date or campaign",
        "{what} 同时写了 `on` 和 `before`；只能锚定一个日期或活动",
    ),
    "anchor.task": ("task {id!r}", "任务 {id!r}"),
    "anchor.milestone": ("milestone {id!r}", "里程碑 {id!r}"),
    "anchor.not_a_day": (
        "{where}: {text!r} is not a calendar date; write YYYY-MM-DD",
        "{where}: {text!r} 不是日历上存在的日期；请写成 YYYY-MM-DD",
    ),
    "anchor.unknown": (
        "{where}: {text!r} names no campaign and is not a date (YYYY-MM-DD); add it to campaigns or use a retail "
        "date such as 520, 618 or 双11{hint}",
        "{where}: {text!r} 既不是活动名也不是日期（YYYY-MM-DD）；请把它加到 campaigns 里，或者用 520、618、双11 "
        "这样的零售节点{hint}",
    ),
    # campaigns and their days
    "campaign.mixed": (
        "campaign {name!r} mixes two kinds of day ({start} and {end}); write both as YYYY-MM-DD (once), both as "
        "MM-DD (every year) or both from one festival (七夕-9 and 七夕)",
        "活动 {name!r} 混用了两种日子（{start} 和 {end}）；请都写成 YYYY-MM-DD（只办一次）、都写成 MM-DD（每年都办），"
        "或者都从同一个节日算起（“七夕-9”和“七夕”）",
    ),
    "campaign.backwards": (
        "campaign {name!r} ends on {end}, before it starts on {start}",
        "活动 {name!r} 在 {end} 结束，早于开始的 {start}",
    ),
    "campaign.two_festivals": (
        "campaign {name!r} starts from {first} and ends from {second}; count both days from one festival",
        "活动 {name!r} 的开始从{first}算起，结束却从{second}算起；请两头都从同一个节日算起",
    ),
    "day.shapes": (
        "YYYY-MM-DD for one date, MM-DD (05-13, 5月13日) for the same days every year, or a festival or a weekday "
        "of a month and days (七夕-9, 春节-21, 母亲节, 5月第2个周日-6, second Sunday of May) for a day that moves "
        "every year",
        "只办一次写 YYYY-MM-DD；每年同一天写 MM-DD（05-13、5月13日）；每年跟着节日或某月第几个星期几走的，写节日或"
        "“几月第几个周几”加天数（七夕-9、春节-21、母亲节、5月第2个周日-6）",
    ),
    "day.no_festival": (
        "{value!r} names no festival; write 七夕, 端午, 中秋, 春节, 母亲节, 父亲节 or 教师节, or a weekday of a month "
        "(5月第2个周日, second Sunday of May), and days, for example 七夕-9",
        "{value!r} 不是节日；请写七夕、端午、中秋、春节、母亲节、父亲节、教师节，或“几月第几个周几”"
        "（5月第2个周日），再加天数，例如“七夕-9”",
    ),
    "day.fifth_weekday": (
        "{value!r}: not every month has a fifth one of a weekday; write the last one (5月最后一个周日, last Sunday "
        "of May) or the fourth",
        "{value!r}：不是每个月都有第5个周几；请写最后一个（5月最后一个周日）或第4个",
    ),
    "day.weekday_month": (
        "{value!r}: there is no month {month}; write a month from 1 to 12",
        "{value!r}：没有 {month} 月；月份请写 1 到 12",
    ),
    "day.not_month_day": (
        "{value!r} is not a month and day; write MM-DD, for example 05-13",
        "{value!r} 不是月和日；请写成 MM-DD，例如 05-13",
    ),
    "day.february_29": (
        "{value!r}: February 29 does not come every year; for a campaign every year write 02-28 or 03-01, or a "
        "full date (2028-02-29) for one year",
        "{value!r}：2 月 29 日不是每年都有；每年都办的活动请写 02-28 或 03-01，只办一年就写完整日期（2028-02-29）",
    ),
    "day.not_in_year": (
        "{value!r} is not a day of the year (month {month}, day {day})",
        "{value!r} 不是一年里存在的日子（{month} 月 {day} 日）",
    ),
    "day.expected": ("expected a date, not {what}; write {shapes}", "这里应该填日期，而不是{what}；{shapes}"),
    "day.not_date": ("{value!r} is not a date; write {shapes}", "{value!r} 不是日期；{shapes}"),
    "got.empty": ("an empty value", "空值"),
}


def pmsg(key: str, /, **params: object) -> str:
    """Return the profile validator's message ``key`` in the current language."""
    return say(PROFILE, key, **params)
