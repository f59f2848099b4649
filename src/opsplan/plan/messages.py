"""What the plan engine says about the numbers (its ``EngineFinding`` messages), in en and zh-CN side by side.

Keys are the finding's code, with a suffix where one code says different things. ``opsplan check`` turns each
into a finding of its rule (see ``opsplan.check.engine_rules``).
"""

from __future__ import annotations

from opsplan.i18n import Catalogue, is_zh, say

ENGINE: Catalogue = {
    "rate-range.baseline": (
        "The baseline {label} is {value}, but a rate is a fraction between 0 and 1; write 35% as 0.35.",
        "基线里{label}是 {value}，但比率应是 0 到 1 之间的小数；35% 要写成 0.35（或直接写 35%）。",
    ),
    "rate-range.target": (
        "The {term}-term target for {label} is {value}, but a rate is a fraction between 0 and 1; write 35% as 0.35.",
        "{term}目标里{label}是 {value}，但比率应是 0 到 1 之间的小数；35% 要写成 0.35（或直接写 35%）。",
    ),
    "rate-range.kpi": (
        "The KPI target for {label} is {value}, but a rate is a fraction between 0 and 1; write 35% as 0.35.",
        "KPI 里{label}的目标是 {value}，但比率应是 0 到 1 之间的小数；35% 要写成 0.35（或直接写 35%）。",
    ),
    "goal-no-baseline": (
        "{label} has a target but no baseline; add baseline.{key} with today's value so the plan can show the "
        "change and the monthly path to it.",
        "{label}定了目标却没有基线；请在 baseline.{key} 填上现在的值，方案才能算出变化幅度和每月的路径。",
    ),
    "goal-unchanged": (
        "The {term}-term target for {label} equals the baseline ({baseline}); set a target that moves it, or drop "
        "it from goals.{name}.targets.",
        "{term}目标里{label}和基线一样（{baseline}）；请定一个有变化的目标，或者从 goals.{name}.targets 里去掉它。",
    ),
    "goal-direction.up": (
        "The {term}-term target for {label} ({target}) falls below the baseline ({baseline}); this metric should "
        "rise, so check the target or the baseline.",
        "{term}目标里{label}定为 {target}，低于基线 {baseline}；这个指标应该往上走，请核对目标或基线。",
    ),
    "goal-direction.down": (
        "The {term}-term target for {label} ({target}) rises above the baseline ({baseline}); this metric should "
        "fall, so check the target or the baseline.",
        "{term}目标里{label}定为 {target}，高于基线 {baseline}；这个指标应该往下降，请核对目标或基线。",
    ),
    "goal-regression.up": (
        "The {term}-term target for {label} ({target}) falls back from the {before_term}-term target ({before}); a "
        "later horizon should reach at least the earlier one.",
        "{term}目标里{label}定为 {target}，比{before_term}目标 {before} 还低；后面的阶段至少要达到前面阶段的水平。",
    ),
    "goal-regression.down": (
        "The {term}-term target for {label} ({target}) falls back from the {before_term}-term target ({before}); a "
        "later horizon should reach at most the earlier one.",
        "{term}目标里{label}定为 {target}，比{before_term}目标 {before} 还高；后面的阶段不应高于前面阶段的水平。",
    ),
    "funnel-gmv-gap.below": (
        "The funnel turns {entries} entries a month into about {gmv} of monthly GMV, {gap} below the short-term goal "
        "of {goal}; adjust traffic.monthly_entry_volume, the funnel rates or the goal so they agree within "
        "{tolerance}.",
        "按漏斗推算，每月 {entries} 的进入量大约带来 {gmv} 的月 GMV，比短期目标 {goal} 低 {gap}；请调整 "
        "traffic.monthly_entry_volume、漏斗转化率或目标，让两者相差不超过 {tolerance}。",
    ),
    "funnel-gmv-gap.above": (
        "The funnel turns {entries} entries a month into about {gmv} of monthly GMV, {gap} above the short-term goal "
        "of {goal}; adjust traffic.monthly_entry_volume, the funnel rates or the goal so they agree within "
        "{tolerance}.",
        "按漏斗推算，每月 {entries} 的进入量大约带来 {gmv} 的月 GMV，比短期目标 {goal} 高 {gap}；请调整 "
        "traffic.monthly_entry_volume、漏斗转化率或目标，让两者相差不超过 {tolerance}。",
    ),
    "payroll-over-budget": (
        "The team costs {monthly} a month, {period} over the {months}-month budget period, more than the whole "
        "budget of {total}; raise budget.total or trim the team.",
        "团队每月成本 {monthly}，{months} 个月预算期内共 {period}，超过了全部预算 {total}；请提高 budget.total "
        "或精简团队。",
    ),
    "timeline-over-horizon": (
        "The critical path takes {days} days and the project buffer {buffer} more, so the work ends on {end}, after "
        "the short-term goals fall due at the end of month {months} ({horizon} days from the start).",
        "关键路径要 {days} 天，加上项目缓冲 {buffer} 天，到 {end} 才结束，超出了 {months} 个月的短期目标"
        "（{horizon} 天）。",
    ),
    "campaign-outside-window": (
        "campaign {name!r} ({when}) does not start inside the plan window {window}, so the plan leaves it out",
        "活动「{name}」（{when}）不在方案周期 {window} 内开始，方案不会排进它",
    ),
    "campaign-every-year": ("every year {start} – {end}", "每年 {start} – {end}"),
    "festival-beyond-table": (
        "campaign {name!r} follows {festival}, whose dates opsplan holds for {first}–{last}; the plan window "
        "{window} could hold it in {years} too, where the plan leaves it out",
        "活动「{name}」跟着{festival}走，而 opsplan 只收录了 {first}–{last} 年的日期；方案周期 {window} 内 {years} "
        "年可能也有这个活动，但方案排不进它",
    ),
    "retail-beyond-table": (
        "the retail calendar's 七夕 (Qixi) and 年货节 (New Year shopping) follow the lunar calendar, whose dates "
        "opsplan holds for {first}–{last}; the plan window {window} reaches into {years}, where they are left out",
        "零售日历里的七夕和年货节跟着农历走，而 opsplan 只收录了 {first}–{last} 年的日期；方案周期 {window} "
        "延伸到了 {years} 年，这一年的这两个节点不会排进方案",
    ),
    "chapter-omitted": (
        "chapter {key!r} ({title}) has no {keys} data, so the plan leaves it out",
        "「{title}」（{key}）这一章没有 {keys} 的数据，方案会把它略去",
    ),
    "ref.unclosed": (
        "a reference '${{' is not closed with '}}'; write '$${{' for a literal '${{'",
        "引用“${{”没有用“}}”闭合；要写字面的“${{”请写“$${{”",
    ),
    "ref.cycle": (
        "${{{name}}} refers back to itself ({cycle}); write the text out in one of these fields",
        "${{{name}}} 又引用回了自己（{cycle}）；请在其中一个字段里直接写出文字",
    ),
    "ref.option": (
        "${{{body}}}: ':{option}' applies to {kinds} values only",
        "${{{body}}}：“:{option}”只能用在{kinds}类的值上",
    ),
    "ref.campaign_outside": (
        "${{{name}}}: campaign {campaign!r} ({when}) does not start inside the plan window {window}, so the plan "
        "leaves it out and this reference has no value; move the campaign's dates into the window or drop the "
        "reference",
        "${{{name}}}：活动「{campaign}」（{when}）不在方案周期 {window} 内开始，方案不会排进它，这个引用也就没有值；"
        "请把活动日期移进方案周期，或删去这个引用",
    ),
    "ref.retail_outside": (
        "${{{name}}}: the retail calendar's {campaign} has no day in the plan window {window}, so the plan leaves it "
        "out and this reference has no value",
        "${{{name}}}：零售日历的{campaign}在方案周期 {window} 内没有日子，方案不会排进它，这个引用也就没有值",
    ),
    "ref.retail_off": (
        "${{{name}}}: {campaign} is a date of the retail calendar, which this plan does not use "
        "(plan.retail_calendar is false); turn it on or add the campaign to campaigns",
        "${{{name}}}：{campaign}是零售日历里的日子，而这个方案没有用零售日历（plan.retail_calendar 为 false）；"
        "请打开它，或在 campaigns 里加上这个活动",
    ),
    "ref.retail_replaced": (
        "${{{name}}}: the profile's campaign {by!r} takes the place of the retail calendar's {campaign}; refer to "
        "it by its name: ${{campaigns.{by}.{field}}}",
        "${{{name}}}：档案里的活动「{by}」取代了零售日历的{campaign}；请用它的名字引用：${{campaigns.{by}.{field}}}",
    ),
    "ref.no_horizon": (
        "${{{name}}}: the profile sets no {horizon}-term horizon (goals.{key}), so this reference has no value",
        "${{{name}}}：档案没有设{horizon}目标（goals.{key}），这个引用也就没有值",
    ),
    "ref.campaign_retail_gmv": (
        "${{{name}}}: campaign {campaign!r} comes from the retail calendar, which plans no GMV for it; add a campaign "
        "named {campaign} to campaigns to plan one",
        "${{{name}}}：活动「{campaign}」来自零售日历，零售日历不为它规划 GMV；要规划就在 campaigns 里加一个名为 "
        "{campaign} 的活动",
    ),
    "ref.campaign_no_gmv": (
        "${{{name}}}: campaign {campaign!r} has no GMV: the goals plan no monthly or annual GMV to estimate it from; "
        "give it one with gmv in its campaigns entry",
        "${{{name}}}：活动「{campaign}」没有 GMV：目标里没有可据以估算的月 GMV 或年 GMV；"
        "请在它的 campaigns 条目里写上 gmv",
    ),
    "ref.unknown_close": (
        "unknown reference ${{{name}}}; did you mean ${{{close}}}?",
        "没有这个引用 ${{{name}}}；是不是想写 ${{{close}}}？",
    ),
    "ref.unknown": (
        "unknown reference ${{{name}}}; references name values such as ${{shop.name}}, ${{budget.total}} or "
        "${{goals.short.monthly_gmv}} (README: References in text)",
        "没有这个引用 ${{{name}}}；引用要写成 ${{shop.name}}、${{budget.total}} 或 ${{goals.short.monthly_gmv}} "
        "这样的名字（见 README：References in text）",
    ),
    # timeline: a dependency cycle (OPS701) and anchored work (OPS706-OPS708)
    "cycle": (
        "timeline: tasks wait for each other in a cycle: {names}. Remove one of these dependencies (an `after` "
        "entry, or the implicit wait for the previous phase).",
        "timeline: 任务之间互相等待，形成了环：{names}。请去掉其中一个依赖（一条 `after`，或者对上一阶段的隐含等待）。",
    ),
    "cycle.fact": (  # check says what to do in OPS701's hint
        "tasks wait for each other in a cycle: {names}.",
        "任务之间互相等待，形成了环：{names}。",
    ),
    "anchor.task": ("task {id} ({name})", "任务 {id}（{name}）"),
    "anchor.milestone": ("milestone {id} ({name})", "里程碑 {id}（{name}）"),
    "anchor.campaign": ("{campaign} ({when})", "{campaign}（{when}）"),
    "anchor.window": ("the plan window {first} – {last}", "方案周期 {first} – {last}"),
    "anchor-outside-window.task": (
        "{name} is anchored to {what}, which does not fall in {window} with room for its {days} days; move the "
        "campaign's dates or drop the anchor",
        "{name}锚定的是 {what}，这个时间不在{window} 之内，容不下它的 {days} 天；请调整活动日期，或者去掉这个锚定",
    ),
    "anchor-missed": (
        "{name} must finish by {due} for {what}, but the tasks it waits for finish on {ready}, so it runs "
        "{start} – {finish}; start them earlier, shorten them or drop a dependency",
        "{name}要在 {due} 前完成，赶上 {what}，但它等待的任务 {ready} 才完成，所以它排在 {start} – {finish}；"
        "请让前面的任务早点开始、缩短工期，或者去掉一个依赖",
    ),
    "anchor-outside-window.milestone": (
        "{name} is anchored to {what}, outside {window}; move it or drop the anchor",
        "{name}锚定的是 {what}，这个时间在{window} 之外；请调整它，或者去掉这个锚定",
    ),
    "acceptance-after-horizon": (
        "{name} accepts the {horizon}-term goals on their date, {date}, but {task}, which it closes, finishes on "
        "{finish}{cause}; shorten or reorder that work, or move the horizon",
        "{name}在{horizon}目标的日期 {date} 验收，但它收尾的{task}要到 {finish} 才完成{cause}；请缩短或调整这些工作，"
        "或者把这一阶段往后放",
    ),
    "acceptance-after-horizon.cause": (
        " (the work waits for {task}, anchored to {campaign}, {when})",
        "（这些工作要等{task}，它锚定在{campaign}，{when}）",
    ),
    "milestone-quotes-horizon": (
        "{name} asks for {ref}, the {horizon}-term target due on {due}, but falls on {date}; give it "
        "'horizon: {key}' to accept the goals on their date, or ask for {own}, its own value on {date}",
        "{name}要求达到{ref}，这是{horizon}目标、日期是 {due}，但这个里程碑在 {date}；请给它加上“horizon: {key}”，"
        "在目标日期验收，或者改用它自己当天的值{own}",
    ),
    "milestone-falls-back": (
        "{name} on {date} asks less of {metric} ({value}) than {earlier} asked on {earlier_date} ({earlier_value}); "
        "a later milestone should keep at least the level of an earlier one",
        "{name}（{date}）对{metric}的要求（{value}）低于更早的{earlier}（{earlier_date}）的要求（{earlier_value}）；"
        "后面的里程碑至少要保持前面的水平",
    ),
    "milestone-after-campaign": (
        "{name} lands on {date}, after {what} (it must be reached by {due}); schedule the tasks it closes earlier",
        "{name}在 {date} 才达成，晚于 {what}（最迟应在 {due} 达成）；请把它对应的任务排得早一些",
    ),
}

_TERMS = {"short": ("short", "短期"), "mid": ("mid", "中期"), "long": ("long", "长期")}


def emsg(key: str, /, **params: object) -> str:
    """Return engine message ``key`` in the current language."""
    return say(ENGINE, key, **params)


def horizon_term(name: str) -> str:
    """Return a goal horizon's name (short, mid, long) as the message language says it."""
    en, zh = _TERMS.get(name, (name, name))
    return zh if is_zh() else en


def metric_label(key: str) -> str:
    """Return a metric's label with its key for a message: ``monthly gmv (monthly_gmv)``, ``月GMV（monthly_gmv）``."""
    from opsplan.metrics import CATALOGUE

    metric = CATALOGUE[key]
    return f"{metric.zh}（{key}）" if is_zh() else f"{metric.en.lower()} ({key})"


def joined(items: list[str], word: str = "or") -> str:
    """Join ``items`` with ' or ' / ' and ' in English, '或' / '和' in Chinese."""
    zh = {"or": "或", "and": "和"}[word]
    return (zh if is_zh() else f" {word} ").join(items)
