"""What rendering says when it cannot go on (templates, the sandbox, LibreOffice, reference files), in en and zh-CN.

Keys: ``template.*`` loading and rendering templates, ``sandbox.*`` what a user's template may not do, ``pdf.*``
LibreOffice and poppler, ``pptx.*`` and ``docx.*`` the reference files, ``option.*`` options of ``render``.
"""

from __future__ import annotations

from opsplan.i18n import Catalogue, say

RENDER: Catalogue = {
    "template.outside": (
        "{path}: template {name!r} leads outside the template folder {root}; refused",
        "{path}: 模板 {name!r} 指向了模板文件夹 {root} 之外；已拒绝",
    ),
    "template.no_folder": ("{path}: --templates must be an existing folder", "{path}: --templates 必须是已有的文件夹"),
    "template.no_locale": ("no templates for locale {locale!r} in {folder}", "{folder} 里没有语言 {locale!r} 的模板"),
    "template.syntax": ("{where}: template syntax error: {error}", "{where}: 模板语法错误：{error}"),
    "template.not_found": (
        "{where}: template {name!r} not found in the template folders",
        "{where}: 模板文件夹里找不到模板 {name!r}",
    ),
    "template.error": ("{where}: template error ({kind}): {error}", "{where}: 模板出错（{kind}）：{error}"),
    "template.undefined": ("undefined value", "未定义的值"),
    "template.no_name": (
        "no value named {name!r} in the data templates receive",
        "模板拿到的数据里没有名为 {name!r} 的值",
    ),
    "template.no_field": ("no field {name!r}: this mapping has {fields}", "没有字段 {name!r}：这里的字段有 {fields}"),
    "template.did_you_mean": (" (did you mean {name!r}?)", "（是不是 {name!r}？）"),
    "template.control": (
        "{where}: the template writes a control character ({code}) into the plan, which no document may hold; "
        "remove it from the template",
        "{where}: 模板向方案写入了控制字符（{code}），任何文档都不能包含它；请从模板中删去",
    ),
    "template.too_long": (
        "{where}: the template wrote more than {limit} characters; stopped",
        "{where}: 模板输出超过了 {limit} 个字符；已停止",
    ),
    "sandbox.items": (
        "{what} would build {size} items; the limit is {limit}",
        "{what}会生成 {size} 项；上限是 {limit}",
    ),
    "sandbox.repetition": ("repetition", "重复"),
    "sandbox.concatenation": ("concatenation", "拼接"),
    "sandbox.join": ("join", "join 连接"),
    "sandbox.replace": ("replace", "replace 替换"),
    "sandbox.an argument": ("an argument", "一个参数"),
    "sandbox.cpu": (
        "rendering used more than {seconds} seconds of CPU time and was stopped",
        "生成用掉了超过 {seconds} 秒的 CPU 时间，已停止",
    ),
    "sandbox.power": (
        "power would have about {digits} digits; the limit is {limit}",
        "乘方结果大约有 {digits} 位；上限是 {limit}",
    ),
    "sandbox.percent": (
        "'%' formatting of text is not available in templates; use the filters",
        "模板里不能用“%”格式化文字；请用过滤器",
    ),
    "pdf.no_libreoffice": (
        "-f pdf needs LibreOffice, which was not found on PATH or in the usual places; install LibreOffice: "
        "`apt-get install libreoffice-writer-nogui` (Debian, Ubuntu), `brew install --cask libreoffice` (macOS), or "
        "put soffice on PATH",
        "-f pdf 需要 LibreOffice，但在 PATH 和常见安装位置都没有找到；请安装 LibreOffice："
        "`apt-get install libreoffice-writer-nogui`（Debian、Ubuntu）、`brew install --cask libreoffice`（macOS），"
        "或者把 soffice 加到 PATH",
    ),
    "pdf.no_pdfinfo": (
        "-f pdf needs pdfinfo (poppler) to read the pages of the headings; install it: `apt-get install "
        "poppler-utils` (Debian, Ubuntu), `brew install poppler` (macOS)",
        "-f pdf 需要 pdfinfo（poppler）读取各标题所在的页码；请安装："
        "`apt-get install poppler-utils`（Debian、Ubuntu）、`brew install poppler`（macOS）",
    ),
    "pdf.no_pdf": (
        "LibreOffice ({soffice}) made no PDF of the plan's DOCX",
        "LibreOffice（{soffice}）没有把方案的 DOCX 转成 PDF",
    ),
    "pdf.not_started": (
        "LibreOffice ({soffice}) could not be started: {error}",
        "LibreOffice（{soffice}）无法启动：{error}",
    ),
    "pdf.timeout": (
        "LibreOffice took longer than {seconds} s to convert the plan to PDF and was stopped; set OPSPLAN_PDF_TIMEOUT "
        "(seconds) to allow more",
        "LibreOffice 把方案转成 PDF 用了超过 {seconds} 秒，已停止；可以设置 OPSPLAN_PDF_TIMEOUT（秒）放宽时限",
    ),
    "pdf.bad_timeout": (
        "OPSPLAN_PDF_TIMEOUT={value!r}: give the seconds LibreOffice may take, a number above 0 (unset: {default} s)",
        "OPSPLAN_PDF_TIMEOUT={value!r}：请写 LibreOffice 最多可用的秒数，大于 0 的数字（不设置时为 {default} 秒）",
    ),
    "pdf.failed": (
        "LibreOffice ({soffice}) failed to convert the plan to PDF: {detail}",
        "LibreOffice（{soffice}）把方案转成 PDF 失败：{detail}",
    ),
    "pdf.exit": ("exit status {code}", "退出码 {code}"),
    "pdf.poppler": (
        "{tool} (poppler-utils) could not read the PDF: {error}",
        "{tool}（poppler-utils）无法读取 PDF：{error}",
    ),
    "pdf.poppler_made": (
        "{tool} (poppler-utils) could not read the PDF LibreOffice made",
        "{tool}（poppler-utils）无法读取 LibreOffice 生成的 PDF",
    ),
    "pptx.no_title": (
        "{where}: slide layout {name!r} has no title placeholder",
        "{where}: 版式 {name!r} 没有标题占位符",
    ),
    "pptx.default": ("the default deck", "默认汇报稿"),
    "pptx.reference": ("{path}: --reference-pptx", "{path}: --reference-pptx"),
    "pptx.unreadable": (
        "{where}: not a readable presentation ({error})",
        "{where}: 不是能读取的演示文稿（{error}）",
    ),
    "pptx.no_layout": (
        "{where}: no slide layout named {name!r}; the deck needs {title!r} and {body!r} (layouts found: {found})",
        "{where}: 没有名为 {name!r} 的版式；汇报稿需要 {title!r} 和 {body!r}（现有版式：{found}）",
    ),
    "pptx.none": ("none", "无"),
    "pptx.members": (
        "{where}: holds {count} parts, more than the {limit} allowed",
        "{where}: 有 {count} 个部件，超过了上限 {limit}",
    ),
    "pptx.unpacked": (
        "{where}: unpacks to {size} bytes, more than the {limit} allowed",
        "{where}: 解压后有 {size} 字节，超过了上限 {limit}",
    ),
    "pptx.no_presentation": (
        "{where}: not a PowerPoint presentation (no ppt/presentation.xml)",
        "{where}: 不是 PowerPoint 演示文稿（没有 ppt/presentation.xml）",
    ),
    "pptx.not_zip": (
        "{where}: not a PowerPoint presentation (not a ZIP package, or a damaged one)",
        "{where}: 不是 PowerPoint 演示文稿（不是 ZIP 包，或者已损坏）",
    ),
    "docx.prefix": (
        "the reference document binds the prefix {prefix}: to {bound}, not to {uri}",
        "参考文档把前缀 {prefix}: 绑定到了 {bound}，而不是 {uri}",
    ),
    "docx.unusable": (
        "{path}: cannot be used as --reference-docx ({error})",
        "{path}: 不能用作 --reference-docx（{error}）",
    ),
    "option.toc_depth": (
        "--toc-depth: {depth} is not a contents depth; give 1, 2 or 3 (heading levels)",
        "--toc-depth: {depth} 不是目录层级；请给 1、2 或 3（标题级别）",
    ),
    "option.charts": (
        "--charts needs matplotlib: pip install 'opsplan[charts]' (or pip install matplotlib)",
        "--charts 需要 matplotlib：pip install 'opsplan[charts]'（或者 pip install matplotlib）",
    ),
}


def rmsg(key: str, /, **params: object) -> str:
    """Return rendering message ``key`` in the current language."""
    return say(RENDER, key, **params)
