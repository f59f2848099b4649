"""What ``opsplan check`` says about goals, timeline, risks and money (rules 6xx–9xx), in en and zh-CN.

Part of the check catalogue (``opsplan.check.messages`` joins it with the rest); the keys follow its scheme.
"""

from __future__ import annotations

from opsplan.i18n import Catalogue

NUMBER_RULES: Catalogue = {
    # 6xx goals
    "OPS601": (
        "goals.{name} has no targets; give at least one metric target",
        "goals.{name} 没有目标；至少给一个指标定目标",
    ),
    "OPS601.hint": (
        "add goals.{name}.targets: {{metric: value}} (see `opsplan metrics`)",
        "加上 goals.{name}.targets: {{指标: 数值}}（指标见 `opsplan metrics`）",
    ),
    "OPS607": (
        "{label} grows {rate} a month from {start} (month {start_month}) to {end} (month {end_month}), above the "
        "rule-of-thumb ceiling of {ceiling} a month; at that rate the target takes {needed} months, not {months}",
        "{label}从 {start}（第 {start_month} 个月）涨到 {end}（第 {end_month} 个月），每月增长 {rate}，"
        "超过了经验上限每月 {ceiling}；按上限的速度要 {needed} 个月才能达到，而不是 {months} 个月",
    ),
    "OPS607.hint": (
        "give the target more months or lower it; {setting} sets the ceiling",
        "给这个目标多留几个月，或者调低目标；上限由 {setting} 设定",
    ),
    "OPS608": (
        "the {term}-term target for {label} ({key}) is {target}, above the {ceiling} that content commerce "
        "plausibly converts",
        "{term}目标里{label}（{key}）定为 {target}，超过了内容电商通常能做到的转化率 {ceiling}",
    ),
    "OPS608.hint": (
        "check the target; plausibility.conversion_rate sets the ceiling",
        "核对一下这个目标；上限由 plausibility.conversion_rate 设定",
    ),
    "OPS611": (
        "{label} goes from {start} (month {start_month}) to {end} (month {end_month}) in one month, {times} times, "
        "more than the {jump} times a month can plausibly carry",
        "{label}一个月内从 {start}（第 {start_month} 个月）到 {end}（第 {end_month} 个月），翻了 {times} 倍，"
        "超过了一个月合理能承受的 {jump} 倍",
    ),
    "OPS611.hint": (
        "give the {term}-term horizon more months (goals.{name}.months) or a nearer target; "
        "plausibility.one_month_jump sets the limit",
        "给{term}目标多留几个月（goals.{name}.months），或者把目标定得近一些；上限由 plausibility.one_month_jump 设定",
    ),
    "OPS612": (
        "{field} says {label} {figure}, but {name} is {known} in the plan",
        "{field} 写的是{label} {figure}，但方案里{name}是 {known}",
    ),
    "OPS612.campaign": ("the campaign's GMV", "活动的 GMV"),
    "OPS612.metric": ("{label} ({key})", "{label}（{key}）"),
    "OPS612.not_set": ("not set", "未设定"),
    "OPS612.hint": (
        "write the value the plan holds, or a reference to it (${{goals.short.{key}}} …)",
        "写方案里的数值，或者引用它（${{goals.short.{key}}} …）",
    ),
    "OPS908": (
        "{field} says {figure} next to {word}, but no budget figure is {value} (budget total {total})",
        "{field} 在“{word}”旁边写的是 {figure}，但预算里没有 {value} 这个数（预算总额 {total}）",
    ),
    "OPS908.hint": (
        "write the budget figure, or a reference to it (${{budget.total}} …)",
        "写预算里的数字，或者引用它（${{budget.total}} …）",
    ),
    "OPS204": (
        "{field} names {name!r}, the shop of the {kind} preset, but this plan is for {own!r}",
        "{field} 写了 {name!r}，这是预设 {kind} 的店铺，但这份方案是给 {own!r} 的",
    ),
    "OPS204.hint": ("write this shop's name, or ${{shop.name}}", "写这家店铺的名字，或者 ${{shop.name}}"),
    "OPS620": (
        "{here} says {label} is {mine} but {there} (line {line}) says {theirs}; one value is stated in two places "
        "and they disagree",
        "{here} 写的{label}是 {mine}，而 {there}（第 {line} 行）写的是 {theirs}；同一个数写在两处，却对不上",
    ),
    "OPS620.hint": (
        "give the value once: leave this one out and the plan takes the goal's",
        "一个数只写一次：把这里的删掉，方案会直接用目标里的值",
    ),
    # 7xx timeline
    "OPS701.hint": (
        "remove one `after` entry in the cycle (or the implicit wait for the previous phase)",
        "去掉环里的一条 `after`（或者对上一阶段的隐含等待）",
    ),
    "OPS702": ("{where}: {problem}", "{where}：{problem}"),
    "OPS702.hint": ("name a task as task-id or phase-id.task-id", "用“任务id”或“阶段id.任务id”指明任务"),
    "OPS703": ("{name} closes no task", "{name} 没有对应任何任务"),
    "OPS703.hint": ("list the tasks it marks in after: [...]", "在 after: [...] 里列出它所标志完成的任务"),
    "OPS704": ("{name} has no acceptance criteria", "{name} 没有验收标准"),
    "OPS704.hint": ("write criteria: how to tell it is reached", "写上 criteria：怎样算达成"),
    "OPS709.hint": (
        "name a campaign from `campaigns`, a retail date (520, 618, 双11 …) or a date written YYYY-MM-DD",
        "写 `campaigns` 里的某个活动、一个电商节点（520、618、双11 …），或者 YYYY-MM-DD 格式的日期",
    ),
    "milestone": ("milestone {id} ({name})", "里程碑 {id}（{name}）"),
    # 8xx risks
    "risk": ("risk {id} ({title})", "风险 {id}（{title}）"),
    "OPS801": ("{name} has no owner", "{name} 没有负责人"),
    "OPS801.hint": ("name the person or role who owns it (owner)", "写上负责的人或岗位（owner）"),
    "OPS802": ("{name} has no mitigation", "{name} 没有预防措施"),
    "OPS802.hint": ("say what is done to prevent it (mitigation)", "写明怎么预防（mitigation）"),
    "OPS803": (
        "{name} scores {likelihood}×{impact} = {score} (high) but has no response commitment",
        "{name} 评分 {likelihood}×{impact} = {score}（高风险），却没有应对承诺",
    ),
    "OPS803.hint": (
        "write the response (who does what, and response_hours: how fast)",
        "写上应对方案（谁来做什么，以及 response_hours：多快响应）",
    ),
    # 9xx money
    "OPS902": ("paid channel {name!r} has no ROI assumption", "付费渠道「{name}」没有 ROI 假设"),
    "OPS902.hint": (
        "add roi: the GMV each unit of spend returns (for example roi: 2.5)",
        "加上 roi：每投入 1 元带回多少 GMV（例如 roi: 2.5）",
    ),
    "OPS904": (
        "channel spend {channels} ({channels_monthly} a month × {months}) + payroll {payroll} ({payroll_monthly} a "
        "month × {months}) + the other budget lines {other} = {committed}, above the budget of {total}",
        "渠道投放 {channels}（每月 {channels_monthly} × {months}）+ 人员薪酬 {payroll}（每月 {payroll_monthly} × "
        "{months}）+ 其他预算项 {other} = {committed}，超出了总预算 {total}",
    ),
    "OPS904.hint": (
        "raise budget.total, or cut channel spend, the team or the other lines",
        "提高 budget.total，或者压缩渠道投放、团队或其他预算项",
    ),
    "OPS905": (
        "{lines} ({amount}) is below {what} over the {months}-month budget period ({spend})",
        "{lines}（{amount}）低于 {months} 个月预算期内{what}（{spend}）",
    ),
    "OPS905.one": ("budget line {names}", "预算项 {names}"),
    "OPS905.many": ("budget lines {names} together", "预算项 {names} 合计"),
    "OPS905.people": ("the team's payroll", "团队的薪酬"),
    "OPS905.paid": ("the paid channels' spend", "付费渠道的投放"),
    "OPS905.influencer": ("the influencer channels' spend", "达人渠道的投放"),
    "OPS905.hint": ("raise its share to at least {share}, or spend less", "把它的占比提到至少 {share}，或者少花一些"),
    "OPS906": (
        "the channels' spend × ROI returns {total} of GMV over the {months}-month budget period ({parts}), {ratio} "
        "of the {planned} the goals plan for those months",
        "各渠道投放 × ROI 在 {months} 个月预算期内带回 {total} 的 GMV（{parts}），是目标在这几个月计划的 "
        "{planned} 的 {ratio}",
    ),
    "OPS906.hint": (
        "lower the spend or ROI assumptions, or raise the GMV goals, so the channels return at most the planned GMV",
        "调低投放或 ROI 假设，或者调高 GMV 目标，让渠道带回的 GMV 不超过计划",
    ),
    "OPS907": (
        "campaign {name!r} aims at a GMV of {gmv}, more than the {monthly} the goal trajectory plans for its whole "
        "month (plan month {month}, from {first})",
        "活动「{name}」的 GMV 目标是 {gmv}，比目标轨迹给它所在整个月计划的 {monthly} 还多（方案第 {month} 个月，"
        "从 {first} 起）",
    ),
    "OPS907.hint": (
        "lower the campaign's gmv, or raise the monthly GMV goals",
        "调低这个活动的 gmv，或者调高月 GMV 目标",
    ),
    "OPS909.targets": (
        "the goals target {keys}, but the plan has no paid channel to measure them by",
        "目标里有 {keys}，但方案里没有付费渠道来衡量它们",
    ),
    "OPS909.targets_hint": (
        "add a channel of type paid (with roi and monthly_spend), or drop these targets",
        "加一个 type 为 paid 的渠道（带 roi 和 monthly_spend），或者去掉这些目标",
    ),
    "OPS909.role": (
        "the team has a paid-media role ({role!r}), but the plan has no paid channel for it to run",
        "团队里有投放岗位（「{role}」），但方案里没有付费渠道给它跑",
    ),
    "OPS909.role_hint": (
        "add a channel of type paid, or drop the role",
        "加一个 type 为 paid 的渠道，或者去掉这个岗位",
    ),
    "OPS910.target": (
        "the {term}-term target for {key} is {target}, above a sustained paid ROI of {ceiling}",
        "{term}目标里 {key} 定为 {target}，高于付费投放能长期维持的 ROI {ceiling}",
    ),
    "OPS910.target_hint": (
        "check the target; plausibility.roi sets the ceiling",
        "核对一下这个目标；上限由 plausibility.roi 设定",
    ),
    "OPS910.channel": (
        "paid channel {name!r} assumes a ROI of {roi}, above a sustained paid ROI of {ceiling}",
        "付费渠道「{name}」假设 ROI 为 {roi}，高于付费投放能长期维持的 ROI {ceiling}",
    ),
    "OPS910.channel_hint": (
        "check the assumption; plausibility.roi sets the ceiling",
        "核对一下这个假设；上限由 plausibility.roi 设定",
    ),
    # engine findings (plan/findings.py) turned into rules: hints
    "OPS210.hint": (
        "use a name listed in the README (References in text); write $${{ for a literal ${{",
        "用 README（文中引用）里列出的名字；要写字面的 ${{ 请写 $${{",
    ),
    "OPS602.hint": (
        "check the target and the baseline; the metric's direction is listed by `opsplan metrics`",
        "核对目标和基线；指标该往哪个方向走，见 `opsplan metrics`",
    ),
    "OPS603.hint": (
        "a later horizon should keep at least the earlier horizon's level",
        "后一阶段的目标至少要保持前一阶段的水平",
    ),
    "OPS604.hint": ("rates are fractions: 35% is 0.35", "比率写成小数：35% 写作 0.35（或直接写 35%）"),
    "OPS605.hint": ("set a target that moves the metric, or drop it", "定一个能让指标有变化的目标，或者去掉它"),
    "OPS606.hint": ("add today's value under baseline:", "在 baseline: 下面补上现在的数值"),
    "OPS705.hint": (
        "shorten or overlap tasks, or set a later short horizon (goals.short.months)",
        "缩短任务或让任务并行，或者把短期目标往后放（goals.short.months）",
    ),
    "OPS706.hint": (
        "start the tasks it waits for earlier, shorten them, or drop a dependency",
        "让它等待的任务早点开始、缩短工期，或者去掉一个依赖",
    ),
    "OPS707.hint": (
        "anchor it to a campaign inside the plan window, or move the campaign's dates",
        "把它挂到方案周期内的某个活动上，或者调整活动日期",
    ),
    "OPS708.hint": (
        "schedule the tasks the milestone closes before the campaign, or anchor those tasks to it",
        "把里程碑对应的任务排在活动之前，或者把这些任务挂到活动上",
    ),
    "OPS710.hint": (
        "write the campaign's days as MM-DD to place it in every year of the plan, or drop it",
        "把活动日期写成 MM-DD，让它在方案的每一年都出现，或者删掉它",
    ),
    "OPS711.hint": (
        "add that year's campaign with full dates (YYYY-MM-DD) from a lunar calendar",
        "按农历查出那一年的日期，用完整日期（YYYY-MM-DD）另加一条活动",
    ),
    "OPS712.hint": (
        "shorten or reorder the work the milestone closes, move what holds it up, or move the horizon",
        "缩短或调整里程碑收尾的工作，挪开拖住它的任务，或者把这一阶段往后放",
    ),
    "OPS713.hint": (
        "a later milestone keeps at least the level of an earlier one; a goal-acceptance milestone takes 'horizon:'",
        "后面的里程碑至少保持前面的水平；验收阶段目标的里程碑写上“horizon:”",
    ),
    "OPS901.hint": ("raise budget.total or trim the team", "提高 budget.total，或者精简团队"),
    "OPS903.hint": (
        "adjust traffic.monthly_entry_volume, the funnel rates or the monthly_gmv goal",
        "调整 traffic.monthly_entry_volume、漏斗各环节转化率或 monthly_gmv 目标",
    ),
}
