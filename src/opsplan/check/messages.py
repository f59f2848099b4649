"""What ``opsplan check`` says, in en and zh-CN side by side: each rule's messages and hints.

Keys are ``<rule id>`` for a rule's message, ``<rule id>.hint`` for its hint, and ``<rule id>.<variant>`` where
a rule says different things in different cases. Rule ids never change with the language.
"""

from __future__ import annotations

from opsplan.check.messages_numbers import NUMBER_RULES
from opsplan.i18n import Catalogue, is_zh, listing, say

__all__ = ["MESSAGES", "Wording", "counted", "listing", "metric_label", "msg", "term", "wording"]

MESSAGES: Catalogue = {
    # 1xx structure
    "OPS101": (
        "chapter {key!r} ({title}) is required for plan kind {kind!r} but the profile has no {keys} data",
        "方案类型 {kind} 要求有「{title}」（{key}）这一章，但档案里没有 {keys} 的数据",
    ),
    "OPS101.hint": ("add `{first}:` (see the {kind} preset)", "补上 `{first}:`（可参照 {kind} 预设）"),
    "OPS102": (
        "chapter {key!r} ({title}) is empty: {keys} holds nothing the plan can show",
        "「{title}」（{key}）这一章是空的：{keys} 里没有方案能用的内容",
    ),
    "OPS102.hint": ("fill in {first} (see the {kind} preset)", "把 {first} 填上（可参照 {kind} 预设）"),
    "OPS103": ("{field} is empty", "{field} 是空的"),
    "OPS103.hint": ("write the text, or delete the key", "把内容写上，或者删掉这个键"),
    "OPS104": (
        "the contents list {entry!r} but the body has no such heading; the plan may be cut off",
        "目录里有「{entry}」，正文却没有这个标题；方案可能被截断了",
    ),
    "OPS104.elsewhere": (
        "the contents list {entry!r} but the body has no such heading (it has {other!r}); the plan may be cut off",
        "目录里有「{entry}」，正文却没有这个标题（正文里是「{other}」）；方案可能被截断了",
    ),
    "OPS104.hint": (
        "write the missing chapter, or take it out of the contents",
        "把缺的这一章补上，或者从目录里删掉",
    ),
    "OPS104.hint_elsewhere": (
        "number the heading as the contents do, or correct the contents",
        "按目录的编号改正文标题，或者改目录",
    ),
    "OPS105": ("heading {heading!r} has no text under it", "标题「{heading}」下面没有内容"),
    "OPS105.hint": ("write the section or remove the heading", "把这一节写上，或者删掉这个标题"),
    "OPS106": (
        "no headings found; a plan needs chapters and sections",
        "文档里找不到标题；一份方案需要分章分节",
    ),
    "OPS106.hint": (
        "use # lines (Markdown) or Heading 1–3 styles (DOCX), or numbered lines such as 一、背景",
        "用 # 开头的行（Markdown）或“标题 1–3”样式（DOCX），也可以写成“一、背景”这样带编号的行",
    ),
    "OPS108": (
        "the document ends mid-sentence under {under!r} ({excerpt!r}); the plan may be cut off",
        "文档在「{under}」下面停在半句话（“{excerpt}”）；方案可能被截断了",
    ),
    "OPS108.hint": (
        "finish the sentence, or add what was lost from the end of the plan",
        "把这句话写完，或者把方案末尾丢掉的内容补回来",
    ),
    "OPS109": (
        "chapter {key!r} ({title}) has only free text (sections.{key}) and no {keys} data; an introduction alone "
        "does not make a chapter, so the plan leaves it out",
        "「{title}」（{key}）这一章只有自由文字（sections.{key}），没有 {keys} 的数据；光有引言撑不起一章，"
        "方案会把它略去",
    ),
    "OPS109.hint": (
        "add `{first}:` data (see the {kind} preset), or remove the chapter from plan.chapters",
        "补上 `{first}:` 的数据（可参照 {kind} 预设），或者从 plan.chapters 里去掉这一章",
    ),
    # 2xx placeholders
    "OPS201.gap": ("{field} is still to be written", "{field} 还没写"),
    "OPS201.gap_hint": (
        "write it (the comment above the key says what goes there); the plan shows the gap until then",
        "把它写上（键上方的注释说明了该写什么）；写好之前方案里会标出这个空缺",
    ),
    "OPS201.number_hint": (
        "write the shop's own figure (the comment above the key says which); until then a draft computes with the "
        "plan kind's figure",
        "填上店铺自己的数字（键上方的注释说明是哪个数）；填好之前，草稿暂用该方案类型的示例数字计算",
    ),
    "OPS201": ("placeholder {found!r} in {field}: {excerpt!r}", "{field} 里还有占位符「{found}」：“{excerpt}”"),
    "OPS201.hint": (
        "replace the placeholder with the real text or figure",
        "把占位符换成实际的文字或数字",
    ),
    "OPS202": ("placeholder {found!r} in heading {heading!r}", "标题「{heading}」里有占位符「{found}」"),
    "OPS202.hint": ("write the real heading text", "写上真正的标题"),
    "OPS203": (
        "placeholder {found!r} in the text under {under!r}: {excerpt!r}",
        "「{under}」下面的正文里有占位符「{found}」：“{excerpt}”",
    ),
    "OPS203.hint": (
        "replace the placeholder with the real content or remove it",
        "把占位符换成实际内容，或者删掉",
    ),
    "start": ("the start", "开头"),
    # 3xx duplicate headings
    "OPS301": (
        "chapter title {heading!r} repeats {first!r} ({where}), ignoring numbers",
        "章标题「{heading}」和「{first}」重复了（{where}，不计编号）",
    ),
    "OPS301.hint": ("merge the two chapters or rename one of them", "把两章合并，或者给其中一章改个名"),
    "OPS302": (
        "section title {heading!r} repeats {first!r} under {parent!r} ({where})",
        "「{parent}」下的小节标题「{heading}」和「{first}」重复了（{where}）",
    ),
    "OPS302.hint": ("merge the two sections or rename one of them", "把两节合并，或者给其中一节改个名"),
    "line": ("line {n}", "第 {n} 行"),
    "paragraph": ("paragraph {n}", "第 {n} 段"),
    "and": ("{a} and {b}", "{a} 和 {b}"),
    # 4xx numbering
    "OPS401.before": (
        "{shown} comes before any {missing}: {missing} is missing",
        "{shown} 前面没有 {missing}：缺了 {missing}",
    ),
    "OPS401.before_hint": (
        "add the {missing} heading or renumber {shown}",
        "补上 {missing} 这个标题，或者给 {shown} 重新编号",
    ),
    "OPS401.jump": (
        "numbering jumps from {before} to {shown}: {gap} is missing",
        "编号从 {before} 跳到了 {shown}：缺了 {gap}",
    ),
    "OPS401.jumps": (
        "numbering jumps from {before} to {shown}: {gap} are missing",
        "编号从 {before} 跳到了 {shown}：缺了 {gap}",
    ),
    "OPS401.hint": (
        "add the missing section or renumber the headings that follow",
        "补上缺的那一节，或者给后面的标题重新编号",
    ),
    "OPS402.again": ("number {shown} is used again after {last}", "编号 {shown} 在 {last} 之后又用了一次"),
    "OPS402.back": ("number {shown} goes back after {last}", "编号在 {last} 之后倒退回了 {shown}"),
    "OPS402.hint": (
        "renumber the headings so each number appears once, in order",
        "重新编号，让每个编号按顺序只出现一次",
    ),
    "OPS403": (
        "section {shown} is under {parent}; expected {expected} there",
        "第 {shown} 节放在 {parent} 下面；那里应该是 {expected}",
    ),
    "OPS403.hint": (
        "renumber it {expected} or move it under {stated}",
        "把它改编为 {expected}，或者挪到 {stated} 下面",
    ),
    # 5xx sums
    "OPS501": ("content pillar shares", "内容支柱的占比"),
    "OPS502": ("budget item shares", "预算各项的占比"),
    "OPS503": ("traffic channel shares", "各流量渠道的占比"),
    "OPS504": ("user segment shares", "各用户分层的占比"),
    "OPS505": ("live evaluation weights", "直播考核各项的权重"),
    "OPS50x": ("{what} sum to {total}, not 100%: {parts}", "{what}加起来是 {total}，不是 100%：{parts}"),
    "OPS50x.add": ("add {gap} so they sum to 100% (1.0)", "再加 {gap}，凑满 100%（1.0）"),
    "OPS50x.take": ("take off {gap} so they sum to 100% (1.0)", "减掉 {gap}，正好 100%（1.0）"),
    "OPS510": (
        "the shares in {excerpt!r} sum to {total}%, not 100%",
        "“{excerpt}”里的占比加起来是 {total}%，不是 100%",
    ),
    "OPS510.hint": (
        "correct the shares so they make up the whole, or name what is left out",
        "改正各项占比，让它们加起来是整体，或者写明剩下的是什么",
    ),
    "OPS510.column": (
        "the {rows} shares in the column {header!r} sum to {total}%, not 100%",
        "「{header}」一栏的 {rows} 个占比加起来是 {total}%，不是 100%",
    ),
    "OPS510.column_hint": ("correct the shares so they make up the whole", "改正各项占比，让它们加起来是整体"),
    "OPS511": (
        "the total {total} is not the sum of its parts ({parts}) in {excerpt!r}",
        "“{excerpt}”里的合计 {total} 不等于各部分之和（{parts}）",
    ),
    "OPS511.hint": ("correct the total or the parts so they agree", "改正合计或各部分，让两边对得上"),
    "OPS511.row": (
        "the total row gives {stated!r} in the column {header!r}, but the rows above it add up to {sum}",
        "「{header}」一栏的合计行写的是 {stated}，但上面各行加起来是 {sum}",
    ),
    "OPS511.row_hint": ("correct the total or the rows so they agree", "改正合计行或各行，让两边对得上"),
    "more": (
        "{message} (and {more} more {rule} findings in this document, not listed)",
        "{message}（本文档另有 {more} 条 {rule}，不再列出）",
    ),
    **NUMBER_RULES,
    # the text report around the findings
    "report.kind.profile": ("profile", "档案"),
    "report.kind.markdown": ("markdown", "Markdown 方案"),
    "report.kind.docx": ("docx", "DOCX 方案"),
    "report.whole_file": ("(whole file)", "（整个文件）"),
    "report.hint": ("hint: {hint}", "建议：{hint}"),
    "report.github_hint": (" (hint: {hint})", "（建议：{hint}）"),
    "report.sarif_hint": (" Hint: {hint}.", " 建议：{hint}。"),
    "report.sarif_rule": (
        "{title} ({applies_to}). Example: {example}",
        "{title}（适用于 {applies_to}）。示例（英文）：{example}",
    ),
    "report.none": ("no findings", "没有发现问题"),
    "report.error": ("error", "错误"),
    "report.warning": ("warning", "警告"),
    "report.info": ("info", "提示"),
    "report.completeness": ("completeness: {file}", "完整度：{file}"),
    "report.chapter": ("chapter", "章节"),
    "report.status": ("status", "状态"),
    "report.errors": ("errors", "错误"),
    "report.warnings": ("warnings", "警告"),
    "status.ok": ("ok", "完整"),
    "status.complete": ("complete", "完整"),
    "status.has findings": ("has findings", "有问题"),
    "status.missing": ("missing", "缺失"),
    "status.empty": ("empty", "空白"),
    "status.intro-only": ("intro-only", "只有引言"),
    "summary.failed": ("FAILED", "未通过"),
    "summary.passed": ("passed", "通过"),
    "summary": (
        "{verdict}: {files} checked, {errors}, {warnings}{infos}{mode}",
        "{verdict}：检查了 {files}，{errors}，{warnings}{infos}{mode}",
    ),
    "summary.file": ("{n} file", "{n} 个文件"),
    "summary.files": ("{n} files", "{n} 个文件"),
    "summary.error": ("{n} error", "{n} 个错误"),
    "summary.errors": ("{n} errors", "{n} 个错误"),
    "summary.warning": ("{n} warning", "{n} 个警告"),
    "summary.warnings": ("{n} warnings", "{n} 个警告"),
    "summary.infos": (", {n} info", "，{n} 条提示"),
    "summary.strict": (" (--strict: warnings fail)", "（--strict：警告也算不通过）"),
    # usage errors of ``opsplan check``
    "format": ("--format {value!r}: use one of {choices}", "--format {value!r}：只能是 {choices} 之一"),
    "ignore": (
        "--ignore: no rule {unknown}; rules are {first}…{last}",
        "--ignore：没有规则 {unknown}；规则编号是 {first}…{last}",
    ),
    "suffix": (
        "{path}: opsplan check reads profiles (.yaml, .yml) and plans (.md, .docx), not {what}",
        "{path}：opsplan check 只检查档案（.yaml、.yml）和方案（.md、.docx），不能检查 {what}",
    ),
    "no_suffix": ("files without a suffix", "没有后缀的文件"),
    "folder": (
        "{path}: is a folder; opsplan check reads files, so name them (opsplan check {path}/*.yaml)",
        "{path}：这是一个文件夹；opsplan check 检查的是文件，请列出其中的文件（opsplan check {path}/*.yaml）",
    ),
}

_TERMS = {"short": ("short", "短期"), "mid": ("mid", "中期"), "long": ("long", "长期")}


def msg(key: str, /, **params: object) -> str:
    """Return check message ``key`` in the current language."""
    return say(MESSAGES, key, **params)


class Wording:
    """A check message not said yet: its key and parameters, said when a finding is kept (``said``).

    A hostile document can hold a million findings of which a report keeps 200 a rule: only those are worded.
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, params: dict[str, object]) -> None:
        self.key, self.params = key, params

    def said(self) -> str:
        """Return the message in the current language, a parameter that is itself a ``Wording`` said first."""
        params = {name: value.said() if isinstance(value, Wording) else value for name, value in self.params.items()}
        return msg(self.key, **params)


def wording(key: str, /, **params: object) -> Wording:
    """Return check message ``key`` with ``params``, to be said later (``Wording.said``)."""
    return Wording(key, params)


def counted(key: str, n: int) -> str:
    """Return ``summary.<key>`` for one, ``summary.<key>s`` for any other count, with the count in it."""
    return msg(f"summary.{key}" if n == 1 else f"summary.{key}s", n=n)


def term(name: str) -> str:
    """Return a goal horizon's name (short, mid, long) as the message language says it."""
    en, zh = _TERMS.get(name, (name, name))
    return zh if is_zh() else en


def metric_label(key: str) -> str:
    """Return a metric's label for a message: 月GMV in Chinese, monthly gmv in English."""
    from opsplan.metrics import CATALOGUE

    metric = CATALOGUE[key]
    return metric.zh if is_zh() else metric.en.lower()
