"""What ``opsplan --help`` and each command's ``--help`` say, in en and zh-CN side by side.

``HELP`` holds a command's description under its name (``opsplan`` for the root) and an option's or argument's
help under ``command.parameter`` (the parameter's Python name); ``*.parameter`` serves every command that has the
parameter. ``WORDS`` holds the words around them: headings, the usage line, ``[default: …]``, and the names the
help gives to option values and arguments (an option declares ``metavar="folder"`` and the help writes
``FOLDER`` or ``文件夹``).
"""

from __future__ import annotations

from opsplan.i18n import Catalogue

HELP: Catalogue = {
    "opsplan": (
        "Operating plans (运营方案) for shops on Chinese content-commerce platforms: write a shop profile, check it, "
        "render the plan.",
        "为中国内容电商平台上的店铺制定运营方案：写店铺档案，检查它，生成方案。",
    ),
    "opsplan.version": ("Print the version and exit.", "显示版本号后退出。"),
    "opsplan.debug": (
        "Show the traceback above an error's message (or set OPSPLAN_DEBUG=1).",
        "出错时在消息上方显示 Python 的调用栈（traceback）（也可设置 OPSPLAN_DEBUG=1）。",
    ),
    "*.lang": (
        "Language of messages and help: zh-CN or en (default: OPSPLAN_LANG, then a profile's plan.locale, then "
        "LC_ALL/LC_MESSAGES/LANG, then en).",
        "提示信息和帮助的语言：zh-CN 或 en（不写时依次看 OPSPLAN_LANG、档案的 plan.locale、"
        "LC_ALL/LC_MESSAGES/LANG，都没有就用 en）。",
    ),
    "*.help": ("Show this message and exit.", "显示这份帮助后退出。"),
    "*.allow_extends_outside": (
        "Let extends name files outside the profile's folder.",
        "允许 extends 引用档案所在文件夹以外的文件。",
    ),
    "*.templates": (
        "Folder of templates overriding the packaged ones.",
        "模板文件夹：其中的模板替换自带的同名模板。",
    ),
    "presets": ("List the plan kinds (presets), one line each.", "列出方案类型（预设），每种一行。"),
    "presets.locale": (
        "Language of the descriptions: zh-CN or en (default: the language of messages).",
        "说明文字的语言：zh-CN 或 en（默认与提示信息的语言相同）。",
    ),
    "metrics": (
        "List the metric catalogue: key, kind, direction and label.",
        "列出指标目录：键名、类型、方向和名称。",
    ),
    "metrics.locale": (
        "Language of the labels: zh-CN or en (default: the language of messages).",
        "指标名称的语言：zh-CN 或 en（默认与提示信息的语言相同）。",
    ),
    "new": (
        "Write a new shop profile: the kind's skeleton with your answers (or --example, its worked example).",
        "写一份新的店铺档案：方案类型的骨架，填上你的回答（加 --example 则写出这一类型的完整示例）。",
    ),
    "new.path": ("Where to write the new profile.", "新档案写到哪里。"),
    "new.preset": ("Plan kind to start from.", "从哪种方案类型开始。"),
    "new.locale": ("Language of the profile: zh-CN or en.", "档案的语言：zh-CN 或 en。"),
    "new.shop_name": ("The shop's name.", "店铺名称。"),
    "new.start": ("Plan start date, YYYY-MM-DD.", "方案开始日期，写成 YYYY-MM-DD。"),
    "new.no_input": ("Ask nothing; use options and defaults.", "什么都不问，只用选项和默认值。"),
    "new.force": ("Overwrite an existing file.", "覆盖已有的文件。"),
    "new.example": (
        "Write the kind's full worked example instead of a skeleton.",
        "写出这一类型的完整示例，而不是骨架。",
    ),
    "schema": (
        "Print the JSON Schema of the profile (or of the computed plan's JSON view).",
        "输出档案的 JSON Schema（或计算出的方案 JSON 的 Schema）。",
    ),
    "schema.plan": ("The schema of the computed plan's JSON instead.", "改为输出方案 JSON 的 Schema。"),
    "schema.lang": (
        "Language of the descriptions (and of this help): en (default) or zh-CN.",
        "字段说明（以及这份帮助）的语言：en（默认）或 zh-CN。",
    ),
    "render": (
        "Render profiles to plans (Markdown, DOCX, PDF, HTML, XLSX, JSON) and PPTX decks; refused while check "
        "finds errors.",
        "把档案生成方案（Markdown、DOCX、PDF、HTML、XLSX、JSON）和 PPTX 演示文稿；check 发现错误时不生成。",
    ),
    "render.paths": ("Profiles to render.", "要生成方案的档案。"),
    "render.formats": (
        "Formats, comma-separated: md, docx, pdf, json, xlsx, pptx, html.",
        "要生成的格式，用英文逗号分隔：md、docx、pdf、json、xlsx、pptx、html。",
    ),
    "render.out": ("Output folder (created if missing).", "输出文件夹（没有就新建）。"),
    "render.jobs": ("Worker processes, 1-64.", "同时工作的进程数，1–64。"),
    "render.reference_docx": ("DOCX whose styles the output uses.", "参考 DOCX：输出沿用它的样式。"),
    "render.reference_pptx": (
        "PPTX whose master and layouts the deck uses.",
        "参考 PPTX：演示文稿沿用它的母版和版式。",
    ),
    "render.charts": ("Add charts as images (needs matplotlib).", "加入图表图片（需要 matplotlib）。"),
    "render.toc_depth": ("Heading levels in the contents (1-3).", "目录收录几级标题（1–3）。"),
    "render.force": ("Overwrite existing output files.", "覆盖已有的输出文件。"),
    "render.summary": ("Print a summary table instead of files.", "只显示一张汇总表，不写文件。"),
    "render.draft": (
        "Render even with check errors; every page is marked 草稿 / DRAFT.",
        "check 有错误也照样生成；每页都标上“草稿”。",
    ),
    "render.page_numbers": (
        "Page numbers in the DOCX contents. By default estimated by opsplan (no LibreOffice needed); "
        "--page-numbers: confirmed by LibreOffice laying the DOCX out (a few seconds a plan; always so with -f pdf); "
        "--no-page-numbers: the headings alone, chapters after the first following on. Word, WPS and LibreOffice "
        "show the contents without asking to update fields.",
        "DOCX 目录里的页码。默认由 opsplan 估算（不需要 LibreOffice）；--page-numbers：由 LibreOffice 给 DOCX "
        "排版核实（每份方案几秒钟；-f pdf 总是这样）；--no-page-numbers：目录只列标题、不带页码，第一章之后的"
        "各章接着上文排。Word、WPS 和 LibreOffice 打开时都直接显示目录，不提示更新域。",
    ),
    "check": (
        "Check profiles and plan documents for completeness and consistency.",
        "检查档案和方案文档是否完整、前后是否一致。",
    ),
    "check.paths": ("Profiles (.yaml) or plans (.md, .docx).", "档案（.yaml）或方案（.md、.docx）。"),
    "check.strict": ("Warnings fail too.", "有警告也算不通过。"),
    "check.output_format": ("Report format: text, json, github or sarif.", "报告格式：text、json、github 或 sarif。"),
    "check.ignore": (
        "Rule ids to skip (repeat or comma-separate).",
        "要跳过的规则编号（可以写多次，或用英文逗号分隔）。",
    ),
    "rules": (
        "List the check rules: id, category, default severity and what each finds.",
        "列出检查规则：编号、类别、默认级别，以及每条查什么。",
    ),
    "serve": (
        "Preview the plan in a browser; it reloads when the profile, a file it extends or a template changes.",
        "在浏览器里预览方案；档案、它 extends 的文件或模板一有改动就刷新。",
    ),
    "serve.path": ("The profile to preview (.yaml).", "要预览的档案（.yaml）。"),
    "serve.host": ("Address to listen on (warned when not loopback).", "监听的地址（不是本机回环地址时会提醒）。"),
    "serve.port": (
        "Port to listen on, 0-65535; 0 picks a free one.",
        "监听的端口，0–65535；0 表示自动挑一个空闲端口。",
    ),
    "serve.open_browser": ("Open the preview in a browser.", "在浏览器里打开预览。"),
    "track": (
        "Compare actuals with the plan: status, re-forecast, funnel gap, milestones, budget (exit 1: off track).",
        "把实际数据和方案对比：进度、重新预测、漏斗缺口、里程碑、预算（偏离方案时退出码为 1）。",
    ),
    "track.profile": ("The plan's profile (.yaml).", "方案的档案（.yaml）。"),
    "track.actuals": ("Actuals: a .csv, or the plan workbook (.xlsx).", "实际数据：.csv 文件，或方案工作簿（.xlsx）。"),
    "track.as_of": (
        "Review date, YYYY-MM-DD (default: latest period).",
        "复盘日期，写成 YYYY-MM-DD（默认：最近一期）。",
    ),
    "track.formats": (
        "Report files: md, docx, xlsx, json (comma-separated).",
        "要写的报告文件：md、docx、xlsx、json（用英文逗号分隔）。",
    ),
    "track.out": ("Folder for the report files.", "报告文件写到哪个文件夹。"),
    "track.output_format": ("Terminal output: text, github or json.", "终端里的输出格式：text、github 或 json。"),
    "track.tolerance": ("Shortfall still on track, 0.05 = 5%.", "差多少仍算达标，0.05 即 5%。"),
    "track.force": ("Overwrite existing report files.", "覆盖已有的报告文件。"),
}

WORDS: Catalogue = {
    "usage": ("Usage: ", "用法："),
    "options": ("[OPTIONS]", "[选项]"),
    "command_args": ("COMMAND [ARGS]...", "命令 [参数]..."),
    "heading.arguments": ("Arguments:", "参数："),
    "heading.options": ("Options:", "选项："),
    "heading.commands": ("Commands:", "命令："),
    "heading.exit": ("Exit codes:", "退出码："),
    # the root's exit codes, as the README's table gives them
    "exit.0": ("Success.", "成功。"),
    "exit.1": (
        "check found failing findings, render refused a profile with check errors, or track found a metric off track.",
        "check 发现了不通过的问题，render 因检查错误拒绝了档案，或 track 发现有指标偏离方案。",
    ),
    "exit.2": ("Bad input or usage.", "输入或用法有误。"),
    "exit.70": ("Internal error: a bug in opsplan, to be reported.", "内部错误：opsplan 自身的缺陷，请报告。"),
    "exit.72": ("opsplan's installation is damaged: reinstall it.", "opsplan 的安装已损坏：请重新安装。"),
    "exit.signal": ("Stopped by Ctrl-C, SIGTERM or SIGHUP.", "被 Ctrl-C、SIGTERM 或 SIGHUP 停止。"),
    "default": ("default: {value}", "默认：{value}"),
    "required": ("required", "必填"),
    "envvar": ("env var: {name}", "环境变量：{name}"),
    "described": ("{text}  [{extra}]", "{text}［{extra}］"),
    "extra.join": ("; ", "；"),
    # the names of option values and arguments
    "meta.profile": ("PROFILE", "档案"),
    "meta.file": ("FILE", "文件"),
    "meta.docx": ("DOCX", "DOCX 文件"),
    "meta.pptx": ("PPTX", "PPTX 文件"),
    "meta.actuals": ("ACTUALS", "实际数据"),
    "meta.folder": ("FOLDER", "文件夹"),
    "meta.formats": ("FORMATS", "格式"),
    "meta.format": ("FORMAT", "格式"),
    "meta.count": ("N", "个数"),
    "meta.levels": ("LEVELS", "级数"),
    "meta.kind": ("KIND", "类型"),
    "meta.lang": ("LANG", "语言"),
    "meta.name": ("NAME", "名称"),
    "meta.date": ("DATE", "日期"),
    "meta.rules": ("RULES", "规则"),
    "meta.host": ("HOST", "地址"),
    "meta.port": ("PORT", "端口"),
    "meta.share": ("SHARE", "比例"),
}
