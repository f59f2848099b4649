"""What opsplan says about the files it reads and writes and what the CLI reports, in en and zh-CN side by side.

Keys: ``in.*`` reading a user's file (``safeio``), ``package.*`` and ``xml.*`` a ZIP package and its XML parts,
``out.*`` writing output (``fileio``), ``render.*`` and ``said.*`` what ``render`` and the other commands report.
A path in front of a message is followed by ``": "`` in both languages, as the CLI prints every error.
"""

from __future__ import annotations

from opsplan.i18n import Catalogue, say

IO: Catalogue = {
    # reading a user's file
    "in.no_file": ("{path}: no such file", "{path}: 没有这个文件"),
    "in.denied": ("{path}: permission denied", "{path}: 没有读取权限"),
    "in.unreadable": ("{path}: cannot be read ({reason})", "{path}: 无法读取（{reason}）"),
    "in.folder": ("{path}: is a folder, not {what}", "{path}: 这是一个文件夹，不是 {what}"),
    "in.special": (
        "{path}: is not a regular file (a device or pipe?); give {what}",
        "{path}: 不是普通文件（是设备或管道？）；请给出 {what}",
    ),
    "in.too_big": (
        "{path}: file is {size} bytes; {kinds} are limited to {limit} bytes",
        "{path}: 文件有 {size} 字节；{kinds}最多 {limit} 字节",
    ),
    "in.over": (
        "{path}: file is over {limit} bytes; {kinds} are limited to that",
        "{path}: 文件超过 {limit} 字节，{kinds}最多这么大",
    ),
    "what.yaml": ("a YAML file", "YAML 文件"),
    "what.docx": ("a DOCX file", "DOCX 文件"),
    "what.pptx": ("a PowerPoint file", "PowerPoint 文件"),
    "what.actuals": ("a CSV file or a workbook", "CSV 文件或工作簿"),
    "what.document": ("a plan document", "方案文档"),
    "kinds.yaml": ("profiles", "档案"),
    "kinds.docx": ("DOCX files", "DOCX 文件"),
    "kinds.pptx": ("reference presentations", "参考演示文稿"),
    "kinds.actuals": ("actuals files", "实际数据文件"),
    "kinds.document": ("documents", "文档"),
    # a ZIP package (DOCX) and its XML parts
    "package.no_part": (
        "{path}: has no part {name}; is it really a {kind} file?",
        "{path}: 缺少部件 {name}；它真的是 {kind} 文件吗？",
    ),
    "package.zip": ("ZIP package", "ZIP 包"),
    "package.part_too_big": (
        "{path}: part {name} unpacks to {size} bytes, over the {limit} allowed",
        "{path}: 部件 {name} 解压后有 {size} 字节，超过了上限 {limit}",
    ),
    "package.damaged": (
        "{path}: part {name} is damaged ({reason}); save the file again",
        "{path}: 部件 {name} 已损坏（{reason}）；请重新保存文件",
    ),
    "package.part": ("{path}: part {name}", "{path}: 部件 {name}"),
    "package.empty": (
        "{path}: the file is empty (0 bytes); save it again from Word or WPS",
        "{path}: 文件是空的（0 字节）；请在 Word 或 WPS 里重新保存",
    ),
    "package.not_zip": (
        "{path}: not a readable DOCX file (not a ZIP package: {reason})",
        "{path}: 不是能读取的 DOCX 文件（不是 ZIP 包：{reason}）",
    ),
    "package.members": (
        "{path}: holds {count} parts, over the {limit} a DOCX may hold",
        "{path}: 有 {count} 个部件，超过了 DOCX 的上限 {limit}",
    ),
    "package.unpacked": (
        "{path}: unpacks to {size} bytes, over the {limit} a DOCX may hold; is it damaged or a zip bomb?",
        "{path}: 解压后有 {size} 字节，超过了 DOCX 的上限 {limit}；文件是不是损坏了，或者是 ZIP 炸弹？",
    ),
    "package.compression": (
        "{path}: part {name} uses ZIP compression method {method}, which DOCX files do not use; save the file "
        "again from Word or WPS",
        "{path}: 部件 {name} 用了 DOCX 不会用的 ZIP 压缩方法 {method}；请用 Word 或 WPS 重新保存",
    ),
    "package.encrypted": (
        "{path}: part {name} is encrypted; save the file without a password",
        "{path}: 部件 {name} 是加密的；请去掉密码后再保存",
    ),
    "package.twice": (
        "{path}: holds part {name} twice, which Word refuses as damaged; save the file again from Word or WPS",
        "{path}: 部件 {name} 出现了两次，Word 会把它当作损坏的文件；请用 Word 或 WPS 重新保存",
    ),
    "xml.dtd": (
        "{where}: declares a DTD or entities, which a DOCX part never does",
        "{where}: 声明了 DTD 或实体，DOCX 的部件从不这样做",
    ),
    "xml.bad": (
        "{where}: is not well-formed XML ({reason}); save the file again",
        "{where}: 不是格式正确的 XML（{reason}）；请重新保存文件",
    ),
    "xml.unreadable": ("{where}: cannot be read as XML ({reason})", "{where}: 无法按 XML 读取（{reason}）"),
    "xml.root": ("{where}: has root element {found}, not {root}", "{where}: 根元素是 {found}，而不是 {root}"),
    # writing output
    "out.nul_name": ("{path!r}: a file name cannot hold a NUL character", "{path!r}: 文件名里不能有 NUL 字符"),
    "out.symlink": (
        "{path}: is a symbolic link; opsplan does not write through links",
        "{path}: 是符号链接；opsplan 不会通过链接写文件",
    ),
    "out.folder": ("{path}: is a folder; give a file name", "{path}: 是一个文件夹；请给出文件名"),
    "out.special": (
        "{path}: is not a regular file (a device or pipe?); give a file name",
        "{path}: 不是普通文件（是设备或管道？）；请给出文件名",
    ),
    "out.exists": (
        "{path}: already exists; pass --force to overwrite it",
        "{path}: 已经存在；要覆盖请加 --force",
    ),
    "out.read_only": (
        "{path}: the file is read-only; it was left as it was",
        "{path}: 文件是只读的；没有改动它",
    ),
    "out.read_by_command": (
        "{path}: is a file this command reads; write the output elsewhere (-o)",
        "{path}: 是这条命令要读取的文件；请把输出写到别处（-o）",
    ),
    "out.parent_file": ("{path}: is a file, not a folder", "{path}: 是一个文件，不是文件夹"),
    "out.cannot_write": ("{path}: cannot be written ({reason})", "{path}: 无法写入（{reason}）"),
    "out.too_big": (
        "{path}: not written, {size} bytes is over the {limit} an output may have",
        "{path}: 没有写入，{size} 字节超过了输出文件的上限 {limit}",
    ),
    "out.not_written": (
        "{path}: not written, {reason}; any previous file is intact",
        "{path}: 没有写入，{reason}；原有文件保持不变",
    ),
    "out.disk_full": ("the disk is full", "磁盘已满"),
    "out.size_limit": ("the file-size limit was reached", "达到了文件大小上限"),
    "out.nested": ("the path is nested too deeply", "路径嵌套太深"),
    "out.stdout": (
        "error: cannot write to standard output ({reason}); the output is incomplete",
        "错误：无法写入标准输出（{reason}）；输出不完整",
    ),
    "out.surrogate": (
        "{path}: not written, the text holds an unpaired surrogate (U+{code}) at character {at}",
        "{path}: 没有写入，文字第 {at} 个字符处有一个不成对的代理字符（U+{code}）",
    ),
    "out.no_folder": ("{path}: no such folder", "{path}: 没有这个文件夹"),
    "out.in_the_way": (
        "{path}: a file is in the way of the output folder",
        "{path}: 有一个文件占用了输出文件夹的名字",
    ),
    "out.cannot_create": ("{path}: cannot create the folder ({reason})", "{path}: 无法创建文件夹（{reason}）"),
    "out.cannot_stage": ("{path}: cannot write in {folder} ({reason})", "{path}: 无法在 {folder} 里写入（{reason}）"),
    "out.raced": (
        "{path}: was created by another run while this one wrote; nothing was written (pass --force to overwrite)",
        "{path}: 写入期间被另一次运行抢先创建了；这次什么都没有写（要覆盖请加 --force）",
    ),
    # render and the other commands
    "said.wrote": ("wrote {path}", "已写入 {path}"),
    "option.no_file": ("{path}: {option}: no such file", "{path}: {option}: 没有这个文件"),
    "option.no_folder": ("{path}: {option}: no such folder", "{path}: {option}: 没有这个文件夹"),
    "render.unknown_format": (
        "--format: unknown format {unknown}; choose from {choices}",
        "--format: 没有格式 {unknown}；可选：{choices}",
    ),
    "render.no_format": ("--format: give at least one of {choices}", "--format: 至少给出一种：{choices}"),
    "render.both_write": (
        "{path} and {other} would both write {target}; rename one of them",
        "{path} 和 {other} 都会写到 {target}；请把其中一个改名",
    ),
    "render.nothing_written": ("nothing was written:\n{refused}", "什么都没有写：\n{refused}"),
    "render.refused": (
        "{path}: not rendered: the check found errors (listed above); fix them, or pass --draft to render a draft "
        "marked 草稿 / DRAFT",
        "{path}: 没有生成：检查发现了错误（见上方）；请改正，或者加 --draft 生成标有“草稿 / DRAFT”的草稿",
    ),
    "render.failed": (
        "{failed} of {total} profiles failed:\n{failures}",
        "{total} 份档案中有 {failed} 份失败：\n{failures}",
    ),
    "render.not_rendered": (
        "{failed} of {total} profiles were not rendered:\n{failures}",
        "{total} 份档案中有 {failed} 份没有生成：\n{failures}",
    ),
    "render.plan_document": (
        "{path} is a plan document ({suffix}), not a profile: render and serve read a profile (.yaml); "
        "to check a plan document, run opsplan check {path}",
        "{path} 是方案文档（{suffix}），不是档案：render 和 serve 读的是档案（.yaml）；"
        "要检查方案文档，请运行 opsplan check {path}",
    ),
    "render.no_page_numbers": (
        "note: the page numbers in the DOCX contents are estimated, not confirmed by LibreOffice: {missing}",
        "提示：DOCX 目录里的页码是估算的，没有经 LibreOffice 核实：{missing}",
    ),
    "new.no_folder": (
        "{path}: no such folder; create it first (opsplan new writes the file, not the folders above it)",
        "{path}：没有这个文件夹；请先建好它（opsplan new 只写文件，不创建上级文件夹）",
    ),
    "new.no_locale": ("preset {name!r} has no {locale} version", "预设 {name!r} 没有 {locale} 版本"),
    "new.not_loading": (
        "{path}: internal error, the written profile would not load back; nothing written",
        "{path}: 内部错误，写出的档案无法重新读入；什么都没有写",
    ),
    "lang.bad": ("{value!r}: use zh-CN or en", "{value!r}: 请用 zh-CN 或 en"),
}


def iomsg(key: str, /, **params: object) -> str:
    """Return message ``key`` about reading, writing or reporting, in the current language."""
    return say(IO, key, **params)


def write_failure(error: OSError) -> str:
    """Return why a write failed, in the current language where we word it (a full disk, the file-size limit)."""
    import errno

    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return iomsg("out.disk_full")
    if error.errno == errno.EFBIG:
        return iomsg("out.size_limit")
    return error.strerror or str(error)
