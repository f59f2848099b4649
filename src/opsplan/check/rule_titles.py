"""The titles of the check rules in zh-CN beside their en titles in the rule table, and the title in the language now.

``opsplan rules``, the ``title=`` of GitHub annotations and SARIF's rule descriptions show ``rule_title``; the
README's rule table stays in English (``rules_markdown``).
"""

from __future__ import annotations

from opsplan.check.rule_table import RULES
from opsplan.i18n import Catalogue, say

_ZH = {
    "OPS101": "方案类型要求的章节没有数据",
    "OPS102": "方案类型要求的章节有了但是空的",
    "OPS103": "自由文字字段是空的",
    "OPS104": "目录里的标题正文里没有",
    "OPS105": "标题下面到下一个标题之前没有正文",
    "OPS106": "文档里没有标题",
    "OPS107": "按可能另有含义的写法读取了一个值",
    "OPS108": "文档在句子中间断掉了",
    "OPS109": "章节只有自由文字，没有数据",
    "OPS110": "自己加的章节没有正文，或者排在方案没有的章节后面",
    "OPS111": "自己加的章节用了方案不支持的 Markdown（会原样转义显示）",
    "OPS112": "同一个列表里两项同名（按方案显示的名字）",
    "OPS113": "两个KPI衡量同一个指标（目标、复盘频率和负责人都一样时是错误）",
    "OPS404": "自己加的章节里标题自带编号，方案会去掉它再自动编号",
    "OPS201": "档案的值里有占位文字",
    "OPS202": "标题里有占位文字",
    "OPS203": "文档正文里有占位文字",
    "OPS204": "文字里留着别家店铺的名字",
    "OPS210": "文字里的引用指向不存在的值",
    "OPS301": "两章标题相同",
    "OPS302": "同一章里两节标题相同",
    "OPS303": "档案生成的方案里两章标题相同",
    "OPS401": "编号有缺口",
    "OPS402": "编号重复或顺序不对",
    "OPS403": "小节编号属于别的章",
    "OPS501": "内容支柱占比加起来不是 100%",
    "OPS502": "预算项占比加起来不是 100%",
    "OPS503": "流量渠道占比加起来不是 100%",
    "OPS504": "用户分层占比加起来不是 100%",
    "OPS505": "直播考核权重加起来不是 100%",
    "OPS510": "文字里同一个整体的各部分占比加起来不是 100%",
    "OPS511": "写明的合计与各部分之和不符",
    "OPS601": "某个阶段没有数值目标",
    "OPS602": "目标相对基线的方向反了",
    "OPS603": "目标在后一阶段回落",
    "OPS604": "比率不在 0–1 之间",
    "OPS605": "目标和基线相同",
    "OPS606": "目标没有基线",
    "OPS607": "增长超过经验上限",
    "OPS608": "转化率目标超过上限",
    "OPS611": "两个阶段之间只隔一个月却跳得很大",
    "OPS612": "文字里写的数字与数据不符",
    "OPS620": "同一个值在两处写得不一样",
    "OPS701": "依赖形成了环",
    "OPS702": "依赖了不存在的任务",
    "OPS703": "里程碑没有对应任何任务",
    "OPS704": "里程碑没有验收标准",
    "OPS705": "时间线超出了短期目标的期限",
    "OPS706": "锚定日期的任务赶不上它的日期",
    "OPS707": "锚定的工作不在方案周期内",
    "OPS708": "里程碑晚于它的活动",
    "OPS709": "锚定的既不是活动也不是日期",
    "OPS710": "活动不在方案周期内",
    "OPS711": "农历日期超出了节日表的年份",
    "OPS712": "目标验收里程碑的工作晚于它的阶段目标日期",
    "OPS713": "里程碑的要求比更早的里程碑低，或引用了别的日期的目标",
    "OPS801": "风险没有负责人",
    "OPS802": "风险没有应对措施",
    "OPS803": "高风险没有响应承诺",
    "OPS901": "人力成本超过预算",
    "OPS902": "付费渠道没有 ROI 假设",
    "OPS903": "漏斗推算的 GMV 与 GMV 目标相差太大",
    "OPS904": "承诺的支出超过预算",
    "OPS905": "预算项低于方案在这一项上的花费",
    "OPS906": "渠道带来的 GMV 超过目标计划的 GMV",
    "OPS907": "活动 GMV 超过所在月份的 GMV",
    "OPS908": "文字里写的预算数字与预算不符",
    "OPS909": "有付费目标或岗位却没有付费渠道",
    "OPS910": "ROI 超过上限",
}

TITLES: Catalogue = {rule_id: (rule.title, _ZH.get(rule_id, "")) for rule_id, rule in RULES.items()}


def rule_title(rule_id: str) -> str:
    """Return the title of rule ``rule_id`` in the current language."""
    return say(TITLES, rule_id)


def rules_text() -> str:
    """Return the rule list ``opsplan rules`` prints: id, category, default severity and title, one rule a line."""
    from opsplan.check.messages import msg
    from opsplan.check.reporters import pad

    return "".join(
        f"{rule.id}  {rule.category.value:<17} {pad(msg('report.' + rule.severity.value), 7)} {rule_title(rule.id)}\n"
        for rule in RULES.values()
    )
